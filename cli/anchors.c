/* Trust anchors for the subcommands that analyze: a --trust-anchor file,
 * the anchors recorded in a capture, or the built-in IANA root anchors. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "trustpath/analysis.h"
#include "trustpath/defaults.h"

#define MAX_ANCHORS (4u * 1024 * 1024)

int tp_cli_load_anchors(const char *path, const char *cap_text,
                        struct tp_arena *arena, struct tp_rrlist *out)
{
    char *file = NULL;
    const char *text = cap_text != NULL ? cap_text : tp_default_trust_anchor();
    size_t len = 0;
    if (path != NULL) {
        file = tp_cli_read_file(path, MAX_ANCHORS, &len);
        if (file == NULL)
            return TP_EXIT_INPUT;
        text = file;
    } else {
        len = strlen(text);
    }
    tp_text_error_t terr = {0};
    tp_err_t err = tp_anchors_parse(text, len, arena, out, &terr);
    free(file);
    if (err != TP_OK) {
        tp_cli_error("trust anchors%s%s: line %u: %s", path ? " " : "",
                     path ? path : "", terr.line,
                     terr.message[0] ? terr.message : tp_err_str(err));
        return TP_EXIT_INPUT;
    }
    return TP_EXIT_OK;
}
