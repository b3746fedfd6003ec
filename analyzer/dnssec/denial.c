/* Denial of existence: entry point, result bookkeeping and the text of
 * facts. The proofs themselves are in nsec.c (RFC 4035 5.4, RFC 6840 4,
 * RFC 9824) and nsec3.c (RFC 5155 8). */
#include <stdlib.h>
#include <string.h>

#include "denial_int.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    const char *name;
    const char *text;
} name_text_t;

#define TP_DENIAL_ROW(code, name, text) {name, text},
static const name_text_t kinds[] = {TP_DENIAL_KIND_MAP(TP_DENIAL_ROW)};
static const name_text_t statuses[] = {TP_DENIAL_STATUS_MAP(TP_DENIAL_ROW)};
static const name_text_t parts[] = {TP_DENIAL_PART_MAP(TP_DENIAL_ROW)};
static const name_text_t reasons[] = {TP_DENIAL_REASON_MAP(TP_DENIAL_ROW)};
#undef TP_DENIAL_ROW

const char *tp_denial_kind_name(tp_denial_kind_t kind)
{
    return (size_t)kind < COUNT_OF(kinds) ? kinds[kind].name : "unknown";
}

const char *tp_denial_status_name(tp_denial_status_t status)
{
    return (size_t)status < COUNT_OF(statuses) ? statuses[status].name
                                               : "unknown";
}

const char *tp_denial_part_name(tp_denial_part_t part)
{
    return (size_t)part < COUNT_OF(parts) ? parts[part].name : "unknown";
}

const char *tp_denial_reason_name(tp_denial_reason_t reason)
{
    return (size_t)reason < COUNT_OF(reasons) ? reasons[reason].name
                                              : "unknown";
}

const char *tp_denial_reason_str(tp_denial_reason_t reason)
{
    return (size_t)reason < COUNT_OF(reasons) ? reasons[reason].text
                                              : "unknown reason";
}

/* ---- Bookkeeping ---- */

tp_denial_fact_t *tp_denial_fact_add(tp_denial_result_t *r,
                                     tp_denial_part_t part, const uint8_t *name)
{
    tp_denial_fact_t *f;

    if (r->fact_count == TP_DENIAL_FACTS_MAX)
        return NULL;
    f = &r->facts[r->fact_count++];
    memset(f, 0, sizeof(*f));
    f->part = part;
    f->ok = false;
    f->reason = TP_DENIAL_R_NO_RECORD;
    f->rr_index = TP_DENIAL_NO_RR;
    if (name != NULL)
        memcpy(f->name, name, tp_name_len(name));
    else
        f->name[0] = 0;
    return f;
}

void tp_denial_fact_ok(tp_denial_fact_t *f, size_t rr_index)
{
    if (f == NULL)
        return;
    f->ok = true;
    f->reason = TP_DENIAL_R_NONE;
    f->rr_index = rr_index;
}

void tp_denial_worsen(tp_denial_result_t *r, tp_denial_status_t status,
                      tp_denial_reason_t reason)
{
    if (status > r->status) {
        r->status = status;
        r->reason = reason;
    }
}

void tp_denial_fact_fail(tp_denial_result_t *r, tp_denial_fact_t *f,
                         size_t rr_index, tp_denial_reason_t reason)
{
    tp_denial_status_t status = TP_DENIAL_CONTRADICTED;

    if (reason == TP_DENIAL_R_NO_RECORD)
        status = TP_DENIAL_MISSING;
    else if (reason == TP_DENIAL_R_OPTOUT)
        status = TP_DENIAL_OPTOUT;
    else if (reason == TP_DENIAL_R_ITERATIONS ||
             reason == TP_DENIAL_R_HASH_BUDGET)
        status = TP_DENIAL_BUDGET;
    if (f != NULL) {
        /* An opt-out cover still covers: the part holds, insecurely. */
        f->ok = reason == TP_DENIAL_R_OPTOUT;
        f->reason = reason;
        f->rr_index = rr_index;
    }
    tp_denial_worsen(r, status, reason);
}

void tp_denial_note(tp_denial_result_t *r, size_t rr_index,
                    tp_denial_reason_t reason)
{
    if (r->note_count < TP_DENIAL_NOTES_MAX) {
        r->notes[r->note_count].rr_index = rr_index;
        r->notes[r->note_count].reason = reason;
    }
    r->note_count++;
}

unsigned tp_denial_common_labels(const uint8_t *a, const uint8_t *b)
{
    unsigned la = tp_name_labels(a);
    unsigned lb = tp_name_labels(b);
    unsigned n = la < lb ? la : lb;

    while (n > 0 && !tp_name_equal(tp_name_suffix(a, n), tp_name_suffix(b, n)))
        n--;
    return n;
}

/* ---- Entry point ---- */

void tp_denial_input_init(tp_denial_input_t *in)
{
    if (in == NULL)
        return;
    memset(in, 0, sizeof(*in));
    in->kind = TP_DENIAL_NXDOMAIN;
    in->max_iterations = TP_NSEC3_ITER_BUDGET_DEFAULT;
    in->max_hashes = TP_DENIAL_HASH_BUDGET_DEFAULT;
}

static void result_init(const tp_denial_input_t *in, tp_denial_result_t *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = in->kind == TP_DENIAL_ENT_NODATA ? TP_DENIAL_NODATA : in->kind;
    out->status = TP_DENIAL_PROVEN;
    out->reason = TP_DENIAL_R_NONE;
    out->nsec3_params_consistent = true;
}

tp_err_t tp_denial_evaluate(const tp_denial_input_t *in,
                            tp_denial_result_t *out)
{
    size_t n_nsec = 0, n_nsec3 = 0;
    tp_denial_result_t *alt = NULL;
    tp_err_t err;

    if (in == NULL || out == NULL || in->qname == NULL || in->zone == NULL ||
        (in->rrs == NULL && in->rr_count > 0) ||
        (size_t)in->kind >= (size_t)TP_DENIAL_KIND_COUNT ||
        !tp_name_is_subdomain(in->qname, in->zone))
        return TP_EINVAL;
    for (size_t i = 0; i < in->rr_count; i++) {
        n_nsec += in->rrs[i].type == TP_TYPE_NSEC;
        n_nsec3 += in->rrs[i].type == TP_TYPE_NSEC3;
    }
    result_init(in, out);
    if (n_nsec3 == 0) {
        err = tp_denial_nsec_eval(in, out);
        if (n_nsec == 0)
            out->mech = TP_DENIAL_MECH_NONE;
        return err;
    }
    if (n_nsec == 0)
        return tp_denial_nsec3_eval(in, out);
    /* Both kinds (RFC 5155 7.1 forbids the mix): keep the better proof and
     * say the zone mixes them. */
    alt = malloc(sizeof(*alt));
    if (alt == NULL)
        return TP_ENOMEM;
    result_init(in, alt);
    err = tp_denial_nsec_eval(in, out);
    if (err == TP_OK)
        err = tp_denial_nsec3_eval(in, alt);
    if (err == TP_OK && alt->status < out->status)
        memcpy(out, alt, sizeof(*out));
    out->mixed = true;
    free(alt);
    return err;
}

/* ---- Text ---- */

static tp_err_t append_name(tp_buf_t *out, const uint8_t *name)
{
    char text[TP_NAME_TEXT_MAX];

    tp_name_to_text(name, text);
    return tp_buf_append_str(out, text);
}

static tp_err_t append_first_label(tp_buf_t *out, const uint8_t *name)
{
    return tp_buf_append(out, name + 1, name[0]);
}

/* "NSEC owner -> next" or "NSEC3 ownerhash -> nexthash". */
static tp_err_t append_record(tp_buf_t *out, const tp_rr_t *rr)
{
    tp_rdata_view_t v;
    tp_err_t err;

    if (tp_rdata_view(rr->type, rr->rdata, &v) != TP_OK)
        v.type = 0;
    if (rr->type == TP_TYPE_NSEC) {
        err = tp_buf_append_str(out, "NSEC ");
        if (err == TP_OK)
            err = append_name(out, rr->owner);
        if (err == TP_OK && v.type == TP_TYPE_NSEC) {
            err = tp_buf_append_str(out, " -> ");
            if (err == TP_OK)
                err = append_name(out, v.u.nsec.next);
        }
        return err;
    }
    err = tp_buf_append_str(out, "NSEC3 ");
    if (err == TP_OK)
        err = append_first_label(out, rr->owner);
    if (err == TP_OK && v.type == TP_TYPE_NSEC3) {
        err = tp_buf_append_str(out, " -> ");
        if (err == TP_OK)
            err = tp_base32hex_encode(v.u.nsec3.next_hashed, out);
    }
    return err;
}

tp_err_t tp_denial_fact_to_text(const tp_denial_fact_t *fact,
                                const tp_rr_t *rrs, size_t rr_count,
                                tp_buf_t *out)
{
    bool has_rr;
    tp_err_t err = TP_OK;

    if (fact == NULL || out == NULL || (size_t)fact->part >= COUNT_OF(parts))
        return TP_EINVAL;
    has_rr = fact->rr_index != TP_DENIAL_NO_RR && rrs != NULL &&
             fact->rr_index < rr_count;
    if (!fact->ok && !has_rr)
        err = tp_buf_printf(out, "missing: no %s ",
                            fact->hash_len > 0 ? "NSEC3" : "NSEC");
    else if (!fact->ok)
        err = tp_buf_append_str(out, "contradicted: ");
    if (err == TP_OK && has_rr) {
        err = append_record(out, &rrs[fact->rr_index]);
        if (err == TP_OK)
            err = tp_buf_append_u8(out, ' ');
    }
    if (err == TP_OK)
        err = tp_buf_printf(out, "%s ", parts[fact->part].text);
    if (err == TP_OK)
        err = append_name(out, fact->name);
    /* The hash of a matched name is the record's owner label: print it
     * only for covered names and missing parts. */
    if (err == TP_OK && fact->hash_len > 0 &&
        (!has_rr || fact->part == TP_DENIAL_PART_QNAME_COVERED ||
         fact->part == TP_DENIAL_PART_WILDCARD_COVERED ||
         fact->part == TP_DENIAL_PART_NEXT_CLOSER)) {
        err = tp_buf_append_str(out, " (hash ");
        if (err == TP_OK)
            err =
                tp_base32hex_encode(tp_bytes(fact->hash, fact->hash_len), out);
        if (err == TP_OK)
            err = tp_buf_append_u8(out, ')');
    }
    if (err == TP_OK && fact->reason != TP_DENIAL_R_NONE &&
        fact->reason != TP_DENIAL_R_NO_RECORD)
        err = tp_buf_printf(out, ": %s", reasons[fact->reason].text);
    return err;
}
