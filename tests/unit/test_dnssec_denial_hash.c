/* dnssec denial: NSEC3 hashing (RFC 5155 section 5 and Appendix A), owner
 * hash decoding, hash-order covering with wrap-around, NSEC canonical-order
 * covering, the RFC 9276 policy bits and the iteration budget. */
#include <stdio.h>
#include <string.h>

#include "denial_fixture.h"

static const uint8_t salt_aabbccdd[] = {0xaa, 0xbb, 0xcc, 0xdd};

/* H(name) as base32hex text into out (at least 64 bytes); the tp_err_t. */
static tp_err_t hash_text(const char *name, tp_bytes_t salt, uint16_t iter,
                          uint32_t max_iter, char *out, size_t out_len)
{
    uint8_t wire[TP_NAME_MAX], hash[TP_NSEC3_HASH_MAX];
    size_t wire_len, hash_len = 0;
    tp_buf_t b;
    tp_err_t err;

    out[0] = 0;
    if (tp_name_from_text(name, strlen(name), NULL, wire, &wire_len) != TP_OK)
        return TP_ESYNTAX;
    err = tp_nsec3_hash(wire, TP_NSEC3_HASH_SHA1, salt, iter, max_iter, hash,
                        &hash_len);
    if (err != TP_OK)
        return err;
    tp_buf_init(&b, out_len - 1);
    err = tp_base32hex_encode(tp_bytes(hash, hash_len), &b);
    if (err == TP_OK)
        memcpy(out, tp_buf_str(&b), b.len + 1);
    tp_buf_clear(&b);
    return err;
}

/* Every line of tests/data/denial/rfc5155-hashes.txt: RFC 5155 Appendix A
 * (12 iterations, salt aabbccdd). */
static void test_rfc5155_appendix_a_hashes(void)
{
    size_t len = 0;
    char *text = tp_test_read_file("denial/rfc5155-hashes.txt", &len);
    unsigned checked = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (char *line = text; line != NULL && *line != 0;) {
        char *eol = strchr(line, '\n');
        char name[256], want[64], got[64];

        if (eol != NULL)
            *eol = 0;
        if (line[0] != ';' && sscanf(line, "%255s %63s", name, want) == 2) {
            CU_ASSERT_EQUAL(hash_text(name, tp_bytes(salt_aabbccdd, 4), 12,
                                      TP_NSEC3_ITER_BUDGET_DEFAULT, got,
                                      sizeof(got)),
                            TP_OK);
            if (strcmp(got, want) != 0)
                fprintf(stderr, "H(%s) = %s, want %s\n", name, got, want);
            CU_ASSERT_STRING_EQUAL(got, want);
            checked++;
        }
        line = eol != NULL ? eol + 1 : NULL;
    }
    CU_ASSERT_EQUAL(checked, 16);
    free(text);
}

/* Other parameters: no extra iteration, one iteration, the maximum of
 * 65535 iterations with a 255-octet salt (values computed independently
 * with Python's hashlib), and case-insensitivity of the input name. */
static void test_hash_other_parameters(void)
{
    static const uint8_t ff[] = {0xff};
    uint8_t long_salt[255];
    char got[64];

    for (size_t i = 0; i < sizeof(long_salt); i++)
        long_salt[i] = (uint8_t)i;
    CU_ASSERT_EQUAL(hash_text("example.", tp_bytes(ff, 1), 0, 0, got, 64),
                    TP_OK);
    CU_ASSERT_STRING_EQUAL(got, "s9dp8o2l6jgqgg26ecobtjooe7p019cs");
    CU_ASSERT_EQUAL(
        hash_text("example.", tp_bytes(salt_aabbccdd, 4), 1, 1, got, 64),
        TP_OK);
    CU_ASSERT_STRING_EQUAL(got, "ulddquehrj5jpf50ga76vgqr1oq40133");
    CU_ASSERT_EQUAL(
        hash_text("example.", tp_bytes(long_salt, 255), 65535, 65535, got, 64),
        TP_OK);
    CU_ASSERT_STRING_EQUAL(got, "no95j4cfile8avstr7bn4aj9he18trri");
    CU_ASSERT_EQUAL(
        hash_text("X.W.Example.", tp_bytes(salt_aabbccdd, 4), 12, 12, got, 64),
        TP_OK);
    CU_ASSERT_STRING_EQUAL(got, "b4um86eghhds6nea196smvmlo4ors995");
}

/* Over the budget: TP_ELIMIT at once; unknown algorithm; bad arguments. */
static void test_hash_budget_and_errors(void)
{
    uint8_t wire[TP_NAME_MAX], hash[TP_NSEC3_HASH_MAX];
    size_t wire_len, hash_len = 0;
    char got[64];

    CU_ASSERT_EQUAL(
        hash_text("example.", tp_bytes(salt_aabbccdd, 4), 12, 11, got, 64),
        TP_ELIMIT);
    CU_ASSERT_EQUAL(
        hash_text("example.", tp_bytes(NULL, 0), 65535, 150, got, 64),
        TP_ELIMIT);
    CU_ASSERT_EQUAL_FATAL(
        tp_name_from_text("example.", 8, NULL, wire, &wire_len), TP_OK);
    CU_ASSERT_EQUAL(
        tp_nsec3_hash(wire, 2, tp_bytes(NULL, 0), 0, 0, hash, &hash_len),
        TP_EUNSUPPORTED);
    CU_ASSERT_EQUAL(
        tp_nsec3_hash(NULL, 1, tp_bytes(NULL, 0), 0, 0, hash, &hash_len),
        TP_EINVAL);
    CU_ASSERT_EQUAL(
        tp_nsec3_hash(wire, 1, tp_bytes(NULL, 3), 0, 0, hash, &hash_len),
        TP_EINVAL);
    CU_ASSERT_EQUAL(hash_len, 0);
}

static void test_owner_hash_decoding(void)
{
    fx_t f;
    uint8_t hash[TP_NSEC3_HASH_MAX];
    size_t len = 0;
    const uint8_t *zone;

    memset(&f, 0, sizeof(f));
    f.arena = tp_arena_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f.arena);
    zone = fx_name(&f, "example.");
    CU_ASSERT_EQUAL(
        tp_nsec3_owner_hash(
            fx_name(&f, "0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example."), zone,
            hash, &len),
        TP_OK);
    CU_ASSERT_EQUAL(len, 20);
    CU_ASSERT_EQUAL(hash[0], 0x06); /* "0p" = 00000 11001 -> 0x06 ... */
    /* Not one label below the zone, not base32hex, non-zero pad bits. */
    CU_ASSERT_EQUAL(
        tp_nsec3_owner_hash(
            fx_name(&f, "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.w.example."), zone,
            hash, &len),
        TP_EINVAL);
    CU_ASSERT_EQUAL(tp_nsec3_owner_hash(zone, zone, hash, &len), TP_EINVAL);
    CU_ASSERT_EQUAL(
        tp_nsec3_owner_hash(
            fx_name(&f, "0p9mhaveqvm6t7vbl5lop2u3t2rp3toz.example."), zone,
            hash, &len),
        TP_EMALFORMED);
    CU_ASSERT_EQUAL(
        tp_nsec3_owner_hash(fx_name(&f, "co1.example."), zone, hash, &len),
        TP_EMALFORMED); /* 15 bits: 7 bits left over */
    CU_ASSERT_EQUAL(
        tp_nsec3_owner_hash(fx_name(&f, "cp.example."), zone, hash, &len),
        TP_EMALFORMED); /* "cp": the 2 pad bits are not zero */
    CU_ASSERT_EQUAL(
        tp_nsec3_owner_hash(fx_name(&f, "co.example."), zone, hash, &len),
        TP_OK); /* "co" = "f" */
    CU_ASSERT_EQUAL(len, 1);
    CU_ASSERT_EQUAL(hash[0], 'f');
    fx_free(&f);
}

static void test_hash_covers_with_wrap(void)
{
    uint8_t a[20], b[20], x[20];

    memset(a, 0x20, 20);
    memset(b, 0x80, 20);
    memset(x, 0x50, 20);
    CU_ASSERT_TRUE(tp_nsec3_hash_covers(tp_bytes(a, 20), tp_bytes(b, 20),
                                        tp_bytes(x, 20)));
    CU_ASSERT_FALSE(tp_nsec3_hash_covers(tp_bytes(a, 20), tp_bytes(b, 20),
                                         tp_bytes(a, 20))); /* matches */
    CU_ASSERT_FALSE(tp_nsec3_hash_covers(tp_bytes(a, 20), tp_bytes(b, 20),
                                         tp_bytes(b, 20)));
    /* The last record (b -> a) wraps: covers above b and below a. */
    CU_ASSERT_FALSE(tp_nsec3_hash_covers(tp_bytes(b, 20), tp_bytes(a, 20),
                                         tp_bytes(x, 20)));
    memset(x, 0xf0, 20);
    CU_ASSERT_TRUE(tp_nsec3_hash_covers(tp_bytes(b, 20), tp_bytes(a, 20),
                                        tp_bytes(x, 20)));
    memset(x, 0x01, 20);
    CU_ASSERT_TRUE(tp_nsec3_hash_covers(tp_bytes(b, 20), tp_bytes(a, 20),
                                        tp_bytes(x, 20)));
    /* A one-record chain covers everything but its own hash. */
    CU_ASSERT_TRUE(tp_nsec3_hash_covers(tp_bytes(a, 20), tp_bytes(a, 20),
                                        tp_bytes(x, 20)));
    CU_ASSERT_FALSE(tp_nsec3_hash_covers(tp_bytes(a, 20), tp_bytes(a, 20),
                                         tp_bytes(a, 20)));
    /* Different lengths never cover. */
    CU_ASSERT_FALSE(tp_nsec3_hash_covers(tp_bytes(a, 20), tp_bytes(b, 20),
                                         tp_bytes(x, 19)));
}

/* RFC 4034 6.1 order; the last NSEC (xx.example. -> example.) wraps. */
static void test_nsec_covers_canonical_order(void)
{
    fx_t f;

    memset(&f, 0, sizeof(f));
    f.arena = tp_arena_new(0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f.arena);
    const uint8_t *apex = fx_name(&f, "example.");
    const uint8_t *b = fx_name(&f, "b.example.");
    const uint8_t *ns1 = fx_name(&f, "ns1.example.");
    const uint8_t *xx = fx_name(&f, "xx.example.");

    CU_ASSERT_TRUE(tp_nsec_covers(b, ns1, fx_name(&f, "ml.example."), apex));
    CU_ASSERT_TRUE(tp_nsec_covers(b, ns1, fx_name(&f, "a.b.example."), apex));
    CU_ASSERT_TRUE(tp_nsec_covers(b, ns1, fx_name(&f, "NS0.example."), apex));
    CU_ASSERT_FALSE(tp_nsec_covers(b, ns1, b, apex));
    CU_ASSERT_FALSE(tp_nsec_covers(b, ns1, ns1, apex));
    CU_ASSERT_FALSE(tp_nsec_covers(b, ns1, fx_name(&f, "a.example."), apex));
    CU_ASSERT_TRUE(tp_nsec_covers(xx, apex, fx_name(&f, "z.example."), apex));
    CU_ASSERT_TRUE(
        tp_nsec_covers(xx, apex, fx_name(&f, "a.xx.example."), apex));
    CU_ASSERT_FALSE(tp_nsec_covers(xx, apex, apex, apex));
    CU_ASSERT_FALSE(tp_nsec_covers(xx, apex, fx_name(&f, "a.example."), apex));
    CU_ASSERT_FALSE(tp_nsec_covers(xx, apex, fx_name(&f, "z.other."), apex));
    /* A one-record chain (apex -> apex) covers every other name. */
    CU_ASSERT_TRUE(tp_nsec_covers(apex, apex, fx_name(&f, "a.example."), apex));
    CU_ASSERT_FALSE(tp_nsec_covers(apex, apex, apex, apex));
    fx_free(&f);
}

static void test_policy_bits(void)
{
    CU_ASSERT_EQUAL(tp_nsec3_policy(0, 0), 0);
    CU_ASSERT_EQUAL(tp_nsec3_policy(12, 4),
                    TP_NSEC3_POLICY_ITERATIONS | TP_NSEC3_POLICY_SALT);
    CU_ASSERT_EQUAL(tp_nsec3_policy(50, 0), TP_NSEC3_POLICY_ITERATIONS);
    CU_ASSERT_EQUAL(tp_nsec3_policy(51, 0),
                    TP_NSEC3_POLICY_ITERATIONS | TP_NSEC3_POLICY_BIND_INSECURE);
    CU_ASSERT_EQUAL(tp_nsec3_policy(150, 0),
                    TP_NSEC3_POLICY_ITERATIONS | TP_NSEC3_POLICY_BIND_INSECURE);
    CU_ASSERT_EQUAL(tp_nsec3_policy(151, 1),
                    TP_NSEC3_POLICY_ITERATIONS | TP_NSEC3_POLICY_SALT |
                        TP_NSEC3_POLICY_BIND_INSECURE |
                        TP_NSEC3_POLICY_UNBOUND_INSECURE);
}

static void test_names_tables(void)
{
    CU_ASSERT_STRING_EQUAL(tp_denial_kind_name(TP_DENIAL_NXDOMAIN), "nxdomain");
    CU_ASSERT_STRING_EQUAL(tp_denial_status_name(TP_DENIAL_OPTOUT), "opt-out");
    CU_ASSERT_STRING_EQUAL(tp_denial_part_name(TP_DENIAL_PART_NEXT_CLOSER),
                           "next-closer");
    CU_ASSERT_STRING_EQUAL(tp_denial_reason_name(TP_DENIAL_R_DELEGATION),
                           "delegation");
    CU_ASSERT_STRING_EQUAL(tp_denial_status_name((tp_denial_status_t)99),
                           "unknown");
    CU_ASSERT_STRING_EQUAL(tp_denial_reason_str((tp_denial_reason_t)99),
                           "unknown reason");
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("dnssec denial hash", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "denial: RFC 5155 Appendix A hashes",
                     test_rfc5155_appendix_a_hashes) ||
        !CU_add_test(s, "denial: hashes with other parameters",
                     test_hash_other_parameters) ||
        !CU_add_test(s, "denial: hash budget and errors",
                     test_hash_budget_and_errors) ||
        !CU_add_test(s, "denial: NSEC3 owner hash decoding",
                     test_owner_hash_decoding) ||
        !CU_add_test(s, "denial: NSEC3 covering with wrap-around",
                     test_hash_covers_with_wrap) ||
        !CU_add_test(s, "denial: NSEC covering in canonical order",
                     test_nsec_covers_canonical_order) ||
        !CU_add_test(s, "denial: RFC 9276 policy bits", test_policy_bits) ||
        !CU_add_test(s, "denial: name tables", test_names_tables))
        return -1;
    return 0;
}
