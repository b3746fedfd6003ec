/* RRSIG signature times in presentation form (RFC 4034 section 3.2):
 * YYYYMMDDHHmmSS in UTC, or the plain number of seconds since 1970. The
 * calendar arithmetic is done here (proleptic Gregorian, no time zone, no
 * libc time functions) so the result never depends on the host. */
#include <stdio.h>

#include "text_int.h"

#define SECS_PER_DAY 86400

/* Days from 1970-01-01 to year-month-day (month 1..12). Years are counted
 * from March so the leap day is the last day of the counted year. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;

    if (m <= 2)
        y -= 1;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400; /* 0..399 */
    doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
    return era * 146097 + doe - 719468; /* 719468: 0000-03-01 to 1970 */
}

static void civil_from_days(int64_t z, int64_t *y_out, unsigned *m_out,
                            unsigned *d_out)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d_out = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m_out = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y_out = yoe + era * 400 + (*m_out <= 2 ? 1 : 0);
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

void tp_rrsig_time_to_text(uint32_t t, char out[15])
{
    int64_t days = (int64_t)(t / SECS_PER_DAY), y;
    uint32_t rem = t % SECS_PER_DAY;
    unsigned m, d;

    civil_from_days(days, &y, &m, &d);
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
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) ||
        hh > 23 || mm > 59 || ss > 59)
        return TP_ESYNTAX;
    secs = days_from_civil(y, m, d) * SECS_PER_DAY + hh * 3600 + mm * 60 + ss;
    if (secs > (int64_t)UINT32_MAX)
        return TP_ESYNTAX; /* after 2106-02-07T06:28:15Z */
    *out = (uint32_t)secs;
    return TP_OK;
}
