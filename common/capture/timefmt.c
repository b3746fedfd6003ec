/* ISO 8601 UTC timestamps for the capture, without the C library's clock
 * or time-zone state (common/ does no I/O): days-from-civil arithmetic in
 * the proleptic Gregorian calendar. */
#include <stdio.h>
#include <string.h>

#include "capture_int.h"

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

#define MAX_UNIX_MS INT64_C(253402300799999) /* 9999-12-31T23:59:59.999Z */

void tp_capture_time_format(int64_t unix_ms, char buf[32])
{
    int64_t days, ms_of_day, y;
    unsigned m, d;

    if (unix_ms < 0)
        unix_ms = 0;
    if (unix_ms > MAX_UNIX_MS)
        unix_ms = MAX_UNIX_MS; /* ISO 8601 has four year digits */
    days = unix_ms / 86400000;
    ms_of_day = unix_ms % 86400000;
    civil_from_days(days, &y, &m, &d);
    /* The modulos cannot change a value; they bound the widths for the
     * compiler's truncation check. */
    snprintf(buf, 32, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
             (unsigned)(y % 10000), m % 100, d % 100,
             (unsigned)(ms_of_day / 3600000),
             (unsigned)(ms_of_day / 60000 % 60),
             (unsigned)(ms_of_day / 1000 % 60), (unsigned)(ms_of_day % 1000));
}

static bool digits(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return true;
}

bool tp_capture_time_parse(const char *s, int64_t *unix_ms_out)
{
    static const unsigned mdays[] = {31, 29, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    unsigned y, mo, d, h, mi, se, ms = 0;
    size_t len = strlen(s);
    size_t pos = 19;

    if (len < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
        s[13] != ':' || s[16] != ':' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
        !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) ||
        !digits(s + 17, 2, &se))
        return false;
    if (s[pos] == '.') {
        size_t n = 0;
        pos++;
        while (s[pos + n] >= '0' && s[pos + n] <= '9')
            n++;
        if (n == 0 || n > 9)
            return false;
        for (size_t i = 0; i < 3; i++)
            ms = ms * 10 + (i < n ? (unsigned)(s[pos + i] - '0') : 0);
        pos += n;
    }
    if (s[pos] != 'Z' || s[pos + 1] != '\0')
        return false;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 ||
        mi > 59 || se > 60)
        return false;
    if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return false;
    *unix_ms_out = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 +
                   (int64_t)se * 1000 + ms;
    return true;
}
