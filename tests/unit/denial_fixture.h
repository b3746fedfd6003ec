/* Helpers shared by tests/unit/test_dnssec_denial*.c: load a zone fixture
 * from tests/data/denial/, pick the records of one response by owner name,
 * run an evaluation and render facts as text. */
#ifndef TRUSTPATH_TEST_DENIAL_FIXTURE_H
#define TRUSTPATH_TEST_DENIAL_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "trustpath/arena.h"
#include "trustpath/denial.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

#define FX_MAX_RRS 32

typedef struct fx {
    tp_arena_t *arena;
    tp_rrlist_t zone; /* the whole fixture */
    tp_rr_t picked[FX_MAX_RRS];
    size_t picked_count;
    tp_denial_input_t in;
    tp_denial_result_t res;
    char text[TP_NAME_TEXT_MAX]; /* last fx_fact_text() and friends */
} fx_t;

/* A wire name in the fixture's arena (NULL on a bad name). */
static inline const uint8_t *fx_name(fx_t *f, const char *text)
{
    uint8_t buf[TP_NAME_MAX];
    size_t len;

    if (tp_name_from_text(text, strlen(text), NULL, buf, &len) != TP_OK)
        return NULL;
    return tp_arena_memdup(f->arena, buf, len);
}

/* Parse zone text (origin "example.") into f->zone. */
static inline int fx_parse(fx_t *f, const char *text)
{
    uint8_t origin[TP_NAME_MAX];
    size_t origin_len;
    tp_text_error_t err;

    if (tp_name_from_text("example.", 8, NULL, origin, &origin_len) != TP_OK)
        return -1;
    memset(&f->zone, 0, sizeof(f->zone));
    if (tp_zone_parse(text, strlen(text), origin, 3600, f->arena, &f->zone,
                      &err) != TP_OK) {
        CU_FAIL("zone fixture does not parse");
        return -1;
    }
    return 0;
}

/* Load tests/data/<relpath>; with `replace`, every occurrence of from is
 * replaced by to (same length) first, e.g. to clear the opt-out flag. */
static inline int fx_load(fx_t *f, const char *relpath, const char *from,
                          const char *to)
{
    size_t len = 0;
    char *text = tp_test_read_file(relpath, &len);
    int rc;

    memset(f, 0, sizeof(*f));
    f->arena = tp_arena_new(0);
    if (text == NULL || f->arena == NULL) {
        free(text);
        CU_FAIL("cannot read fixture");
        return -1;
    }
    if (from != NULL) {
        size_t n = strlen(from);
        for (char *p = strstr(text, from); p != NULL; p = strstr(p + n, from))
            memcpy(p, to, n);
    }
    rc = fx_parse(f, text);
    free(text);
    tp_denial_input_init(&f->in);
    return rc;
}

static inline void fx_free(fx_t *f)
{
    tp_arena_free(f->arena);
    f->arena = NULL;
}

/* Keep only the records whose owner is one of the NULL-terminated names
 * (in that order); returns how many were found. */
static inline size_t fx_pick(fx_t *f, const char *const *owners)
{
    f->picked_count = 0;
    for (size_t k = 0; owners[k] != NULL; k++) {
        const uint8_t *want = fx_name(f, owners[k]);
        for (size_t i = 0; want != NULL && i < f->zone.count; i++)
            if (tp_name_equal(f->zone.rrs[i].owner, want) &&
                f->picked_count < FX_MAX_RRS)
                f->picked[f->picked_count++] = f->zone.rrs[i];
    }
    return f->picked_count;
}

/* Append every record of text (zone syntax, origin example.) to the pick. */
static inline void fx_add_text(fx_t *f, const char *text)
{
    tp_rrlist_t saved = f->zone;

    if (fx_parse(f, text) == 0)
        for (size_t i = 0; i < f->zone.count; i++)
            if (f->picked_count < FX_MAX_RRS)
                f->picked[f->picked_count++] = f->zone.rrs[i];
    f->zone = saved;
}

/* Evaluate `kind` for qname/qtype in zone "example." with the picked
 * records; returns the tp_err_t. */
static inline tp_err_t fx_eval(fx_t *f, tp_denial_kind_t kind,
                               const char *qname, uint16_t qtype)
{
    f->in.kind = kind;
    f->in.qname = fx_name(f, qname);
    f->in.qtype = qtype;
    f->in.zone = fx_name(f, "example.");
    f->in.rrs = f->picked;
    f->in.rr_count = f->picked_count;
    return tp_denial_evaluate(&f->in, &f->res);
}

/* Text of fact i of the last result ("" if there is no such fact). */
static inline const char *fx_fact_text(fx_t *f, size_t i)
{
    tp_buf_t b;

    f->text[0] = 0;
    if (i >= f->res.fact_count)
        return f->text;
    tp_buf_init(&b, sizeof(f->text) - 1);
    if (tp_denial_fact_to_text(&f->res.facts[i], f->picked, f->picked_count,
                               &b) == TP_OK)
        memcpy(f->text, tp_buf_str(&b), b.len + 1);
    tp_buf_clear(&b);
    return f->text;
}

/* Owner name of the record fact i points at, as text ("-" for none). */
static inline const char *fx_fact_owner(fx_t *f, size_t i)
{
    size_t idx;

    if (i >= f->res.fact_count)
        return "";
    idx = f->res.facts[i].rr_index;
    if (idx == TP_DENIAL_NO_RR || idx >= f->picked_count)
        return "-";
    tp_name_to_text(f->picked[idx].owner, f->text);
    return f->text;
}

/* The closest encloser of the last result as text ("" when none). */
static inline const char *fx_encloser(fx_t *f)
{
    if (!f->res.has_closest_encloser)
        return "";
    tp_name_to_text(f->res.closest_encloser, f->text);
    return f->text;
}

#endif /* TRUSTPATH_TEST_DENIAL_FIXTURE_H */
