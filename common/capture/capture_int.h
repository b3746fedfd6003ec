/* Internal helpers of the capture module. */
#ifndef TRUSTPATH_CAPTURE_INT_H
#define TRUSTPATH_CAPTURE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/capture.h"

struct json_object;

/** Format Unix milliseconds as "2026-11-21T23:50:00.123Z" (buf >= 32). */
void tp_capture_time_format(int64_t unix_ms, char buf[32]);

/** Parse "YYYY-MM-DDTHH:MM:SS[.fff]Z" (years 1970-9999) into Unix ms. */
bool tp_capture_time_parse(const char *text, int64_t *unix_ms_out);

/** Parse one JSON document from len bytes: strict syntax, at most max_depth
 * levels, nothing but white space after it. On failure *out is NULL and err
 * (may be NULL) gets the position and a message; TP_EFORMAT, TP_ELIMIT or
 * TP_ENOMEM. The caller frees *out with json_object_put. */
tp_err_t tp_capture_json_parse(const char *text, size_t len, unsigned max_depth,
                               struct json_object **out,
                               tp_capture_error_t *err);

#endif /* TRUSTPATH_CAPTURE_INT_H */
