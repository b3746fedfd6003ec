/* UTC calendar arithmetic: days since 1970-01-01 to and from a civil date,
 * counting years from March so that the leap day ends the counted year
 * (the era/day-of-era method), and ISO 8601 formatting. */
#include "trustpath/civil.h"

#include <stdio.h>

#define SECS_PER_DAY            86400
#define DAYS_0000_03_01_TO_1970 719468 /* civil day 0 of era 0 to the epoch */
#define DAYS_PER_ERA            146097 /* 400 Gregorian years */
#define MIN_UNIX_S              INT64_C(-62167219200) /* 0000-01-01T00:00:00Z */
#define MAX_UNIX_S              INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

int64_t tp_days_from_civil(int64_t year, unsigned month, unsigned day)
{
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400; /* 0..399 */
    int64_t doy = (153 * (int64_t)(month > 2 ? month - 3 : month + 9) + 2) / 5 +
                  (int64_t)day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */

    return era * DAYS_PER_ERA + doe - DAYS_0000_03_01_TO_1970;
}

void tp_civil_from_days(int64_t days, int64_t *year, unsigned *month,
                        unsigned *day)
{
    int64_t z = days + DAYS_0000_03_01_TO_1970;
    int64_t era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
    int64_t doe = z - era * DAYS_PER_ERA;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;

    *day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

bool tp_civil_date_valid(int64_t year, unsigned month, unsigned day)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= (month == 2 && leap ? 29 : days[month - 1]);
}

/* Split a clamped Unix time into date and seconds of the day. */
static void split(int64_t unix_s, int64_t *y, unsigned *m, unsigned *d,
                  unsigned *sod)
{
    int64_t days;

    if (unix_s < MIN_UNIX_S)
        unix_s = MIN_UNIX_S;
    if (unix_s > MAX_UNIX_S)
        unix_s = MAX_UNIX_S;
    days = unix_s >= 0 ? unix_s / SECS_PER_DAY
                       : -((-unix_s + SECS_PER_DAY - 1) / SECS_PER_DAY);
    *sod = (unsigned)(unix_s - days * SECS_PER_DAY);
    tp_civil_from_days(days, y, m, d);
}

void tp_time_iso8601(int64_t unix_s, char buf[TP_ISO8601_MAX])
{
    int64_t y;
    unsigned m, d, sod;

    split(unix_s, &y, &m, &d, &sod);
    /* The modulos change no value; they bound field widths for the
     * compiler's truncation check. */
    snprintf(buf, TP_ISO8601_MAX, "%04u-%02u-%02uT%02u:%02u:%02uZ",
             (unsigned)(y % 10000), m % 100, d % 100, sod / 3600 % 100,
             sod / 60 % 60, sod % 60);
}

void tp_time_iso8601_ms(int64_t unix_ms, char buf[TP_ISO8601_MAX])
{
    int64_t y;
    unsigned m, d, sod;

    if (unix_ms < 0)
        unix_ms = 0;
    split(unix_ms / 1000, &y, &m, &d, &sod);
    snprintf(buf, TP_ISO8601_MAX, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
             (unsigned)(y % 10000), m % 100, d % 100, sod / 3600 % 100,
             sod / 60 % 60, sod % 60, (unsigned)(unix_ms % 1000));
}
