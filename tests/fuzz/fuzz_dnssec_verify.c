/* Fuzz target: DNSKEY -> key, RRSIG checks, signed-data reconstruction and
 * verification, DS matching, key tags, on hostile bytes. Input: a sequence
 * of chunks, each a 2-octet length then that many octets: DNSKEY RDATA,
 * RRSIG RDATA, then the RDATA of up to 8 RRs of the type the RRSIG claims
 * to cover, owned by www.example.test. Nothing may crash, leak or read out
 * of bounds; every call returns a tp_err_t or a result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/dnssec.h"
#include "trustpath/wire.h"

static const uint8_t zone[] = "\7example\4test";
static const uint8_t owner[] = "\3www\7example\4test";

static size_t chunk(const uint8_t **p, size_t *left, tp_bytes_t *out)
{
    size_t n;

    if (*left < 2)
        return 0;
    n = (size_t)((*p)[0] << 8 | (*p)[1]);
    if (n > *left - 2)
        n = *left - 2;
    *out = tp_bytes(*p + 2, n);
    *p += 2 + n;
    *left -= 2 + n;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_bytes_t key_rd, sig_rd, rd;
    tp_rr_t sig, rrs[8];
    size_t n = 0, which;
    tp_key_t *key = NULL;
    tp_verify_ctx_t ctx;
    tp_sig_check_t check;
    tp_buf_t buf;
    tp_ds_t ds;
    tp_ds_result_t dr;
    tp_rdata_view_t view;

    if (!chunk(&data, &size, &key_rd) || !chunk(&data, &size, &sig_rd))
        return 0;
    (void)tp_dnskey_tag(key_rd);
    (void)tp_dnskey_tag_pre_revoke(key_rd);
    if (key_rd.len >= 4)
        (void)tp_dnskey_bits(key_rd.data[3],
                             tp_bytes(key_rd.data + 4, key_rd.len - 4));
    if (tp_key_new(zone, key_rd, &key) != TP_OK)
        return 0;
    sig = (tp_rr_t){owner, TP_TYPE_RRSIG, TP_CLASS_IN, 3600, sig_rd, sig_rd};
    uint16_t type = sig_rd.len >= 2
                        ? (uint16_t)(sig_rd.data[0] << 8 | sig_rd.data[1])
                        : TP_TYPE_A;
    while (n < 8 && chunk(&data, &size, &rd))
        rrs[n++] = (tp_rr_t){owner, type, TP_CLASS_IN, 3600, rd, rd};
    if (n == 0)
        rrs[n++] = (tp_rr_t){owner, type, TP_CLASS_IN, 3600, sig_rd, sig_rd};

    tp_verify_ctx_init(&ctx, 1800000000);
    ctx.verify_outside_window = true;
    tp_sig_input_t in = {&sig, rrs, n, key, zone};
    if (tp_rrsig_verify(&ctx, &in, &check) == TP_OK &&
        (unsigned)check.result >= TP_SIG_RESULT_COUNT)
        abort(); /* a result outside the enum */
    const tp_key_t *keys[1] = {key};
    if (tp_rrsig_verify_keys(&ctx, &in, keys, 1, &check, &which) == TP_OK &&
        check.result == TP_SIG_VALID && which != 0)
        abort(); /* VALID must name the key that verified */
    tp_verify_ctx_clear(&ctx);

    if (tp_rdata_view(TP_TYPE_RRSIG, sig_rd, &view) == TP_OK) {
        tp_buf_init(&buf, 1 << 20);
        if (tp_rrsig_signed_data(&view.u.rrsig, rrs, n, &buf, NULL) == TP_OK &&
            buf.len < view.u.rrsig.signed_part.len)
            abort(); /* the RRSIG prefix is always in the signed data */
        tp_buf_clear(&buf);
    }
    ds = (tp_ds_t){tp_key_tag(key), tp_key_algorithm(key),
                   sig_rd.len > 0 ? sig_rd.data[0] : 2, sig_rd};
    if (tp_ds_match(zone, &ds, key_rd, &dr) == TP_OK &&
        dr > TP_DS_KEY_BAD_PROTOCOL)
        abort();
    tp_key_free(key);
    return 0;
}
