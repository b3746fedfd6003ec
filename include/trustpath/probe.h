/* The probe: all of trustpath's network I/O. Walks from the root hints to
 * each name, zone cut by zone cut, and asks every address of every
 * authoritative server of every zone on the way (referral, DS, DNSKEY, SOA,
 * NS, NSEC3PARAM, CDS, CDNSKEY, a NODATA and an NXDOMAIN probe, and the
 * requested types at the name), following CNAME/DNAME targets and resolving
 * out-of-bailiwick name-server names the same way. One c-ares event loop;
 * every exchange is recorded in a tp_capture_t. Timeouts, REFUSED, lame or
 * malformed answers are data in the capture, never errors.
 *
 * Bounds: the run stops after deadline_ms per name; a referral deeper than
 * max_depth, a CNAME chain longer than max_cname, NS names past max_ns_names in
 * one zone, queries past max_queries per name and response bytes past
 * max_capture_bytes are not followed. Each bound hit is recorded in the
 * capture's limits_hit (TP_CAPTURE_LIMIT_*) and in the stats. */
#ifndef TRUSTPATH_PROBE_H
#define TRUSTPATH_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/capture.h"
#include "trustpath/err.h"

/** The private type asked at every apex to capture a NODATA proof. */
#define TP_PROBE_NODATA_TYPE 65280

/** Snapshot passed to the progress callback. */
typedef struct tp_probe_progress {
    size_t sent;      /* queries handed to the network (attempts) */
    size_t completed; /* queries recorded in the capture */
    size_t in_flight;
    size_t queued;
    size_t zones;   /* zones discovered */
    size_t servers; /* server addresses known */
    uint64_t elapsed_ms;
    const char *event; /* short text ("zone example. 2 servers"), or NULL */
} tp_probe_progress_t;

typedef void (*tp_probe_progress_fn)(void *arg, const tp_probe_progress_t *p);

typedef struct tp_probe_config {
    /* Root hints as zone-file text (NS + A/AAAA); required. */
    const char *root_hints;
    size_t root_hints_len;
    /* Trust anchors as zone-file text: only recorded in the capture. */
    const char *trust_anchors;
    size_t trust_anchors_len;
    const uint16_t *types; /* types asked at each name; NULL = A, AAAA */
    size_t type_count;
    bool ipv4, ipv6;               /* address families used (default both) */
    uint32_t timeout_ms;           /* per attempt (default 1000) */
    uint32_t retries;              /* after the first attempt (default 2) */
    uint32_t deadline_ms;          /* per name; the run gets deadline_ms
                                      times the names (default 30000) */
    uint16_t udp_size;             /* EDNS payload advertised (default 1232) */
    unsigned max_inflight;         /* queries in flight overall (default 256) */
    unsigned max_inflight_server;  /* per server address (default 16) */
    unsigned max_depth;            /* zone cuts from the root (default 24) */
    unsigned max_cname;            /* CNAME/DNAME chain length (default 8) */
    unsigned max_ns_names;         /* NS names followed per zone (default 13) */
    unsigned max_queries;          /* queries per name asked (default 4000) */
    size_t max_capture_bytes;      /* response bytes kept (default 64 MiB) */
    uint16_t port;                 /* server port (default 53; tests only) */
    tp_probe_progress_fn progress; /* may be NULL */
    void *progress_arg;
} tp_probe_config_t;

/** Fill cfg with the defaults above (no root hints, no callback). */
void tp_probe_config_init(tp_probe_config_t *cfg);

/** Totals of one run (for the CLI and benchmarks). */
typedef struct tp_probe_stats {
    size_t queries;   /* recorded in the capture */
    size_t attempts;  /* datagrams/streams sent, retries and TCP included */
    size_t responses; /* queries with outcome "response" */
    size_t timeouts;
    size_t tcp;     /* queries that ended on TCP */
    size_t dropped; /* answers dropped: ID or question mismatch */
    size_t skipped; /* queries not sent: a cap or the deadline */
    size_t zones;
    size_t servers;
    uint64_t elapsed_us;
    bool deadline_hit;
    size_t bytes_kept; /* response bytes recorded */
    bool limit_hit;    /* any bound hit: see the capture's limits_hit */
} tp_probe_stats_t;

/** Probe names (wire form, name_count of them) and append every exchange
 * to cap, which the caller created with tp_capture_new; the run's start and
 * end times, names, types, options, root hints and trust anchors are set
 * too. Returns TP_OK when the walk ran (whatever the servers did),
 * TP_EINVAL for a bad config, TP_ESYNTAX when the root hints do not parse
 * or hold no address, TP_ENOMEM, or TP_EIO when c-ares or poll failed.
 * stats_out may be NULL. */
TP_NODISCARD tp_err_t tp_probe_run(const tp_probe_config_t *cfg,
                                   const uint8_t *const *names,
                                   size_t name_count, tp_capture_t *cap,
                                   tp_probe_stats_t *stats_out);

#endif /* TRUSTPATH_PROBE_H */
