/* Fuzz target: arbitrary zone-file text (origin "example.") is parsed into
 * records, then every denial proof is evaluated for the owner names found
 * (and a name below them) with small budgets. The results must stay inside
 * their tables: statuses and reasons in range, at most TP_DENIAL_FACTS_MAX
 * facts, record indexes inside the input, and every fact printable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/denial.h"
#include "trustpath/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_result(const tp_denial_input_t *in,
                         const tp_denial_result_t *r)
{
    if ((size_t)r->status >= TP_DENIAL_STATUS_COUNT ||
        (size_t)r->reason >= TP_DENIAL_REASON_COUNT ||
        (size_t)r->kind >= TP_DENIAL_KIND_COUNT ||
        r->fact_count > TP_DENIAL_FACTS_MAX ||
        r->hashes_computed > in->max_hashes)
        abort();
    if (r->status == TP_DENIAL_PROVEN && r->reason != TP_DENIAL_R_NONE)
        abort();
    for (size_t i = 0; i < r->fact_count; i++) {
        const tp_denial_fact_t *f = &r->facts[i];
        tp_buf_t b;

        if (f->rr_index != TP_DENIAL_NO_RR && f->rr_index >= in->rr_count)
            abort();
        if (r->status == TP_DENIAL_PROVEN && !f->ok)
            abort();
        tp_buf_init(&b, 4096);
        if (tp_denial_fact_to_text(f, in->rrs, in->rr_count, &b) != TP_OK)
            abort();
        tp_buf_clear(&b);
    }
}

static void evaluate_all(const tp_rrlist_t *list, const uint8_t *zone,
                         const uint8_t *qname)
{
    static const uint16_t qtypes[] = {TP_TYPE_A, TP_TYPE_DS, TP_TYPE_CNAME};
    tp_denial_input_t in;
    tp_denial_result_t r;

    for (int k = 0; k < TP_DENIAL_KIND_COUNT; k++)
        for (size_t t = 0; t < sizeof(qtypes) / sizeof(qtypes[0]); t++) {
            tp_denial_input_init(&in);
            in.kind = (tp_denial_kind_t)k;
            in.qname = qname;
            in.qtype = qtypes[t];
            in.zone = zone;
            in.rrs = list->rrs;
            in.rr_count = list->count;
            in.wildcard_labels = tp_name_labels(zone) + (unsigned)t;
            in.max_iterations = 20;
            in.max_hashes = 64;
            if (tp_denial_evaluate(&in, &r) != TP_OK)
                continue;
            check_result(&in, &r);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t zone[] = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
    tp_arena_t *arena = tp_arena_new(0);
    tp_rrlist_t list = {0};

    if (arena == NULL)
        return 0;
    if (tp_zone_parse((const char *)data, size, zone, 3600, arena, &list,
                      NULL) == TP_OK &&
        list.count <= 64) {
        evaluate_all(&list, zone, zone);
        for (size_t i = 0; i < list.count; i++) {
            uint8_t below[TP_NAME_MAX];
            size_t len;

            if (!tp_name_is_subdomain(list.rrs[i].owner, zone))
                continue;
            evaluate_all(&list, zone, list.rrs[i].owner);
            if (tp_name_prepend(list.rrs[i].owner, (const uint8_t *)"q", 1,
                                below, &len) == TP_OK)
                evaluate_all(&list, zone, below);
        }
    }
    tp_arena_free(arena);
    return 0;
}
