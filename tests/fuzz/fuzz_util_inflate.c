/* Fuzz target: gzip and raw DEFLATE decoding of arbitrary bytes under a
 * small output limit. Nothing may crash or read out of bounds, the output
 * never exceeds the limit, and a raw stream never claims more input than
 * it was given. */
#include <stdint.h>
#include <stdlib.h>

#include "trustpath/inflate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_buf_t out;
    size_t used = 0;
    const char *why = NULL;
    tp_err_t err;

    tp_buf_init(&out, 1 << 18);
    err = tp_gunzip(tp_bytes(data, size), &out, &why);
    if (out.len > out.max || (err != TP_OK && err != TP_ENOMEM && why == NULL))
        abort();
    tp_buf_clear(&out);
    err = tp_inflate(tp_bytes(data, size), &out, &used, &why);
    if (out.len > out.max || used > size ||
        (err != TP_OK && err != TP_ENOMEM && why == NULL))
        abort();
    tp_buf_clear(&out);
    return 0;
}
