/* Signature verification throughput through trustpath's own code path:
 * for one RRSIG of a signed zone fixture, each iteration parses the RRSIG
 * RDATA, rebuilds the signed data (canonical owner, canonical RDATA, sort,
 * duplicates) and verifies it with the DNSKEY's cached EVP_PKEY, i.e. one
 * tp_rrsig_verify call. Prints "alg=<n> verify_per_s=<x>" lines.
 *
 * Usage: bench_verify <seconds> <zone-file> [<zone-file> ...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trustpath/arena.h"
#include "trustpath/dnssec.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

/* CPU time of this process, like `openssl speed` (which counts user CPU
 * time unless given -elapsed): the machine may be shared, and wall time
 * would charge us for other processes. */
static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
            *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

/* The RRSIG over "www" A (two RRs), its RRset and its key. */
static int bench_file(const char *path, double seconds)
{
    size_t len = 0, n = 0;
    char *text = slurp(path, &len);
    tp_arena_t *arena = tp_arena_new(0);
    tp_rrlist_t list = {0};
    tp_text_error_t terr;
    tp_rr_t set[8];
    const tp_rr_t *sig = NULL;
    const tp_key_t *key = NULL;
    tp_keycache_t *cache = tp_keycache_new(0);
    uint8_t www[TP_NAME_MAX], apex[TP_NAME_MAX];
    size_t wl, al;
    tp_verify_ctx_t ctx;
    tp_sig_check_t check;
    int rc = 1;

    if (text == NULL || arena == NULL || cache == NULL ||
        tp_zone_parse(text, len, NULL, 3600, arena, &list, &terr) != TP_OK ||
        tp_name_from_text("www.example.test.", 17, NULL, www, &wl) != TP_OK ||
        tp_name_from_text("example.test.", 13, NULL, apex, &al) != TP_OK) {
        fprintf(stderr, "%s: cannot load\n", path);
        goto out;
    }
    for (size_t i = 0; i < list.count; i++) {
        const tp_rr_t *rr = &list.rrs[i];
        if (!tp_name_equal(rr->owner, www))
            continue;
        if (rr->type == TP_TYPE_A && n < 8)
            set[n++] = *rr;
        if (rr->type == TP_TYPE_RRSIG && rr->rdata.data[1] == TP_TYPE_A)
            sig = rr;
    }
    for (size_t i = 0; sig != NULL && i < list.count; i++) {
        const tp_rr_t *rr = &list.rrs[i];
        const tp_key_t *k;
        if (rr->type != TP_TYPE_DNSKEY ||
            tp_keycache_get(cache, rr->owner, rr->rdata, &k) != TP_OK)
            continue;
        if (tp_key_tag(k) == (sig->rdata.data[16] << 8 | sig->rdata.data[17]))
            key = k;
    }
    if (sig == NULL || key == NULL || n == 0) {
        fprintf(stderr, "%s: no www A RRset, RRSIG or key\n", path);
        goto out;
    }
    tp_verify_ctx_init(&ctx, 1800000000);
    tp_sig_input_t in = {sig, set, n, key, apex};
    if (tp_rrsig_verify(&ctx, &in, &check) != TP_OK ||
        check.result != TP_SIG_VALID) {
        fprintf(stderr, "%s: signature does not verify\n", path);
        tp_verify_ctx_clear(&ctx);
        goto out;
    }
    unsigned long count = 0;
    double start = now_s(), elapsed = 0;
    while (elapsed < seconds) {
        for (int i = 0; i < 64; i++) {
            if (tp_rrsig_verify(&ctx, &in, &check) != TP_OK ||
                check.result != TP_SIG_VALID) {
                fprintf(stderr, "%s: verification failed\n", path);
                tp_verify_ctx_clear(&ctx);
                goto out;
            }
        }
        count += 64;
        elapsed = now_s() - start;
    }
    printf("alg=%u bits=%u signed_data_bytes=%zu verify_per_s=%.0f\n",
           (unsigned)tp_key_algorithm(key), tp_key_bits(key), ctx.scratch.len,
           (double)count / elapsed);
    tp_verify_ctx_clear(&ctx);
    rc = 0;
out:
    tp_keycache_free(cache);
    tp_arena_free(arena);
    free(text);
    return rc;
}

int main(int argc, char **argv)
{
    double seconds;
    int rc = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s seconds zone-file...\n", argv[0]);
        return 2;
    }
    seconds = atof(argv[1]);
    for (int i = 2; i < argc; i++)
        rc |= bench_file(argv[i], seconds);
    return rc;
}
