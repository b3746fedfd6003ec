/* RRSIG signature times in presentation form (RFC 4034 section 3.2):
 * YYYYMMDDHHmmSS in UTC, or the plain number of seconds since 1970. The
 * calendar arithmetic is done here (proleptic Gregorian, no time zone, no
 * libc time functions) so the result never depends on the host. */
#include <stdio.h>

#include "text_int.h"
#include "trustpath/civil.h"

#define SECS_PER_DAY 86400

void tp_rrsig_time_to_text(uint32_t t, char out[15])
{
    int64_t days = (int64_t)(t / SECS_PER_DAY), y;
    uint32_t rem = t % SECS_PER_DAY;
    unsigned m, d;

    tp_civil_from_days(days, &y, &m, &d);
    snprintf(out, 15, "%04u%02u%02u%02u%02u%02u", (unsigned)y, m, d,
             (unsigned)(rem / 3600), (unsigned)(rem / 60 % 60),
             (unsigned)(rem % 60));
}

static unsigned digits(const char *s, size_t n)
{
    unsigned v = 0;

    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

tp_err_t tp_rrsig_time_from_text(const char *text, size_t len, uint32_t *out)
{
    unsigned m, d, hh, mm, ss;
    int64_t y, secs;

    if (text == NULL || out == NULL)
        return TP_EINVAL;
    if (len != 14) /* RFC 4034 3.2: otherwise a plain decimal number */
        return tp_text_u32(text, len, UINT32_MAX, out) ? TP_OK : TP_ESYNTAX;
    for (size_t i = 0; i < len; i++)
        if (text[i] < '0' || text[i] > '9')
            return TP_ESYNTAX;
    y = digits(text, 4);
    m = digits(text + 4, 2);
    d = digits(text + 6, 2);
    hh = digits(text + 8, 2);
    mm = digits(text + 10, 2);
    ss = digits(text + 12, 2);
    if (y < 1970 || !tp_civil_date_valid(y, m, d) || hh > 23 || mm > 59 ||
        ss > 59)
        return TP_ESYNTAX;
    secs =
        tp_days_from_civil(y, m, d) * SECS_PER_DAY + hh * 3600 + mm * 60 + ss;
    if (secs > (int64_t)UINT32_MAX)
        return TP_ESYNTAX; /* after 2106-02-07T06:28:15Z */
    *out = (uint32_t)secs;
    return TP_OK;
}
