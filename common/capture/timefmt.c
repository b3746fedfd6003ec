/* ISO 8601 UTC timestamps for the capture, without the C library's clock
 * or time-zone state (common/ does no I/O): days-from-civil arithmetic in
 * the proleptic Gregorian calendar. */
#include <stdio.h>
#include <string.h>

#include "capture_int.h"
#include "trustpath/civil.h"

void tp_capture_time_format(int64_t unix_ms, char buf[32])
{
    tp_time_iso8601_ms(unix_ms, buf);
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
    if (y < 1970 || !tp_civil_date_valid(y, mo, d) || h > 23 || mi > 59 ||
        se > 60)
        return false;
    *unix_ms_out = ((tp_days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 +
                   (int64_t)se * 1000 + ms;
    return true;
}
