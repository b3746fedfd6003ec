/* The names list of `trustpath check`: arguments and -f FILE. Every input
 * line is validated on its own, so one bad line does not stop the others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define NAMES_FILE_MAX (64u * 1024 * 1024)

static tp_cli_name_t *names_push(tp_cli_names_t *names)
{
    if (names->count == names->cap) {
        size_t cap = names->cap == 0 ? 64 : names->cap * 2;
        tp_cli_name_t *v = realloc(names->v, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        names->v = v;
        names->cap = cap;
    }
    tp_cli_name_t *n = &names->v[names->count++];
    memset(n, 0, sizeof *n);
    return n;
}

static void where(char *buf, size_t len, const char *file, unsigned line)
{
    if (line == 0)
        snprintf(buf, len, "argument");
    else
        snprintf(buf, len, "%s:%u", strcmp(file, "-") == 0 ? "stdin" : file,
                 line);
}

bool tp_cli_names_add(tp_cli_names_t *names, const char *text, size_t len,
                      const char *file, unsigned line)
{
    char at[512];
    uint8_t w[TP_NAME_MAX];
    size_t wl = 0;
    where(at, sizeof at, file, line);
    bool ok = tp_name_from_text(text, len, NULL, w, &wl) == TP_OK;
    if (ok) {
        for (size_t i = 0; i < names->count; i++) {
            const tp_cli_name_t *o = &names->v[i];
            if (!o->bad && tp_name_equal(o->wire, w)) {
                char first[512];
                where(first, sizeof first, file, o->line);
                tp_cli_warn("%s: duplicate name '%.*s' (already at %s): "
                            "checked once",
                            at, (int)len, text, o->line ? first : "argument");
                return true;
            }
        }
    }
    tp_cli_name_t *n = names_push(names);
    if (n == NULL)
        return false;
    n->line = line;
    if (!ok) {
        tp_cli_error("%s: invalid name '%.*s'", at,
                     (int)(len > 255 ? 255 : len), text);
        n->bad = true;
        snprintf(n->text, sizeof n->text, "%.*s", (int)(len > 255 ? 255 : len),
                 text);
        return true;
    }
    memcpy(n->wire, w, wl);
    tp_name_to_text(n->wire, n->text);
    return true;
}

bool tp_cli_names_read(tp_cli_names_t *names, const char *path)
{
    size_t len = 0;
    char *text = tp_cli_read_file(path, NAMES_FILE_MAX, &len);
    if (text == NULL)
        return false;
    unsigned lineno = 0;
    bool ok = true;
    for (char *line = text; *line != '\0' && ok;) {
        size_t end = strcspn(line, "\n");
        char *next = line + end + (line[end] == '\n');
        line[end] = '\0';
        lineno++;
        while (*line == ' ' || *line == '\t')
            line++;
        size_t l = strcspn(line, " \t\r#;");
        size_t rest = l + strspn(line + l, " \t\r");
        if (l > 0 && line[rest] != '\0' && line[rest] != '#' &&
            line[rest] != ';') {
            /* two words on a line: not a name */
            l = strcspn(line, "\r#;");
            while (l > 0 && (line[l - 1] == ' ' || line[l - 1] == '\t'))
                l--;
            char at[512];
            where(at, sizeof at, path, lineno);
            tp_cli_error("%s: invalid name '%.*s' (one name per line)", at,
                         (int)(l > 255 ? 255 : l), line);
            tp_cli_name_t *n = names_push(names);
            if (n == NULL) {
                ok = false;
                break;
            }
            n->line = lineno;
            n->bad = true;
            snprintf(n->text, sizeof n->text, "%.*s", (int)(l > 255 ? 255 : l),
                     line);
        } else if (l > 0) {
            ok = tp_cli_names_add(names, line, l, path, lineno);
        }
        line = next;
    }
    free(text);
    if (!ok)
        tp_cli_error("%s: out of memory", path);
    return ok;
}

void tp_cli_names_free(tp_cli_names_t *names)
{
    free(names->v);
    memset(names, 0, sizeof *names);
}
