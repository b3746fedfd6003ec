/* Internal helpers of the capture module. */
#ifndef TRUSTPATH_CAPTURE_INT_H
#define TRUSTPATH_CAPTURE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Format Unix milliseconds as "2026-11-21T23:50:00.123Z" (buf >= 32). */
void tp_capture_time_format(int64_t unix_ms, char buf[32]);

/** Parse "YYYY-MM-DDTHH:MM:SS[.fff]Z" (years 1970-9999) into Unix ms. */
bool tp_capture_time_parse(const char *text, int64_t *unix_ms_out);

#endif /* TRUSTPATH_CAPTURE_INT_H */
