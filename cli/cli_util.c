/* Shared command-line helpers: messages, file input, times and durations. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "trustpath/civil.h"

static void vmessage(const char *level, const char *fmt, va_list ap)
{
    fprintf(stderr, "trustpath: %s", level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void tp_cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void tp_cli_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

char *tp_cli_read_file(const char *path, size_t max, size_t *len_out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0;

    if (f == NULL) {
        tp_cli_error("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t n;

        if (cap - len < 4096) {
            size_t ncap = cap == 0 ? 65536 : cap * 2;
            char *p;
            if (cap > max) {
                tp_cli_error("%s: larger than %zu bytes", path, max);
                goto fail;
            }
            p = realloc(data, ncap + 1);
            if (p == NULL) {
                tp_cli_error("%s: out of memory", path);
                goto fail;
            }
            data = p;
            cap = ncap;
        }
        n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        tp_cli_error("cannot read %s: %s", path, strerror(errno));
        goto fail;
    }
    if (len > max) {
        tp_cli_error("%s: larger than %zu bytes", path, max);
        goto fail;
    }
    if (f != stdin)
        fclose(f);
    data[len] = '\0';
    if (len_out != NULL)
        *len_out = len;
    return data;
fail:
    if (f != stdin)
        fclose(f);
    free(data);
    return NULL;
}

bool tp_cli_parse_duration(const char *text, int64_t *seconds_out)
{
    char *end;
    long long v;
    int64_t unit = 1;

    if (text == NULL || *text < '0' || *text > '9')
        return false;
    errno = 0;
    v = strtoll(text, &end, 10);
    if (errno != 0 || v < 0)
        return false;
    switch (*end) {
    case '\0':
    case 's':
        unit = 1;
        break;
    case 'm':
        unit = 60;
        break;
    case 'h':
        unit = 3600;
        break;
    case 'd':
        unit = 86400;
        break;
    case 'w':
        unit = 7 * 86400;
        break;
    default:
        return false;
    }
    if (*end != '\0' && end[1] != '\0')
        return false;
    if (v > INT64_MAX / unit)
        return false;
    *seconds_out = (int64_t)v * unit;
    return true;
}

static bool parse_iso8601(const char *text, time_t *out)
{
    int y, mo, d, h = 0, mi = 0, s = 0, n = 0;

    if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
        return false;
    text += n;
    if (*text == 'T' || *text == ' ') {
        if (sscanf(text + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &n) != 3)
            return false;
        text += 1 + n;
    }
    if (*text == 'Z')
        text++;
    if (*text != '\0' || y < 1970 ||
        !tp_civil_date_valid(y, (unsigned)mo, (unsigned)d) || h > 23 ||
        mi > 59 || s > 60)
        return false;
    *out = (time_t)(tp_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
                    h * 3600 + mi * 60 + s);
    return true;
}

bool tp_cli_parse_time(const char *text, time_t now, time_t *out)
{
    int64_t delta;

    if (text == NULL || *text == '\0')
        return false;
    if (*text == '+' || *text == '-') {
        if (!tp_cli_parse_duration(text + 1, &delta))
            return false;
        *out = *text == '+' ? now + (time_t)delta : now - (time_t)delta;
        return true;
    }
    if (*text == '@') {
        char *end;
        long long v;
        errno = 0;
        v = strtoll(text + 1, &end, 10);
        if (errno != 0 || *end != '\0' || end == text + 1 || v < 0)
            return false;
        *out = (time_t)v;
        return true;
    }
    return parse_iso8601(text, out);
}

void tp_cli_format_time(time_t t, char *buf, size_t len)
{
    char iso[TP_ISO8601_MAX];

    tp_time_iso8601((int64_t)t, iso);
    snprintf(buf, len, "%s", iso);
}
