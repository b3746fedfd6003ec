/* Internals of `trustpath check`: the per-name result, the names list and
 * the four output formats (text, json, nagios, prometheus). */
#ifndef TRUSTPATH_CLI_CHECK_H
#define TRUSTPATH_CLI_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trustpath/analysis.h"
#include "trustpath/wire.h"

/* Monitoring-plugin states, also the exit codes of check. */
#define CHECK_OK       0
#define CHECK_WARNING  1
#define CHECK_CRITICAL 2
#define CHECK_UNKNOWN  3

/** "OK", "WARNING", "CRITICAL", "UNKNOWN". */
const char *check_state_str(int state);
/** The worse of two states: OK < WARNING < UNKNOWN < CRITICAL. */
int check_worse(int a, int b);

/* ---- Results and output (cli/check_format.c) -------------------------- */

typedef struct check_item {
    const char *name;    /* presentation form */
    unsigned line;       /* names-file line, 0 for an argument */
    int state;           /* CHECK_* */
    const char *verdict; /* "secure", ..., or "unknown" when not analyzed */
    int64_t reference_time;
    int64_t expires;        /* earliest expiration on the chain, 0: none */
    const char *expires_of; /* which signature, or NULL */
    const char *reason;     /* the first problem ("CODE: message"), or NULL */
    unsigned counts[3];     /* diagnostics by severity (notice, warning,
                               error), ignored codes left out */
    unsigned servers;       /* servers of the answer zone that responded */
    unsigned servers_total; /* servers of the answer zone */
    const char *extra;      /* more lines (DS pre-flight), or NULL */
    const tp_analysis_t *analysis; /* for json; NULL when not analyzed */
} check_item_t;

typedef enum {
    CHECK_FMT_TEXT = 0,
    CHECK_FMT_JSON,
    CHECK_FMT_NAGIOS,
    CHECK_FMT_PROMETHEUS
} check_format_t;

/** Parse a --format word; false when unknown. */
bool check_format_parse(const char *word, check_format_t *out);

typedef struct check_out check_out_t;

/** Output state. warn_s/crit_s go into the Nagios perfdata. */
check_out_t *check_out_new(check_format_t fmt, FILE *out, int64_t warn_s,
                           int64_t crit_s);
/** One finished name: text and json are written (and flushed) at once;
 * nagios and prometheus keep a few short lines per name until the end. */
void check_out_item(check_out_t *o, const check_item_t *item);
/** The summary (and, for nagios and prometheus, everything): total is the
 * number of names asked for, done those reported; now the time of the run
 * and elapsed_s its duration. Returns the exit status (the worst state;
 * at least UNKNOWN when interrupted). */
int check_out_finish(check_out_t *o, size_t total, bool interrupted,
                     int64_t now, double elapsed_s);
void check_out_free(check_out_t *o);

#endif /* TRUSTPATH_CLI_CHECK_H */
