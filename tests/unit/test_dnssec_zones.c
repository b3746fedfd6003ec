/* dnssec: zones signed on this machine (tests/data/dnssec/make-fixtures.sh:
 * BIND dnssec-signzone for algorithms 5, 7, 8, 10, 13, 14, 15, 16, ldns for
 * 8, 13, 15, Knot for 13, 15, a zone with a revoked KSK), every RRSIG
 * checked record by record, then tampered copies that must fail for the
 * right reason, so that every tp_sig_result_t has a test. Cases no signer
 * tool produces (a signature by a non-zone key, a window across 2106) are
 * signed here with a fixed Ed25519 key. */
#include <string.h>

#include <openssl/evp.h>

#include "dnssec_fixture.h"
#include "runner.h"
#include "trustpath/dnssec.h"

#define NOW 1800000000 /* 2027-01-15, inside 2026-01-01 .. 2036-01-01 */

static const struct {
    const char *file;
    size_t rrsigs;
} signed_zones[] = {
    {"dnssec/bind-alg5.zone", 23},  {"dnssec/bind-alg7.zone", 25},
    {"dnssec/bind-alg8.zone", 23},  {"dnssec/bind-alg10.zone", 23},
    {"dnssec/bind-alg13.zone", 23}, {"dnssec/bind-alg14.zone", 25},
    {"dnssec/bind-alg15.zone", 23}, {"dnssec/bind-alg16.zone", 23},
    {"dnssec/ldns-alg8.zone", 22},  {"dnssec/ldns-alg13.zone", 22},
    {"dnssec/ldns-alg15.zone", 22}, {"dnssec/knot-alg13.zone", 24},
    {"dnssec/knot-alg15.zone", 24},
};

static void test_signed_zones_all_valid(void)
{
    for (size_t i = 0; i < sizeof(signed_zones) / sizeof(signed_zones[0]);
         i++) {
        fx_zone_t z;
        fx_tally_t t;

        fx_load(&z, signed_zones[i].file);
        CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
        CU_ASSERT(z.now >= 1767225600 && z.now <= NOW); /* 2026 .. */
        fx_verify_all(&z, -1, &t);
        CU_ASSERT_EQUAL(t.errors, 0);
        CU_ASSERT_EQUAL(t.total, signed_zones[i].rrsigs);
        CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID], signed_zones[i].rrsigs);
        if (t.by_result[TP_SIG_VALID] != signed_zones[i].rrsigs)
            fprintf(stderr, "\n  %s: %zu of %zu VALID\n", signed_zones[i].file,
                    t.by_result[TP_SIG_VALID], t.total);
        fx_free(&z);
    }
}

/* The revoked KSK's self-signature is KEY_REVOKED, yet cryptographically
 * fine; an RRSIG naming the key's old tag matches only "pre-revoke". */
static void test_revoked_zone(void)
{
    fx_zone_t z;
    fx_tally_t t;
    tp_keycache_t *cache = tp_keycache_new(0);
    const tp_key_t *keys[FX_MAX_KEYS], *revoked = NULL;
    uint8_t apex[TP_NAME_MAX], copy[512];
    tp_verify_ctx_t ctx;
    tp_sig_check_t c;
    size_t nkeys, which, n;
    tp_rr_t set[FX_MAX_SET];

    fx_load(&z, "dnssec/bind-revoked-alg13.zone");
    CU_ASSERT_EQUAL_FATAL(z.err, TP_OK);
    fx_verify_all(&z, -1, &t);
    CU_ASSERT_EQUAL(t.errors, 0);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_KEY_REVOKED], 1);
    CU_ASSERT_EQUAL(t.by_result[TP_SIG_VALID], t.total - 1);

    fx_name("example.test.", apex);
    nkeys = fx_keys(&z, cache, apex, keys, FX_MAX_KEYS);
    for (size_t i = 0; i < nkeys; i++) {
        if (tp_dnskey_is_revoked(tp_key_flags(keys[i])))
            revoked = keys[i];
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(revoked);
    n = fx_rrset(&z, apex, TP_TYPE_DNSKEY, TP_CLASS_IN, set, FX_MAX_SET);
    tp_verify_ctx_init(&ctx, NOW);
    ctx.verify_outside_window = true; /* also run crypto for revoked keys */
    for (size_t i = 0; i < z.rrs.count; i++) {
        tp_rr_t sig = z.rrs.rrs[i];
        if (sig.type != TP_TYPE_RRSIG || fx_covered(&sig) != TP_TYPE_DNSKEY ||
            ((sig.rdata.data[16] << 8) | sig.rdata.data[17]) !=
                tp_key_tag(revoked))
            continue;
        tp_sig_input_t in = {&sig, set, n, revoked, apex};
        CU_ASSERT_EQUAL(tp_rrsig_verify(&ctx, &in, &c), TP_OK);
        CU_ASSERT_EQUAL(c.result, TP_SIG_KEY_REVOKED);
        CU_ASSERT_TRUE(c.crypto_checked);
        CU_ASSERT_TRUE(c.crypto_valid);
        /* The same RRSIG claiming the key's pre-revoke tag. */
        memcpy(copy, sig.rdata.data, sig.rdata.len);
        copy[16] = (uint8_t)(tp_key_tag_pre_revoke(revoked) >> 8);
        copy[17] = (uint8_t)tp_key_tag_pre_revoke(revoked);
        sig.rdata = tp_bytes(copy, sig.rdata.len);
        CU_ASSERT_EQUAL(
            tp_rrsig_verify_keys(&ctx, &in, keys, nkeys, &c, &which), TP_OK);
        CU_ASSERT_EQUAL(c.result, TP_SIG_MATCHES_PRE_REVOKE);
        CU_ASSERT_PTR_EQUAL(keys[which], revoked);
        /* No key at all with that tag. */
        copy[16] ^= 0x55;
        CU_ASSERT_EQUAL(
            tp_rrsig_verify_keys(&ctx, &in, keys, nkeys, &c, &which), TP_OK);
        CU_ASSERT_EQUAL(c.result, TP_SIG_NO_MATCHING_KEY);
        CU_ASSERT_EQUAL(which, SIZE_MAX);
    }
    tp_verify_ctx_clear(&ctx);
    tp_keycache_free(cache);
    fx_free(&z);
}

/* ---- Tampering with one RRset of a signed zone ------------------------- */

typedef struct case_env {
    fx_zone_t z;
    tp_keycache_t *cache;
    const tp_key_t *keys[FX_MAX_KEYS];
    size_t nkeys;
    uint8_t apex[TP_NAME_MAX];
    tp_verify_ctx_t ctx;
} case_env_t;

static bool env_open(case_env_t *e, const char *file)
{
    memset(e, 0, sizeof(*e));
    fx_load(&e->z, file);
    if (e->z.err != TP_OK)
        return false;
    e->cache = tp_keycache_new(0);
    fx_name("example.test.", e->apex);
    e->nkeys = fx_keys(&e->z, e->cache, e->apex, e->keys, FX_MAX_KEYS);
    tp_verify_ctx_init(&e->ctx, NOW);
    return e->nkeys > 0;
}

static void env_close(case_env_t *e)
{
    tp_verify_ctx_clear(&e->ctx);
    tp_keycache_free(e->cache);
    fx_free(&e->z);
}

/* Verify sig over set with all apex keys; the result. */
static tp_sig_result_t run_keys(case_env_t *e, const tp_rr_t *sig,
                                const tp_rr_t *set, size_t n, tp_sig_check_t *c)
{
    size_t which;
    tp_sig_input_t in = {sig, set, n, NULL, e->apex};

    if (tp_rrsig_verify_keys(&e->ctx, &in, e->keys, e->nkeys, c, &which) !=
        TP_OK)
        return TP_SIG_RESULT_COUNT;
    return c->result;
}

/* Verify with one given key (and zone). */
static tp_sig_result_t run_key(case_env_t *e, const tp_rr_t *sig,
                               const tp_rr_t *set, size_t n,
                               const tp_key_t *key, const uint8_t *zone)
{
    tp_sig_check_t c;
    tp_sig_input_t in = {sig, set, n, key, zone};

    if (tp_rrsig_verify(&e->ctx, &in, &c) != TP_OK)
        return TP_SIG_RESULT_COUNT;
    return c.result;
}

/* The key whose tag the RRSIG names. */
static const tp_key_t *signing_key(const case_env_t *e, const tp_rr_t *sig)
{
    uint16_t tag = (uint16_t)(sig->rdata.data[16] << 8 | sig->rdata.data[17]);

    for (size_t i = 0; i < e->nkeys; i++) {
        if (tp_key_tag(e->keys[i]) == tag)
            return e->keys[i];
    }
    return NULL;
}

static tp_rr_t copy_rr(const tp_rr_t *rr, uint8_t *buf)
{
    tp_rr_t out = *rr;

    memcpy(buf, rr->rdata.data, rr->rdata.len);
    out.rdata = tp_bytes(buf, rr->rdata.len);
    return out;
}

/* Replace the signer name of an RRSIG copy. */
static tp_rr_t with_signer(const tp_rr_t *sig, const char *signer, uint8_t *buf)
{
    tp_rdata_view_t v;
    uint8_t name[TP_NAME_MAX];
    size_t nl;
    tp_rr_t out = *sig;

    fx_name(signer, name);
    nl = tp_name_len(name);
    if (tp_rdata_view(TP_TYPE_RRSIG, sig->rdata, &v) != TP_OK)
        return out;
    memcpy(buf, sig->rdata.data, 18);
    memcpy(buf + 18, name, nl);
    memcpy(buf + 18 + nl, v.u.rrsig.signature.data, v.u.rrsig.signature.len);
    out.rdata = tp_bytes(buf, 18 + nl + v.u.rrsig.signature.len);
    return out;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

/* One zone file, the www A RRset (two RRs) and its ZSK signature. */
static void tamper_cases(const char *file)
{
    case_env_t e;
    tp_rr_t set[FX_MAX_SET], sig, t, dup[FX_MAX_SET];
    uint8_t www[TP_NAME_MAX], buf[2048], rd[2][16];
    const tp_rr_t *orig;
    const tp_key_t *zsk, *other = NULL;
    tp_sig_check_t c;
    size_t n;

    CU_ASSERT_FATAL(env_open(&e, file));
    fx_name("www.example.test.", www);
    n = fx_rrset(&e.z, www, TP_TYPE_A, TP_CLASS_IN, set, FX_MAX_SET);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    orig = fx_find(&e.z, "www.example.test.", TP_TYPE_RRSIG, TP_TYPE_A, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    sig = *orig;
    zsk = signing_key(&e, &sig);
    CU_ASSERT_PTR_NOT_NULL_FATAL(zsk);
    for (size_t i = 0; i < e.nkeys; i++) {
        if (e.keys[i] != zsk)
            other = e.keys[i];
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);

    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_VALID);
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, zsk, e.apex), TP_SIG_VALID);
    CU_ASSERT_FALSE(c.is_wildcard);
    CU_ASSERT_FALSE(c.rr_ttl_exceeds_original);

    /* One flipped signature bit. */
    t = copy_rr(&sig, buf);
    buf[t.rdata.len - 1] ^= 0x01;
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_BAD_SIGNATURE);

    /* Changed RDATA: 192.0.2.80 -> 192.0.2.82. */
    memcpy(dup, set, n * sizeof(set[0]));
    memcpy(rd[0], set[0].rdata.data, 4);
    rd[0][3] ^= 0x02;
    dup[0].rdata = tp_bytes(rd[0], 4);
    CU_ASSERT_EQUAL(run_keys(&e, &sig, dup, n, &c), TP_SIG_BAD_SIGNATURE);
    /* A missing RR changes the set too. */
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, 1, &c), TP_SIG_BAD_SIGNATURE);

    /* Reference time after expiration, before inception. */
    e.ctx.now = 2082758400 + 1; /* 2036-01-01T00:00:01Z */
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_EXPIRED);
    CU_ASSERT_FALSE(c.crypto_checked);
    e.ctx.verify_outside_window = true;
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_EXPIRED);
    CU_ASSERT_TRUE(c.crypto_checked && c.crypto_valid);
    e.ctx.verify_outside_window = false;
    e.ctx.now = 1767225600 - 1; /* 2025-12-31T23:59:59Z */
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_NOT_YET_VALID);
    e.ctx.now = NOW;
    t = copy_rr(&sig, buf); /* inception and expiration swapped */
    memcpy(buf + 8, sig.rdata.data + 12, 4);
    memcpy(buf + 12, sig.rdata.data + 8, 4);
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c),
                    TP_SIG_INCEPTION_AFTER_EXPIRATION);

    /* Mixed-case owner and a duplicate RR: still VALID. */
    memcpy(dup, set, n * sizeof(set[0]));
    uint8_t upper[TP_NAME_MAX];
    fx_name("WWW.Example.TEST.", upper);
    dup[0].owner = dup[1].owner = upper;
    dup[2] = set[1];
    dup[2].owner = upper;
    t = sig;
    t.owner = upper;
    CU_ASSERT_EQUAL(run_keys(&e, &t, dup, 3, &c), TP_SIG_VALID);
    CU_ASSERT_EQUAL(c.duplicates_dropped, 1);
    /* Signer name in another case: lowercased before hashing. */
    t = with_signer(&sig, "EXAMPLE.Test.", buf);
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_VALID);

    /* RR TTL above the original TTL: a warning, still VALID. */
    memcpy(dup, set, n * sizeof(set[0]));
    dup[0].ttl = dup[1].ttl = 86400;
    t = sig;
    t.ttl = 86400;
    CU_ASSERT_EQUAL(run_keys(&e, &t, dup, n, &c), TP_SIG_VALID);
    CU_ASSERT_TRUE(c.rr_ttl_exceeds_original);
    CU_ASSERT_TRUE(c.rrsig_ttl_exceeds_original);
    e.ctx.now = 2082758400 - 3600; /* one hour before expiration */
    CU_ASSERT_EQUAL(run_keys(&e, &t, dup, n, &c), TP_SIG_VALID);
    CU_ASSERT_TRUE(c.ttl_beyond_expiration);
    e.ctx.now = NOW;

    /* Wrong signer: the parent "test.", with the zone given. */
    t = with_signer(&sig, "test.", buf);
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_SIGNER_NOT_ZONE);
    /* Without a zone: the key's owner is not the signer. */
    CU_ASSERT_EQUAL(run_key(&e, &t, set, n, zsk, NULL),
                    TP_SIG_KEY_OWNER_MISMATCH);
    t = with_signer(&sig, "other.test.", buf);
    CU_ASSERT_EQUAL(run_key(&e, &t, set, n, zsk, NULL),
                    TP_SIG_OWNER_NOT_IN_ZONE);

    /* Labels larger than the owner's 3 labels. */
    t = copy_rr(&sig, buf);
    buf[3] = 4;
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_LABELS_EXCEED_OWNER);

    /* Type covered and owner checks. */
    const tp_rr_t *aaaa_sig =
        fx_find(&e.z, "www.example.test.", TP_TYPE_RRSIG, TP_TYPE_AAAA, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(aaaa_sig);
    CU_ASSERT_EQUAL(run_keys(&e, aaaa_sig, set, n, &c), TP_SIG_TYPE_MISMATCH);
    const tp_rr_t *mail_sig =
        fx_find(&e.z, "mail.example.test.", TP_TYPE_RRSIG, TP_TYPE_A, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mail_sig);
    CU_ASSERT_EQUAL(run_keys(&e, mail_sig, set, n, &c), TP_SIG_OWNER_MISMATCH);
    t = sig;
    t.rclass = TP_CLASS_CH;
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_OWNER_MISMATCH);

    /* The other key (KSK): tag mismatch; alg mismatch by editing alg. */
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, other, e.apex),
                    TP_SIG_KEY_TAG_MISMATCH);
    t = copy_rr(&sig, buf);
    buf[2] = buf[2] == 13 ? 14 : 13;
    CU_ASSERT_EQUAL(run_key(&e, &t, set, n, zsk, e.apex),
                    TP_SIG_ALGORITHM_MISMATCH);

    /* Truncated signature; truncated RRSIG RDATA. */
    t = sig;
    t.rdata.len -= 1;
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_MALFORMED_SIGNATURE);
    t.rdata.len = 10;
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_MALFORMED_RRSIG);

    env_close(&e);
}

/* DNSKEY flag edits: REVOKE set, ZONE clear, protocol 2. The RRSIG's key
 * tag is edited to the edited key's tag so that the flag check is what
 * fails (with the original tag the key no longer matches at all). */
static void flag_cases(const char *file)
{
    case_env_t e;
    tp_rr_t set[FX_MAX_SET], sig;
    uint8_t www[TP_NAME_MAX], kbuf[1024], sbuf[2048];
    const tp_key_t *zsk;

    static const struct {
        int byte;
        uint8_t mask, set_to;
        tp_sig_result_t want;
    } edits[] = {
        {1, 0x80, 0x80, TP_SIG_KEY_REVOKED},
        {0, 0x01, 0x00, TP_SIG_KEY_NOT_ZONE_KEY},
        {2, 0xff, 0x02, TP_SIG_KEY_BAD_PROTOCOL},
    };

    CU_ASSERT_FATAL(env_open(&e, file));
    fx_name("www.example.test.", www);
    size_t n = fx_rrset(&e.z, www, TP_TYPE_A, TP_CLASS_IN, set, FX_MAX_SET);
    sig = *fx_find(&e.z, "www.example.test.", TP_TYPE_RRSIG, TP_TYPE_A, 0);
    zsk = signing_key(&e, &sig);
    CU_ASSERT_PTR_NOT_NULL_FATAL(zsk);
    for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
        tp_bytes_t rd = tp_key_rdata(zsk);
        tp_key_t *key = NULL;
        tp_rr_t t;
        uint16_t tag;

        memcpy(kbuf, rd.data, rd.len);
        kbuf[edits[i].byte] =
            (uint8_t)((kbuf[edits[i].byte] & ~edits[i].mask) | edits[i].set_to);
        CU_ASSERT_EQUAL_FATAL(tp_key_new(e.apex, tp_bytes(kbuf, rd.len), &key),
                              TP_OK);
        tag = tp_key_tag(key);
        t = copy_rr(&sig, sbuf);
        sbuf[16] = (uint8_t)(tag >> 8), sbuf[17] = (uint8_t)tag;
        CU_ASSERT_EQUAL(run_key(&e, &t, set, n, key, e.apex), edits[i].want);
        /* Unedited tag: the edited key is simply not the signer. */
        CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, key, e.apex),
                        TP_SIG_KEY_TAG_MISMATCH);
        tp_key_free(key);
    }
    env_close(&e);
}

/* A wildcard RRset expanded to a longer name verifies with the RRSIG of
 * *.wild.example.test. (Labels 3), and is reported as a wildcard. */
static void wildcard_case(const char *file)
{
    case_env_t e;
    tp_rr_t set[FX_MAX_SET], sig;
    uint8_t wild[TP_NAME_MAX], expanded[TP_NAME_MAX];
    tp_sig_check_t c;
    size_t n;

    CU_ASSERT_FATAL(env_open(&e, file));
    fx_name("*.wild.example.test.", wild);
    fx_name("Foo.Bar.wild.example.test.", expanded);
    n = fx_rrset(&e.z, wild, TP_TYPE_A, TP_CLASS_IN, set, FX_MAX_SET);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    sig = *fx_find(&e.z, "*.wild.example.test.", TP_TYPE_RRSIG, TP_TYPE_A, 0);
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_VALID);
    CU_ASSERT_FALSE(c.is_wildcard); /* the wildcard owner itself */
    set[0].owner = expanded;
    sig.owner = expanded;
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_VALID);
    CU_ASSERT_TRUE(c.is_wildcard);
    CU_ASSERT_EQUAL(c.rrsig.labels, 3);
    /* With Labels 4, the owner rebuilt is *.bar.wild...: wrong. */
    uint8_t buf[1024];
    tp_rr_t t = copy_rr(&sig, buf);
    buf[3] = 4;
    CU_ASSERT_EQUAL(run_keys(&e, &t, set, n, &c), TP_SIG_BAD_SIGNATURE);
    env_close(&e);
}

/* Embedded names in RDATA (MX exchange) in another case: RFC 4034 6.2
 * lowercases them, so the signature still verifies. */
static void mixed_case_rdata(const char *file)
{
    case_env_t e;
    tp_rr_t set[FX_MAX_SET], sig;
    uint8_t apex[TP_NAME_MAX], rd[FX_MAX_SET][300];
    tp_sig_check_t c;
    size_t n;

    CU_ASSERT_FATAL(env_open(&e, file));
    fx_name("example.test.", apex);
    n = fx_rrset(&e.z, apex, TP_TYPE_MX, TP_CLASS_IN, set, FX_MAX_SET);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    sig = *fx_find(&e.z, "example.test.", TP_TYPE_RRSIG, TP_TYPE_MX, 0);
    for (size_t i = 0; i < n; i++) {
        memcpy(rd[i], set[i].rdata.data, set[i].rdata.len);
        for (size_t j = 2; j < set[i].rdata.len; j++) {
            if (rd[i][j] >= 'a' && rd[i][j] <= 'z')
                rd[i][j] = (uint8_t)(rd[i][j] - 'a' + 'A');
        }
        set[i].rdata = tp_bytes(rd[i], set[i].rdata.len);
    }
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_VALID);
    /* Reversed order of the RRs: sorted before hashing. */
    tp_rr_t swap = set[0];
    set[0] = set[1];
    set[1] = swap;
    CU_ASSERT_EQUAL(run_keys(&e, &sig, set, n, &c), TP_SIG_VALID);
    env_close(&e);
}

static void test_tampered_alg13(void)
{
    tamper_cases("dnssec/bind-alg13.zone");
    flag_cases("dnssec/bind-alg13.zone");
    wildcard_case("dnssec/bind-alg13.zone");
    mixed_case_rdata("dnssec/bind-alg13.zone");
}

static void test_tampered_alg8(void)
{
    tamper_cases("dnssec/bind-alg8.zone");
    flag_cases("dnssec/bind-alg8.zone");
    wildcard_case("dnssec/ldns-alg8.zone");
    mixed_case_rdata("dnssec/bind-alg8.zone");
}

static void test_tampered_alg15(void)
{
    tamper_cases("dnssec/bind-alg15.zone");
    flag_cases("dnssec/ldns-alg15.zone");
    wildcard_case("dnssec/bind-alg15.zone");
    mixed_case_rdata("dnssec/ldns-alg15.zone");
}

/* ---- A local Ed25519 signer for cases no tool produces ------------------ */

typedef struct local_signer {
    EVP_PKEY *priv;
    uint8_t dnskey[4 + 32];
    uint16_t tag;
} local_signer_t;

static bool signer_init(local_signer_t *s, uint16_t flags, uint8_t alg)
{
    uint8_t seed[32];
    size_t len = 32;

    for (size_t i = 0; i < sizeof(seed); i++)
        seed[i] = (uint8_t)(i * 7 + 1);
    s->priv = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
    if (s->priv == NULL ||
        EVP_PKEY_get_raw_public_key(s->priv, s->dnskey + 4, &len) != 1)
        return false;
    s->dnskey[0] = (uint8_t)(flags >> 8);
    s->dnskey[1] = (uint8_t)flags;
    s->dnskey[2] = 3;
    s->dnskey[3] = alg;
    s->tag = tp_dnskey_tag(tp_bytes(s->dnskey, sizeof(s->dnskey)));
    return true;
}

/* An RRSIG RDATA over set, with the given window, signed by s. */
static size_t signer_sign(const local_signer_t *s, const tp_rr_t *set, size_t n,
                          uint32_t inception, uint32_t expiration, uint8_t *out)
{
    uint8_t signer[TP_NAME_MAX];
    size_t sl, sig_len = 64;
    tp_rdata_view_t v;
    tp_buf_t data;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    bool ok = false;

    fx_name("example.test.", signer);
    sl = tp_name_len(signer);
    out[0] = (uint8_t)(set[0].type >> 8), out[1] = (uint8_t)set[0].type;
    out[2] = s->dnskey[3];
    out[3] = (uint8_t)tp_name_rrsig_labels(set[0].owner);
    put32(out + 4, set[0].ttl);
    put32(out + 8, expiration);
    put32(out + 12, inception);
    out[16] = (uint8_t)(s->tag >> 8), out[17] = (uint8_t)s->tag;
    memcpy(out + 18, signer, sl);
    memset(out + 18 + sl, 0, 64); /* placeholder, for the view */
    tp_buf_init(&data, 65536);
    if (md != NULL &&
        tp_rdata_view(TP_TYPE_RRSIG, tp_bytes(out, 18 + sl + 64), &v) ==
            TP_OK &&
        tp_rrsig_signed_data(&v.u.rrsig, set, n, &data, NULL) == TP_OK &&
        EVP_DigestSignInit(md, NULL, NULL, NULL, s->priv) == 1 &&
        EVP_DigestSign(md, out + 18 + sl, &sig_len, data.data, data.len) == 1)
        ok = true;
    tp_buf_clear(&data);
    EVP_MD_CTX_free(md);
    return ok ? 18 + sl + sig_len : 0;
}

static void test_local_signer_cases(void)
{
    case_env_t e;
    local_signer_t zone_key, non_zone, private_alg;
    tp_key_t *kz = NULL, *kn = NULL, *kp = NULL;
    tp_rr_t set[FX_MAX_SET], sig;
    uint8_t www[TP_NAME_MAX], rd[256];
    tp_sig_check_t c;
    size_t n, len;

    CU_ASSERT_FATAL(env_open(&e, "dnssec/bind-alg15.zone"));
    CU_ASSERT_FATAL(signer_init(&zone_key, 257, TP_ALG_ED25519));
    CU_ASSERT_FATAL(signer_init(&non_zone, 0x0001, TP_ALG_ED25519));
    CU_ASSERT_FATAL(signer_init(&private_alg, 257, TP_ALG_PRIVATEDNS));
    CU_ASSERT_EQUAL_FATAL(
        tp_key_new(e.apex, tp_bytes(zone_key.dnskey, 36), &kz), TP_OK);
    CU_ASSERT_EQUAL_FATAL(
        tp_key_new(e.apex, tp_bytes(non_zone.dnskey, 36), &kn), TP_OK);
    CU_ASSERT_EQUAL_FATAL(
        tp_key_new(e.apex, tp_bytes(private_alg.dnskey, 36), &kp), TP_OK);
    fx_name("www.example.test.", www);
    n = fx_rrset(&e.z, www, TP_TYPE_A, TP_CLASS_IN, set, FX_MAX_SET);
    sig = *fx_find(&e.z, "www.example.test.", TP_TYPE_RRSIG, TP_TYPE_A, 0);

    /* Our own signature verifies: the signer and verifier agree. */
    len = signer_sign(&zone_key, set, n, 1767225600u, 2082758400u, rd);
    CU_ASSERT_FATAL(len > 0);
    sig.rdata = tp_bytes(rd, len);
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kz, e.apex), TP_SIG_VALID);

    /* A genuine signature by a key without the ZONE flag. */
    len = signer_sign(&non_zone, set, n, 1767225600u, 2082758400u, rd);
    sig.rdata = tp_bytes(rd, len);
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kn, e.apex),
                    TP_SIG_KEY_NOT_ZONE_KEY);

    /* Algorithm 253 (private): not verifiable here. */
    len = signer_sign(&private_alg, set, n, 1767225600u, 2082758400u, rd);
    sig.rdata = tp_bytes(rd, len);
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kp, e.apex),
                    TP_SIG_UNSUPPORTED_ALGORITHM);

    /* RFC 1982: a window across the 2106 wrap, checked in 2106. */
    len = signer_sign(&zone_key, set, n, 0xffff0000u, 0x00010000u, rd);
    sig.rdata = tp_bytes(rd, len);
    e.ctx.now = (int64_t)0x100000000 + 100; /* 2106-02-07T06:29:56Z */
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kz, e.apex), TP_SIG_VALID);
    e.ctx.now = (int64_t)0xffff8000;
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kz, e.apex), TP_SIG_VALID);
    e.ctx.now = (int64_t)0x100000000 + 0x20000;
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kz, e.apex), TP_SIG_EXPIRED);
    e.ctx.now = (int64_t)0xfffe0000;
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kz, e.apex),
                    TP_SIG_NOT_YET_VALID);
    e.ctx.now = NOW;

    /* A key whose public key does not decode. */
    uint8_t bad[4 + 64];
    tp_key_t *kb = NULL;
    memset(bad, 0x11, sizeof(bad));
    bad[0] = 1, bad[1] = 0, bad[2] = 3, bad[3] = TP_ALG_ECDSAP256SHA256;
    CU_ASSERT_EQUAL_FATAL(tp_key_new(e.apex, tp_bytes(bad, sizeof(bad)), &kb),
                          TP_OK);
    len = signer_sign(&zone_key, set, n, 1767225600u, 2082758400u, rd);
    rd[2] = TP_ALG_ECDSAP256SHA256;
    rd[16] = (uint8_t)(tp_key_tag(kb) >> 8), rd[17] = (uint8_t)tp_key_tag(kb);
    sig.rdata = tp_bytes(rd, len);
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kb, e.apex),
                    TP_SIG_MALFORMED_KEY);
    tp_key_free(kb);

    /* The budget: one more cryptographic check than allowed. */
    len = signer_sign(&zone_key, set, n, 1767225600u, 2082758400u, rd);
    sig.rdata = tp_bytes(rd, len);
    e.ctx.max_crypto = e.ctx.crypto_done + 1;
    CU_ASSERT_EQUAL(run_key(&e, &sig, set, n, kz, e.apex), TP_SIG_VALID);
    tp_sig_input_t in = {&sig, set, n, kz, e.apex};
    CU_ASSERT_EQUAL(tp_rrsig_verify(&e.ctx, &in, &c), TP_ELIMIT);
    e.ctx.max_crypto = 0;
    /* Bad arguments are errors, not results. */
    in.rr_count = 0;
    CU_ASSERT_EQUAL(tp_rrsig_verify(&e.ctx, &in, &c), TP_EINVAL);
    in.rr_count = n;
    in.key = NULL;
    CU_ASSERT_EQUAL(tp_rrsig_verify(&e.ctx, &in, &c), TP_EINVAL);
    tp_rr_t mixed[2] = {set[0], set[0]};
    mixed[1].type = TP_TYPE_AAAA;
    in = (tp_sig_input_t){&sig, mixed, 2, kz, e.apex};
    CU_ASSERT_EQUAL(tp_rrsig_verify(&e.ctx, &in, &c), TP_EINVAL);

    tp_key_free(kz);
    tp_key_free(kn);
    tp_key_free(kp);
    EVP_PKEY_free(zone_key.priv);
    EVP_PKEY_free(non_zone.priv);
    EVP_PKEY_free(private_alg.priv);
    env_close(&e);
}

/* Key tag collisions: verify_keys tries every key with the tag, up to the
 * per-signature cap, and says TP_ELIMIT past it. */
static void test_key_tag_collisions(void)
{
    case_env_t e;
    tp_rr_t set[FX_MAX_SET], sig;
    uint8_t www[TP_NAME_MAX];
    const tp_key_t *zsk;
    tp_key_t *imposter[3];
    const tp_key_t *list[4];
    tp_sig_check_t c;
    size_t which, n;

    CU_ASSERT_FATAL(env_open(&e, "dnssec/bind-alg13.zone"));
    fx_name("www.example.test.", www);
    n = fx_rrset(&e.z, www, TP_TYPE_A, TP_CLASS_IN, set, FX_MAX_SET);
    sig = *fx_find(&e.z, "www.example.test.", TP_TYPE_RRSIG, TP_TYPE_A, 0);
    zsk = signing_key(&e, &sig);
    CU_ASSERT_PTR_NOT_NULL_FATAL(zsk);
    /* Another P-256 key with the same tag: swap two 16-bit words of the
     * public key (the tag sum does not change; the point does). Use the
     * key of another zone file, adjusted until the tag matches. */
    for (size_t i = 0; i < 3; i++) {
        tp_bytes_t rd = tp_key_rdata(zsk);
        uint8_t kb[4 + 64];
        memcpy(kb, rd.data, rd.len);
        /* Swapping octets 4+2k and 4+2k+2 keeps the sum (same parity). */
        uint8_t tmp = kb[4 + 2 * i];
        kb[4 + 2 * i] = kb[4 + 2 * i + 2];
        kb[4 + 2 * i + 2] = tmp;
        CU_ASSERT_EQUAL_FATAL(
            tp_key_new(e.apex, tp_bytes(kb, rd.len), &imposter[i]), TP_OK);
        CU_ASSERT_EQUAL(tp_key_tag(imposter[i]), tp_key_tag(zsk));
        list[i] = imposter[i];
    }
    list[3] = zsk;
    tp_sig_input_t in = {&sig, set, n, NULL, e.apex};
    CU_ASSERT_EQUAL(tp_rrsig_verify_keys(&e.ctx, &in, list, 4, &c, &which),
                    TP_OK);
    CU_ASSERT_EQUAL(c.result, TP_SIG_VALID);
    CU_ASSERT_EQUAL(which, 3);
    e.ctx.max_keys_per_sig = 2;
    CU_ASSERT_EQUAL(tp_rrsig_verify_keys(&e.ctx, &in, list, 4, &c, &which),
                    TP_ELIMIT);
    for (size_t i = 0; i < 3; i++)
        tp_key_free(imposter[i]);
    env_close(&e);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec signed zones", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "dnssec: every RRSIG of signed zones VALID",
                     test_signed_zones_all_valid) ||
        !CU_add_test(s, "dnssec: revoked KSK zone", test_revoked_zone) ||
        !CU_add_test(s, "dnssec: tampered P-256 zone", test_tampered_alg13) ||
        !CU_add_test(s, "dnssec: tampered RSA zone", test_tampered_alg8) ||
        !CU_add_test(s, "dnssec: tampered Ed25519 zone", test_tampered_alg15) ||
        !CU_add_test(s, "dnssec: locally signed cases",
                     test_local_signer_cases) ||
        !CU_add_test(s, "dnssec: key tag collisions", test_key_tag_collisions))
        return -1;
    return 0;
}
