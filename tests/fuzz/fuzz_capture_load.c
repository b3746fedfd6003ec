/* Fuzz target: the capture loader on arbitrary bytes. Every input must
 * either load (and then survive a write and a second load of the result)
 * or fail with a message; nothing may crash, leak or read out of bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_capture_limits_t lim;
    tp_capture_error_t e;
    tp_capture_t *cap = NULL, *again = NULL;
    tp_buf_t out;

    tp_capture_limits_default(&lim);
    lim.max_document = 1 << 20;
    lim.max_queries = 1000;
    if (tp_capture_from_json((const char *)data, size, &lim, &cap, &e) !=
        TP_OK) {
        if (e.message[0] == '\0')
            abort(); /* every failure must say why */
        return 0;
    }
    tp_buf_init(&out, 8u << 20);
    if (tp_capture_to_json(cap, false, &out) == TP_OK &&
        tp_capture_from_json((const char *)out.data, out.len, NULL, &again,
                             &e) != TP_OK)
        abort(); /* what we write, we must read */
    tp_buf_clear(&out);
    tp_capture_free(again);
    tp_capture_free(cap);
    return 0;
}
