/* Calendar arithmetic in UTC (proleptic Gregorian), without the C library's
 * clock or time-zone state, so results never depend on the host. Used by
 * every module that prints or parses a date: RRSIG times, the capture, the
 * report, the renderer and the command line. */
#ifndef TRUSTPATH_CIVIL_H
#define TRUSTPATH_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

#define TP_ISO8601_MAX 32 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" and its NUL fit */

/** Days from 1970-01-01 to year-month-day (month 1..12, day 1..31). */
int64_t tp_days_from_civil(int64_t year, unsigned month, unsigned day);

/** The date of a day count since 1970-01-01 (negative before). */
void tp_civil_from_days(int64_t days, int64_t *year, unsigned *month,
                        unsigned *day);

/** true when month is 1..12 and day exists in that month of that year. */
bool tp_civil_date_valid(int64_t year, unsigned month, unsigned day);

/** "YYYY-MM-DDTHH:MM:SSZ" for a Unix time in seconds; times outside years
 * 0000..9999 are clamped to those bounds. */
void tp_time_iso8601(int64_t unix_s, char buf[TP_ISO8601_MAX]);

/** "YYYY-MM-DDTHH:MM:SS.mmmZ" for a Unix time in milliseconds, clamped to
 * 1970..9999. */
void tp_time_iso8601_ms(int64_t unix_ms, char buf[TP_ISO8601_MAX]);

#endif /* TRUSTPATH_CIVIL_H */
