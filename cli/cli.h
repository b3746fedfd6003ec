/* Helpers shared by the subcommands: messages on stderr, file input, and
 * parsing of times and durations given on the command line. cli/ is the only
 * code that reads the clock, touches files by name, or exits. */
#ifndef TRUSTPATH_CLI_H
#define TRUSTPATH_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "trustpath/err.h"
#include "trustpath/wire.h"

/* Exit codes of the non-monitoring commands (check uses 0-3, see check). */
#define TP_EXIT_OK    0
#define TP_EXIT_FAIL  1  /* the work could not be done (I/O, resources) */
#define TP_EXIT_USAGE 64 /* bad command line (sysexits EX_USAGE) */
#define TP_EXIT_INPUT 65 /* bad input data: capture, anchor, names file */
/* The work was done, but the probe stopped at one of its bounds (the
 * capture's limits_hit): the result is incomplete. probe, analyze and check
 * (where it is UNKNOWN) exit with it. */
#define TP_EXIT_INCOMPLETE 3

/** Print "trustpath: <message>" on stderr. */
void tp_cli_error(const char *fmt, ...) TP_PRINTF(1, 2);
void tp_cli_warn(const char *fmt, ...) TP_PRINTF(1, 2);

/** Read a whole file ("-" = stdin) into a NUL-terminated heap buffer of at
 * most max bytes; the caller frees it. On failure prints a message naming
 * the file and returns NULL. */
char *tp_cli_read_file(const char *path, size_t max, size_t *len_out);

/** Parse a duration "90", "90s", "15m", "36h", "7d", "2w" into seconds. */
bool tp_cli_parse_duration(const char *text, int64_t *seconds_out);

/** Parse --at: ISO 8601 UTC ("2026-11-22T10:00:00Z", "2026-11-22"), a Unix
 * time ("@1763800000") or relative to now ("+7d", "-36h"). */
bool tp_cli_parse_time(const char *text, time_t now, time_t *out);

/** Format t as "2026-11-22T10:00:00Z" into buf (at least 21 bytes). */
void tp_cli_format_time(time_t t, char *buf, size_t len);

/* ---- Trust anchors (cli/anchors.c) ---------------------------------------
 */

struct tp_arena;
struct tp_rrlist;

/** Trust anchors for analyze/check/graph/print: from the file at path when
 * given, else from cap_text (a capture's "trust_anchors"), else the built-in
 * IANA root anchors. DS and DNSKEY records go to out (arena-owned). Prints
 * one message on stderr and returns TP_EXIT_INPUT for an unreadable or bad
 * file; TP_EXIT_OK otherwise. */
int tp_cli_load_anchors(const char *path, const char *cap_text,
                        struct tp_arena *arena, struct tp_rrlist *out);

/* ---- Capture files (cli/capture_load.c) ----------------------------------
 */

struct tp_capture;

/** Read a capture file ("-" = stdin) of either kind: a trustpath capture or
 * a DNSViz probe file (format 1.0 to 1.2, plain or gzip; docs/dnsviz.md).
 * On success *out is the capture (free with tp_capture_free) and
 * *reference_ms (may be NULL) the time to judge it at: the capture's
 * reference time (a DNSViz file's analysis_end), else its end. Prints one
 * message naming the file and returns TP_EXIT_INPUT for an unreadable,
 * malformed or unsupported file, TP_EXIT_FAIL when out of memory. */
int tp_cli_load_capture(const char *path, struct tp_capture **out,
                        int64_t *reference_ms);

/* ---- Names (cli/names_file.c) ---------------------------------------- */

typedef struct tp_cli_name {
    uint8_t wire[TP_NAME_MAX];
    char text[TP_NAME_TEXT_MAX]; /* presentation form, or the bad input */
    unsigned line;               /* line in the names file, 0: argument */
    bool bad;                    /* not a valid name: reported UNKNOWN */
} tp_cli_name_t;

typedef struct tp_cli_names {
    tp_cli_name_t *v;
    size_t count, cap;
} tp_cli_names_t;

/** Add one name given as text (an argument when line is 0). A bad name is
 * kept (bad = true) and reported on stderr naming the file and line; a
 * duplicate is reported and dropped. Returns false only when out of
 * memory. */
bool tp_cli_names_add(tp_cli_names_t *names, const char *text, size_t len,
                      const char *file, unsigned line);
/** Read a names file ("-" = stdin): one name per line, '#' or ';' starts a
 * comment, blank lines are skipped. false (message printed) when the file
 * cannot be read. */
bool tp_cli_names_read(tp_cli_names_t *names, const char *path);
void tp_cli_names_free(tp_cli_names_t *names);

#endif /* TRUSTPATH_CLI_H */
