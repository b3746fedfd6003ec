/* Import of DNSViz probe files ("dnsviz probe" output, format 1.0 to 1.2,
 * plain or gzip-compressed) into trustpath's capture model. Pure: the
 * caller reads the file; nothing here does I/O.
 *
 * A DNSViz file holds, per analysed name, the queries DNSViz sent, each to
 * several servers, with the (re-rendered) answer, the error and the retry
 * history. Every (query, server, client) triple becomes one
 * tp_capture_query_t; what the capture model has no place for (stubs, the
 * analysis type, the reference time, each name's server map) is kept in a
 * tp_dnsviz_info_t beside the capture. See docs/dnsviz.md. */
#ifndef TRUSTPATH_DNSVIZ_H
#define TRUSTPATH_DNSVIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/capture.h"
#include "trustpath/err.h"

/** The analysis "type" DNSViz recorded for a name. */
typedef enum tp_dnsviz_mode {
    TP_DNSVIZ_AUTHORITATIVE = 0, /* `probe -A`: asked of the zone's servers */
    TP_DNSVIZ_RECURSIVE,         /* default: asked of a recursive resolver */
    TP_DNSVIZ_CACHE              /* from a resolver's cache (RD=0) */
} tp_dnsviz_mode_t;

/** One name server address of a zone ("auth_ns_ip_mapping"). */
typedef struct tp_dnsviz_server {
    const uint8_t *ns_name; /* wire form */
    const char *address;    /* "192.0.2.1", "2001:db8::1" */
} tp_dnsviz_server_t;

/** One entry of the file (a name DNSViz analysed or only resolved). */
typedef struct tp_dnsviz_name {
    const uint8_t *name; /* wire form */
    tp_dnsviz_mode_t mode;
    bool stub;                 /* no queries stored: "stub: not analysed" */
    bool zone;                 /* a zone cut (has servers, or is the root) */
    bool requested;            /* listed in "_meta._dnsviz.".names */
    bool explicit_delegation;  /* servers were given (-x, -N, -s) */
    const uint8_t *parent;     /* the entry's "parent", or NULL */
    int64_t analysis_start_ms; /* Unix time, milliseconds */
    int64_t analysis_end_ms;
    const tp_dnsviz_server_t *servers;
    size_t server_count;
    size_t query_count;    /* DNSViz query entries (qname, qtype, options) */
    size_t response_count; /* capture queries made from them */
} tp_dnsviz_name_t;

/** What the capture model cannot hold. All pointers are owned by the
 * capture's arena: valid until tp_capture_free of the capture made with it. */
typedef struct tp_dnsviz_info {
    unsigned version_major; /* "_meta._dnsviz.".version, e.g. 1 and 2 */
    unsigned version_minor;
    bool gzip;             /* the input was gzip-compressed */
    tp_dnsviz_mode_t mode; /* of the requested names */
    bool mixed_modes;      /* the entries do not all share `mode` */
    /* The time DNSViz's own checks use: the latest analysis_end of the
     * requested names (Unix ms). RRSIG validity is judged at this time. */
    int64_t reference_time_ms;
    const tp_dnsviz_name_t *names; /* in file order */
    size_t name_count;
    size_t stub_count;
    size_t query_count;    /* DNSViz query entries */
    size_t response_count; /* == cap->query_count */
    size_t error_count;    /* responses without a message (timeouts, ...) */
    size_t retry_count;    /* history entries (failed attempts) */
} tp_dnsviz_info_t;

/** Cheap test for the CLI: true when data (plain or gzip) looks like a
 * DNSViz probe file: it has a "_meta._dnsviz." key, or starts like one
 * (an object whose first entry is a name with "type" and "stub"). Gzip
 * input is inflated only up to 64 KiB for the test. Not a validation:
 * tp_capture_from_dnsviz decides. */
bool tp_dnsviz_detect(const void *data, size_t len);

/** Convert a DNSViz probe file of len bytes (JSON, or gzip of JSON: the
 * magic bytes decide) into a new capture. limits may be NULL for the
 * defaults; max_document bounds both the input and the inflated JSON,
 * max_queries the capture queries made (one per server and client),
 * max_attempts the history of one response plus one, max_names the
 * entries, max_response each decoded message.
 * info_out (may be NULL) receives what the capture model cannot hold.
 * Errors: TP_EFORMAT (not gzip/JSON, not a DNSViz file, a field missing or
 * wrong), TP_EUNSUPPORTED (format version other than 1.0..1.2), TP_ELIMIT,
 * TP_ENOMEM; err_out (may be NULL) says what and where, with the JSON path,
 * e.g. `["example.com."].queries[3].responses["192.0.2.1"]["192.0.2.9"]
 * .history[0].cause: unknown cause "FOO"`. Never crashes on any input. */
TP_NODISCARD tp_err_t tp_capture_from_dnsviz(const void *data, size_t len,
                                             const tp_capture_limits_t *limits,
                                             tp_capture_t **out,
                                             tp_dnsviz_info_t *info_out,
                                             tp_capture_error_t *err_out);

/** The entry for name (wire form, any case) in info, or NULL. */
const tp_dnsviz_name_t *tp_dnsviz_find_name(const tp_dnsviz_info_t *info,
                                            const uint8_t *name);

/** "authoritative", "recursive", "cache"; "?" if out of range. */
const char *tp_dnsviz_mode_name(tp_dnsviz_mode_t mode);

#endif /* TRUSTPATH_DNSVIZ_H */
