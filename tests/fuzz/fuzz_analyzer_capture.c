/* Fuzz target: the analyzer fed with a capture whose responses come from
 * the fuzzer. The capture describes a fixed path root -> TLD -> zone (one
 * root server, one TLD server, two zone servers) and the questions the
 * probe asks on it; the input supplies the raw DNS message each question
 * got, so the signature, key, DS, NSEC/NSEC3 and canonicalization code see
 * hostile records behind a trust anchor they can actually validate from.
 *
 * Input: a sequence of chunks [slot: 1 byte][length: 2 bytes, big endian]
 * [length bytes]. Slots 0..SLOT_COUNT-1 are responses to the questions of
 * the table below; special slots set the context:
 *   250  the reference time (4 bytes, Unix seconds, big endian)
 *   251  the trust anchors (zone-file text: DS or DNSKEY of the root)
 *   252  the TLD's name (presentation text, default "tp.")
 *   253  the zone's label under the TLD (default "secure-alg13")
 * A slot given twice records two queries (as retries to the same server
 * would be kept). tests/fuzz/mkseed_analyzer.py turns a trustpath capture
 * of a three-level name into such an input (the seed corpus comes from the
 * testbed). The analysis must return TP_OK or TP_ENOMEM; nothing may
 * crash, leak, read out of bounds or take unbounded time (the crypto
 * budget is capped). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/analysis.h"
#include "trustpath/capture.h"
#include "trustpath/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    Z_ROOT,
    Z_TLD,
    Z_ZONE
};

enum {
    Q_APEX,
    Q_CHILD,
    Q_WWW,
    Q_NXD,
    Q_WWW_NXD
};

typedef struct slot {
    int zone; /* asked as an authority for this zone */
    const char *server;
    int name;       /* Q_*: which name is asked */
    uint16_t qtype; /* type asked */
    const char *purpose;
} slot_t;

/* The questions of a probe run on root -> TLD -> zone for www.<zone>. */
static const slot_t slots[] = {
    {Z_ROOT, "127.53.0.1", Q_APEX, TP_TYPE_DNSKEY, "dnskey"},
    {Z_ROOT, "127.53.0.1", Q_APEX, TP_TYPE_SOA, "soa"},
    {Z_ROOT, "127.53.0.1", Q_APEX, TP_TYPE_NS, "ns"},
    {Z_ROOT, "127.53.0.1", Q_CHILD, TP_TYPE_NS, "referral"},
    {Z_ROOT, "127.53.0.1", Q_CHILD, TP_TYPE_DS, "ds"},
    {Z_ROOT, "127.53.0.1", Q_NXD, TP_TYPE_A, "nxdomain-probe"},
    {Z_TLD, "127.53.1.1", Q_APEX, TP_TYPE_DNSKEY, "dnskey"},
    {Z_TLD, "127.53.1.1", Q_APEX, TP_TYPE_NS, "ns"},
    {Z_TLD, "127.53.1.1", Q_CHILD, TP_TYPE_NS, "referral"},
    {Z_TLD, "127.53.1.1", Q_CHILD, TP_TYPE_DS, "ds"},
    {Z_TLD, "127.53.1.1", Q_NXD, TP_TYPE_A, "nxdomain-probe"},
    {Z_TLD, "127.53.1.1", Q_APEX, TP_TYPE_NSEC3PARAM, "nsec3param"},
    {Z_ZONE, "127.53.2.1", Q_APEX, TP_TYPE_DNSKEY, "dnskey"},
    {Z_ZONE, "127.53.2.1", Q_APEX, TP_TYPE_SOA, "soa"},
    {Z_ZONE, "127.53.2.1", Q_APEX, TP_TYPE_NS, "ns"},
    {Z_ZONE, "127.53.2.1", Q_WWW, TP_TYPE_A, "answer"},
    {Z_ZONE, "127.53.2.1", Q_WWW, TP_TYPE_AAAA, "answer"},
    {Z_ZONE, "127.53.2.1", Q_APEX, 65280, "nodata-probe"},
    {Z_ZONE, "127.53.2.1", Q_WWW_NXD, TP_TYPE_A, "nxdomain-probe"},
    {Z_ZONE, "127.53.2.1", Q_APEX, TP_TYPE_CDS, "cds"},
    {Z_ZONE, "127.53.2.1", Q_APEX, TP_TYPE_CDNSKEY, "cdnskey"},
    {Z_ZONE, "127.53.2.1", Q_APEX, TP_TYPE_NSEC3PARAM, "nsec3param"},
    {Z_ZONE, "127.53.2.2", Q_APEX, TP_TYPE_DNSKEY, "dnskey"},
    {Z_ZONE, "127.53.2.2", Q_WWW, TP_TYPE_A, "answer"},
};
#define SLOT_COUNT (sizeof(slots) / sizeof(slots[0]))

#define SLOT_NOW    250
#define SLOT_ANCHOR 251
#define SLOT_TLD    252
#define SLOT_ZONE   253

/* The root key of tests/data/analyzer (a default that validates nothing
 * from the testbed; seeds carry their own anchor). */
static const char default_anchor[] =
    ". IN DS 37100 13 2 "
    "82B616DED5F89E3782626C9AF0D9EC485B869A88A342FBF9CCE7F0DCD9B920A8\n";

typedef struct ctx {
    uint8_t names[5][TP_NAME_MAX]; /* Q_* */
    uint8_t zones[3][TP_NAME_MAX]; /* Z_* */
    uint8_t root_nxd[TP_NAME_MAX];
    int64_t now;
    const char *anchor;
    size_t anchor_len;
} ctx_t;

static int name_of(const char *text, size_t len, const uint8_t *origin,
                   uint8_t *out)
{
    size_t olen;
    return tp_name_from_text(text, len, origin, out, &olen) == TP_OK ? 0 : -1;
}

/* Derive every name of the path from the TLD and zone label texts. */
static int make_names(ctx_t *c, const char *tld, size_t tld_len,
                      const char *label, size_t label_len)
{
    static const uint8_t root[1] = {0};
    uint8_t tmp[TP_NAME_MAX];
    size_t len;

    memcpy(c->zones[Z_ROOT], root, 1);
    if (name_of(tld, tld_len, root, c->zones[Z_TLD]) != 0 ||
        tp_name_labels(c->zones[Z_TLD]) != 1)
        return -1;
    if (label_len == 0 || label_len > 63 || memchr(label, '.', label_len) ||
        memchr(label, '\\', label_len) ||
        tp_name_prepend(c->zones[Z_TLD], (const uint8_t *)label, label_len,
                        c->zones[Z_ZONE], &len) != TP_OK)
        return -1;
    memcpy(c->names[Q_APEX], c->zones[Z_ZONE], tp_name_len(c->zones[Z_ZONE]));
    memcpy(c->names[Q_CHILD], c->zones[Z_ZONE], tp_name_len(c->zones[Z_ZONE]));
    if (tp_name_prepend(c->zones[Z_ZONE], (const uint8_t *)"www", 3,
                        c->names[Q_WWW], &len) != TP_OK ||
        tp_name_prepend(c->zones[Z_ZONE], (const uint8_t *)"zz9nxd00qq", 10,
                        c->names[Q_WWW_NXD], &len) != TP_OK ||
        tp_name_prepend(c->zones[Z_TLD], (const uint8_t *)"zz9nxd00qq", 10, tmp,
                        &len) != TP_OK)
        return -1;
    memcpy(c->names[Q_NXD], tmp, len);
    return 0;
}

/* The name a slot asks, relative to the zone it asks. */
static const uint8_t *slot_qname(const ctx_t *c, const slot_t *s)
{
    switch (s->name) {
    case Q_APEX:
        return c->zones[s->zone];
    case Q_CHILD:
        return c->zones[s->zone + 1];
    case Q_NXD:
        if (s->zone == Z_ROOT)
            return c->root_nxd;
        if (s->zone == Z_TLD)
            return c->names[Q_NXD];
        return c->names[Q_WWW_NXD];
    case Q_WWW:
        return c->names[Q_WWW];
    default:
        return c->names[Q_WWW_NXD];
    }
}

static void add_response(tp_capture_t *cap, const ctx_t *c, const slot_t *s,
                         const uint8_t *bytes, size_t len, uint16_t id)
{
    static const char *const ns_names[] = {"a.root-servers.tp.", "ns1.tld.",
                                           "ns1.zone."};
    uint8_t nsname[TP_NAME_MAX];
    tp_capture_attempt_t at;
    tp_capture_query_t q;

    memset(&q, 0, sizeof(q));
    memset(&at, 0, sizeof(at));
    q.server = s->server;
    q.port = 53;
    if (name_of(ns_names[s->zone], strlen(ns_names[s->zone]), NULL, nsname) ==
        0)
        q.server_name = nsname;
    q.zone = c->zones[s->zone];
    q.purpose = s->purpose;
    q.qname = slot_qname(c, s);
    q.qtype = s->qtype;
    q.qclass = TP_CLASS_IN;
    q.flags.edns = true;
    q.flags.do_bit = true;
    q.flags.udp_size = 1232;
    q.transport = TP_TRANSPORT_UDP;
    q.start_us = 1000u * id;
    q.duration_us = 300;
    /* Bytes that do not parse are what the probe records as malformed. */
    q.outcome = len >= 12 ? TP_OUTCOME_RESPONSE : TP_OUTCOME_MALFORMED;
    q.response = tp_bytes(bytes, len);
    at.id = len >= 2 ? (uint16_t)(bytes[0] << 8 | bytes[1]) : 0;
    at.transport = q.transport;
    at.start_us = q.start_us;
    at.duration_us = q.duration_us;
    at.outcome = q.outcome;
    q.attempts = &at;
    q.attempt_count = 1;
    if (len == 0) {
        q.outcome = at.outcome = TP_OUTCOME_TIMEOUT;
        q.response = tp_bytes(NULL, 0);
    }
    if (tp_capture_add_query(cap, &q, NULL) != TP_OK)
        return; /* out of memory: analyze what is there */
}

/* Reads chunk i; returns the bytes after it or NULL at the end. */
static const uint8_t *chunk(const uint8_t *p, const uint8_t *end, int *slot,
                            const uint8_t **body, size_t *len)
{
    size_t n;

    if (end - p < 3)
        return NULL;
    *slot = p[0];
    n = (size_t)(p[1] << 8 | p[2]);
    p += 3;
    if ((size_t)(end - p) < n)
        n = (size_t)(end - p); /* the last chunk takes what is left */
    *body = p;
    *len = n;
    return p + n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *end = data + size, *p, *body;
    const char *tld = "tp.", *label = "secure-alg13";
    size_t tld_len = 3, label_len = 12, len;
    tp_capture_t *cap;
    tp_arena_t *arena;
    tp_rrlist_t anchors = {0};
    tp_analysis_opts_t opts;
    tp_analyzer_t *an = NULL;
    tp_analysis_t *out = NULL;
    ctx_t c;
    int slot;
    uint16_t id = 0;
    tp_err_t err;

    if (size > 200000)
        return 0;
    memset(&c, 0, sizeof(c));
    c.now = 1795305600; /* 2026-11-22T00:00:00Z */
    c.anchor = default_anchor;
    c.anchor_len = sizeof(default_anchor) - 1;
    for (p = data; (p = chunk(p, end, &slot, &body, &len)) != NULL;) {
        if (slot == SLOT_NOW && len == 4)
            c.now =
                (int64_t)((uint32_t)body[0] << 24 | (uint32_t)body[1] << 16 |
                          (uint32_t)body[2] << 8 | body[3]);
        else if (slot == SLOT_ANCHOR && len > 0) {
            c.anchor = (const char *)body;
            c.anchor_len = len;
        } else if (slot == SLOT_TLD && len > 0) {
            tld = (const char *)body;
            tld_len = len;
        } else if (slot == SLOT_ZONE && len > 0) {
            label = (const char *)body;
            label_len = len;
        }
    }
    if (make_names(&c, tld, tld_len, label, label_len) != 0)
        return 0;
    cap = tp_capture_new();
    arena = tp_arena_new(0);
    if (cap == NULL || arena == NULL)
        goto out;
    if (tp_capture_add_name(cap, c.names[Q_WWW]) != TP_OK ||
        tp_capture_add_type(cap, TP_TYPE_A) != TP_OK ||
        tp_capture_add_type(cap, TP_TYPE_AAAA) != TP_OK)
        goto out;
    for (p = data; (p = chunk(p, end, &slot, &body, &len)) != NULL;) {
        if ((size_t)slot < SLOT_COUNT)
            add_response(cap, &c, &slots[slot], body, len, ++id);
    }
    if (tp_anchors_parse(c.anchor, c.anchor_len, arena, &anchors, NULL) !=
        TP_OK)
        goto out;
    tp_analysis_opts_init(&opts, c.now);
    opts.max_crypto = 64; /* bounded work per input */
    err = tp_analyzer_new(cap, &anchors, &opts, &an);
    if (err == TP_OK) {
        err = tp_analyzer_run(an, c.names[Q_WWW], arena, &out);
        if (err == TP_OK && out == NULL)
            abort();
        if (err == TP_OK && getenv("TP_FUZZ_VERBOSE") != NULL)
            fprintf(stderr, "%s: %llu signatures checked, %zu diagnostics\n",
                    tp_status_str(out->status),
                    (unsigned long long)out->signatures_checked,
                    out->diag_count);
        /* The zone apex and the nonexistent name take other paths. */
        if (err == TP_OK || err == TP_ENOMEM)
            err = tp_analyzer_run(an, c.names[Q_WWW_NXD], arena, &out);
    }
    if (err != TP_OK && err != TP_ENOMEM) {
        fprintf(stderr, "analyzer returned %s\n", tp_err_str(err));
        abort(); /* hostile responses are findings, never errors */
    }
out:
    tp_analyzer_free(an);
    tp_arena_free(arena);
    tp_capture_free(cap);
    return 0;
}
