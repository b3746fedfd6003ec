/* Fuzz target: the DNSViz importer on arbitrary bytes (JSON or gzip).
 * Every input must either convert, and the capture then survive a write
 * and a reload through the trustpath loader, or fail with a message;
 * nothing may crash, leak or read out of bounds. */
#include <stdint.h>
#include <stdlib.h>

#include "trustpath/capture.h"
#include "trustpath/dnsviz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tp_capture_limits_t lim;
    tp_capture_error_t e;
    tp_dnsviz_info_t info;
    tp_capture_t *cap = NULL, *again = NULL;
    tp_buf_t out;

    (void)tp_dnsviz_detect(data, size);
    tp_capture_limits_default(&lim);
    lim.max_document = 1 << 20;
    lim.max_queries = 1000;
    if (tp_capture_from_dnsviz(data, size, &lim, &cap, &info, &e) != TP_OK) {
        if (e.message[0] == '\0')
            abort(); /* every failure must say why */
        return 0;
    }
    if (info.response_count != cap->query_count)
        abort();
    tp_buf_init(&out, 8u << 20);
    if (tp_capture_to_json(cap, false, &out) == TP_OK &&
        tp_capture_from_json((const char *)out.data, out.len, NULL, &again,
                             &e) != TP_OK)
        abort(); /* a converted capture is a valid capture */
    tp_buf_clear(&out);
    tp_capture_free(again);
    tp_capture_free(cap);
    return 0;
}
