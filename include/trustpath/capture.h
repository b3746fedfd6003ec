/* The capture: everything the probe saw, nothing the analyzer computes.
 * An in-memory model (one arena owns every name, string and byte range), a
 * JSON writer and a pure, bounded JSON loader ("trustpath_capture": 1).
 * The format is documented in docs/capture.md and docs/capture.schema.json.
 * Names are stored in uncompressed wire form (see wire.h); the JSON holds
 * their presentation text. */
#ifndef TRUSTPATH_CAPTURE_H
#define TRUSTPATH_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/arena.h"
#include "trustpath/bytes.h"
#include "trustpath/err.h"

#define TP_CAPTURE_VERSION 1

/* ---- Model -------------------------------------------------------------- */

typedef enum tp_transport {
    TP_TRANSPORT_UDP = 0,
    TP_TRANSPORT_TCP = 1
} tp_transport_t;

/** How one attempt (and a query, by its final attempt) ended. These are
 * findings, not errors: a timeout is evidence about a server. */
typedef enum tp_outcome {
    TP_OUTCOME_RESPONSE = 0,    /* a matching, parseable response (bytes) */
    TP_OUTCOME_TIMEOUT,         /* no answer within the attempt's timeout */
    TP_OUTCOME_CONN_REFUSED,    /* ICMP port unreachable / TCP RST */
    TP_OUTCOME_NET_UNREACHABLE, /* no route to the address */
    TP_OUTCOME_MALFORMED,       /* answer did not parse (bytes kept) */
    TP_OUTCOME_TRUNCATED,       /* TC=1 and no TCP answer (bytes kept) */
    TP_OUTCOME_MISMATCH,        /* ID or question did not match: dropped */
    TP_OUTCOME_CANCELLED,       /* the run's deadline ended it */
    TP_OUTCOME_ERROR,           /* any other local failure (see detail) */
    TP_OUTCOME_COUNT
} tp_outcome_t;

/** Flags and EDNS fields of the query as sent. */
typedef struct tp_query_flags {
    bool rd;
    bool cd;
    bool edns;         /* an OPT RR was present */
    bool do_bit;       /* DNSSEC OK */
    uint16_t udp_size; /* advertised EDNS payload size (0 without EDNS) */
} tp_query_flags_t;

/** One try of a query on one transport. Times are offsets from the
 * capture's start, in microseconds. */
typedef struct tp_capture_attempt {
    uint16_t id; /* DNS message ID sent */
    tp_transport_t transport;
    uint64_t start_us;
    uint64_t duration_us;
    tp_outcome_t outcome;
} tp_capture_attempt_t;

/** One query to one server address, with its attempts (retries, TCP
 * fallback) and the final result. All pointers are owned by the capture's
 * arena. */
typedef struct tp_capture_query {
    const char *server;         /* address text: "192.0.2.1" or "2001:db8::1" */
    uint16_t port;              /* 53 unless stated */
    const uint8_t *server_name; /* NS name the address belongs to, or NULL */
    const uint8_t *zone;        /* zone the server was asked as an authority */
    const char *purpose; /* why it was sent ("dnskey", "ds", ...), or NULL */
    const uint8_t *qname;
    uint16_t qtype;
    uint16_t qclass;
    tp_query_flags_t flags;
    /* Final result: transport, timing and outcome of the last attempt
     * (start = first attempt's start, duration = until the last ended). */
    tp_transport_t transport;
    uint64_t start_us;
    uint64_t duration_us;
    tp_outcome_t outcome;
    tp_bytes_t response; /* raw DNS message; len 0 when there is none */
    const char *detail;  /* free text about an error, or NULL */
    tp_capture_attempt_t *attempts; /* in the order they were sent */
    size_t attempt_count;
} tp_capture_query_t;

/** Who answered the capture's queries. */
typedef enum tp_capture_source {
    TP_CAPTURE_SOURCE_AUTHORITATIVE = 0, /* the zones' authoritative servers */
    TP_CAPTURE_SOURCE_RESOLVER           /* a recursive resolver (RD=1) */
} tp_capture_source_t;

/** Probe settings recorded for the reader (informational). */
typedef struct tp_capture_options {
    uint32_t timeout_ms;
    uint32_t retries;
    uint32_t deadline_ms;
    bool ipv4;
    bool ipv6;
    uint16_t udp_size;
} tp_capture_options_t;

typedef struct tp_capture {
    tp_arena_t *arena;     /* owns everything below except `queries` itself */
    const char *tool;      /* "trustpath 0.1.0" */
    int64_t start_time_ms; /* Unix time of the first query, milliseconds */
    int64_t end_time_ms;   /* Unix time the probe finished */
    const uint8_t **names; /* names asked for (wire form) */
    size_t name_count;
    uint16_t *types; /* record types asked at each name */
    size_t type_count;
    const char *root_hints;    /* zone-file text used as root hints, or NULL */
    const char *trust_anchors; /* zone-file text of the anchors, or NULL */
    tp_capture_options_t options;
    /* Bounds of the probe that stopped it ("deadline", "queries",
     * "referral-depth", "cname-chain", "ns-names", "capture-bytes"; see
     * TP_CAPTURE_LIMIT_*): the capture is incomplete when any is set. */
    const char **limits_hit;
    size_t limits_hit_count;
    tp_capture_query_t *queries; /* heap array (owned by the capture) */
    size_t query_count;
    size_t query_cap;
    /* Who answered: the zones' own servers (trustpath's probe, DNSViz -A)
     * or a recursive resolver (DNSViz's default mode). JSON "source";
     * absent = authoritative. */
    tp_capture_source_t source;
    /* The time the capture's data is to be judged at (Unix ms), when it is
     * not `end_time_ms` (DNSViz: analysis_end of the names asked for).
     * JSON "reference_time"; 0 = absent: use end_time_ms. */
    int64_t reference_time_ms;
    /* Zones whose servers were looked up but that were not queried (DNSViz
     * "stub" entries): their data is absent by design, not by failure.
     * JSON "stubs"; absent = none. */
    const uint8_t **stubs;
    size_t stub_count;
} tp_capture_t;

/** Record a stub zone (copied into the arena). */
TP_NODISCARD tp_err_t tp_capture_add_stub(tp_capture_t *cap,
                                          const uint8_t *name);
/** Whether name (wire form, any case) is one of the capture's stubs. */
bool tp_capture_is_stub(const tp_capture_t *cap, const uint8_t *name);

/** "authoritative", "resolver"; "?" if out of range. */
const char *tp_capture_source_name(tp_capture_source_t source);

/** @return an empty capture (tool "trustpath", times 0), or NULL on OOM.
 * Free with tp_capture_free. */
tp_capture_t *tp_capture_new(void);

/** Free the capture, its arena and its query array. NULL is a no-op. */
void tp_capture_free(tp_capture_t *cap);

/** Setters copy their input into the capture's arena. */
TP_NODISCARD tp_err_t tp_capture_set_tool(tp_capture_t *cap, const char *tool);
TP_NODISCARD tp_err_t tp_capture_add_name(tp_capture_t *cap,
                                          const uint8_t *name);
TP_NODISCARD tp_err_t tp_capture_add_type(tp_capture_t *cap, uint16_t type);
TP_NODISCARD tp_err_t tp_capture_set_root_hints(tp_capture_t *cap,
                                                const char *text, size_t len);
TP_NODISCARD tp_err_t tp_capture_set_trust_anchors(tp_capture_t *cap,
                                                   const char *text,
                                                   size_t len);

/* Names of the probe's bounds, as recorded in "limits_hit". */
#define TP_CAPTURE_LIMIT_DEADLINE "deadline"       /* time budget of the run */
#define TP_CAPTURE_LIMIT_QUERIES  "queries"        /* queries per name */
#define TP_CAPTURE_LIMIT_DEPTH    "referral-depth" /* zone cuts from the root */
#define TP_CAPTURE_LIMIT_CNAME    "cname-chain" /* CNAME/DNAME chain length */
#define TP_CAPTURE_LIMIT_NS_NAMES "ns-names"    /* NS names followed per zone */
#define TP_CAPTURE_LIMIT_BYTES    "capture-bytes" /* response bytes kept */

/** Record that the probe hit the bound `limit` (copied; a name already
 * recorded is not added twice). At most 32 distinct names. */
TP_NODISCARD tp_err_t tp_capture_add_limit(tp_capture_t *cap,
                                           const char *limit);
/** Whether `limit` is recorded in cap. */
bool tp_capture_has_limit(const tp_capture_t *cap, const char *limit);

/** Append a deep copy of q (strings, names, response and attempts are
 * copied into the arena). If out is not NULL it receives the stored copy,
 * valid until the next tp_capture_add_query or tp_capture_free. */
TP_NODISCARD tp_err_t tp_capture_add_query(tp_capture_t *cap,
                                           const tp_capture_query_t *q,
                                           const tp_capture_query_t **out);

/** "udp" / "tcp". */
const char *tp_transport_name(tp_transport_t t);
/** "response", "timeout", "connection-refused", "network-unreachable",
 * "malformed", "truncated", "mismatch", "cancelled", "error"; "?" if out of
 * range. */
const char *tp_outcome_name(tp_outcome_t o);
/** Inverse of tp_outcome_name; false if the text is not one of them. */
bool tp_outcome_from_name(const char *text, tp_outcome_t *out);

/* ---- JSON -----------------------------------------------------------------
 */

/** Serialise cap as JSON (pretty: 2-space indentation) and append it, with a
 * final newline, to out. TP_ENOSPACE if out's maximum is too small. */
TP_NODISCARD tp_err_t tp_capture_to_json(const tp_capture_t *cap, bool pretty,
                                         tp_buf_t *out);

/** Loader limits; tp_capture_limits_default gives the values below. */
typedef struct tp_capture_limits {
    size_t max_document; /* bytes of JSON (default 256 MiB) */
    unsigned max_depth;  /* JSON nesting (default 16) */
    size_t max_queries;  /* entries in "queries" (default 1,000,000) */
    size_t max_attempts; /* attempts per query (default 64) */
    size_t max_names;    /* entries in "names" (default 100,000) */
    size_t max_response; /* decoded response bytes (default 65,535) */
    size_t max_text;     /* root_hints / trust_anchors (default 4 MiB) */
} tp_capture_limits_t;

void tp_capture_limits_default(tp_capture_limits_t *limits);

/** Where and why loading failed: a JSON syntax error has its byte offset,
 * line and column; a content error names the path, e.g.
 * "queries[3].response: bad base64". */
typedef struct tp_capture_error {
    size_t offset; /* byte offset of a syntax error, else 0 */
    unsigned line; /* 1-based, 0 when not a syntax error */
    unsigned column;
    char message[200];
} tp_capture_error_t;

/** Parse a capture from a JSON text of len bytes (no I/O). limits may be
 * NULL for the defaults. On success *out is a new capture (free with
 * tp_capture_free). Errors: TP_EFORMAT (not JSON, or not a trustpath
 * capture, or a field missing or wrong), TP_EUNSUPPORTED (unknown
 * "trustpath_capture" version), TP_ELIMIT (a limit exceeded), TP_ENOMEM;
 * err_out (may be NULL) then says what and where. Never crashes on any
 * input. */
TP_NODISCARD tp_err_t tp_capture_from_json(const char *text, size_t len,
                                           const tp_capture_limits_t *limits,
                                           tp_capture_t **out,
                                           tp_capture_error_t *err_out);

#endif /* TRUSTPATH_CAPTURE_H */
