/* Reading a capture file of either kind for analyze, graph, print, check
 * and probe -r: a trustpath capture (docs/capture.md) or a DNSViz probe
 * file, plain or gzip (docs/dnsviz.md). */
#include <stdlib.h>

#include "cli.h"
#include "trustpath/capture.h"
#include "trustpath/dnsviz.h"

#define MAX_CAPTURE (256u * 1024u * 1024u)

int tp_cli_load_capture(const char *path, struct tp_capture **out,
                        int64_t *reference_ms)
{
    tp_capture_error_t cerr = {0};
    size_t len = 0;
    bool dnsviz;
    tp_err_t err;
    char *text = tp_cli_read_file(path, MAX_CAPTURE, &len);

    *out = NULL;
    if (text == NULL)
        return TP_EXIT_INPUT;
    dnsviz = tp_dnsviz_detect(text, len);
    if (dnsviz)
        err = tp_capture_from_dnsviz(text, len, NULL, out, NULL, &cerr);
    else
        err = tp_capture_from_json(text, len, NULL, out, &cerr);
    free(text);
    if (err != TP_OK) {
        if (cerr.line != 0)
            tp_cli_error("%s: %s%s (line %u, column %u)", path,
                         dnsviz ? "DNSViz file: " : "",
                         cerr.message[0] ? cerr.message : tp_err_str(err),
                         cerr.line, cerr.column);
        else
            tp_cli_error("%s: %s%s", path, dnsviz ? "DNSViz file: " : "",
                         cerr.message[0] ? cerr.message : tp_err_str(err));
        return err == TP_ENOMEM ? TP_EXIT_FAIL : TP_EXIT_INPUT;
    }
    if (reference_ms != NULL)
        *reference_ms = (*out)->reference_time_ms != 0
                            ? (*out)->reference_time_ms
                            : (*out)->end_time_ms;
    return TP_EXIT_OK;
}
