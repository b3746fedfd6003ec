/* Internal model of the probe: servers and their c-ares channels (net.c),
 * zones, name tasks and jobs (walk.c), the run (probe.c). Every object
 * lives in the run's arena; query records are heap-allocated and freed as
 * soon as they are written to the capture. */
#ifndef TRUSTPATH_PROBE_INT_H
#define TRUSTPATH_PROBE_INT_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include <ares.h>

#include "trustpath/arena.h"
#include "trustpath/capture.h"
#include "trustpath/probe.h"
#include "trustpath/wire.h"

#define PQ_MAX_ATTEMPTS 16

typedef struct probe probe_t;
typedef struct server server_t;
typedef struct zone zone_t;
typedef struct nsname nsname_t;
typedef struct task task_t;

/* A datagram a UDP channel received (seen through our socket functions,
 * before c-ares matches it): enough to tell, when a query times out,
 * whether an answer with a wrong ID or to another question was dropped. */
typedef struct rxent {
    uint64_t t_us;
    uint64_t qhash; /* of the lower-cased question name; 0: no question */
    uint16_t id, qtype;
    bool consumed; /* c-ares accepted it as an answer */
} rxent_t;

#define CHAN_RX_RING 32

/* One c-ares channel, the handle its socket callback receives. */
typedef struct chan {
    probe_t *p;
    server_t *server;
    ares_channel ch;
    unsigned pending; /* our queries not yet called back */
    struct chan *next_retired;
    rxent_t rx[CHAN_RX_RING];
    unsigned rx_next;
} chan_t;

struct server {
    int family; /* AF_INET or AF_INET6 */
    uint8_t addr[16];
    char text[48];
    bool unreachable; /* no route: checked once with a connected socket */
    chan_t *udp, *tcp;
    unsigned inflight;
    struct pquery *queue_head, *queue_tail;
    server_t *next;
};

/* A zone with the servers it is asked at and the questions every one of
 * them gets (jobs). */
typedef struct zserver {
    server_t *server;
    nsname_t *ns; /* the NS name it came from, or NULL */
} zserver_t;

typedef struct job {
    const uint8_t *qname;
    uint16_t qtype;
    const char *purpose;
    struct job *next;
} job_t;

typedef struct visit {
    task_t *task;
    const uint8_t *cand; /* the name asked (NS) to find the next cut */
    bool done;
    struct visit *next;
} visit_t;

/* What a zone said about a candidate cut (first decisive answer wins), so
 * later names asking the same question proceed without a new query. */
typedef struct memo {
    const uint8_t *cand;
    zone_t *child; /* the cut's zone, or NULL: not a cut */
    bool nxdomain;
    struct memo *next;
} memo_t;

struct zone {
    const uint8_t *name;
    memo_t *memos;
    zone_t *parent;
    unsigned depth;
    bool full; /* a name of interest passes here: all zone probes */
    zserver_t *servers;
    size_t server_count, server_cap;
    nsname_t **ns;
    size_t ns_count, ns_cap;
    job_t *jobs, *jobs_tail;
    visit_t *visits;
    zone_t *next;
};

struct nsname {
    const uint8_t *name;
    bool resolving;
    server_t **addrs;
    size_t addr_count, addr_cap;
    zone_t **zones;
    size_t zone_count, zone_cap;
    nsname_t *next;
};

struct task {
    const uint8_t *name;
    unsigned cname_depth;
    nsname_t *ns; /* non-NULL: resolving this NS name's addresses */
    bool followed_cname;
    task_t *next;
};

/* One query to one server: its attempts and, between the c-ares callback
 * and the main loop, the raw result of the current attempt. */
typedef struct pquery {
    server_t *server;
    zone_t *zone;
    nsname_t *ns;
    const uint8_t *qname;
    uint16_t qtype;
    const char *purpose;
    tp_transport_t transport;
    uint16_t id;
    unsigned timeouts;
    tp_capture_attempt_t attempts[PQ_MAX_ATTEMPTS];
    unsigned attempt_count;
    chan_t *chan;
    int status;      /* ARES_* of the current attempt */
    uint8_t *answer; /* heap copy of the current attempt's answer */
    size_t answer_len;
    const char *mismatch; /* why the last attempt's answer was dropped */
    uint8_t *tc_answer;   /* the UDP TC=1 answer kept while TCP runs */
    size_t tc_answer_len;
    struct pquery *next; /* server queue, or completion list */
} pquery_t;

typedef struct fdent {
    ares_socket_t fd;
    chan_t *chan;
    bool readable, writable;
} fdent_t;

struct probe {
    const tp_probe_config_t *cfg;
    tp_capture_t *cap;
    tp_arena_t *arena;
    tp_err_t fatal; /* first failure that stops the run (OOM, c-ares) */
    uint64_t t0_us; /* CLOCK_MONOTONIC at start */
    uint64_t deadline_us;
    bool stopping;
    const uint16_t *types;
    size_t type_count;
    uint16_t ns_types[2];
    size_t ns_type_count;
    size_t query_budget;
    server_t *servers;
    zone_t *zones;
    zone_t *root;
    nsname_t *nsnames;
    task_t *tasks;
    chan_t *retired;
    fdent_t *fds;
    size_t fd_count, fd_cap;
    pquery_t *done_head, *done_tail;
    size_t queued, inflight;
    uint64_t last_progress_us;
    tp_probe_stats_t stats;
};

/* probe.c */
/** Record that the run hit a bound (TP_CAPTURE_LIMIT_*). */
void tp_probe_limit(probe_t *p, const char *limit);

/* net.c */
uint64_t tp_probe_now_us(const probe_t *p);
server_t *tp_probe_server_get(probe_t *p, int family, const uint8_t *addr);
void tp_probe_submit(probe_t *p, server_t *s, zone_t *z, nsname_t *ns,
                     const job_t *job);
tp_err_t tp_probe_loop(probe_t *p);
void tp_probe_net_free(probe_t *p);
void tp_probe_progress(probe_t *p, const char *event, bool force);

/* walk.c */
zone_t *tp_probe_zone_get(probe_t *p, const uint8_t *name, zone_t *parent);
void tp_probe_zone_add_ns(probe_t *p, zone_t *z, const uint8_t *ns_name,
                          nsname_t **out);
void tp_probe_nsname_add_addr(probe_t *p, nsname_t *ns, int family,
                              const uint8_t *addr);
void tp_probe_task_start(probe_t *p, const uint8_t *name, unsigned cname_depth,
                         nsname_t *ns);
/** Called for each recorded query that got a parsed response. */
void tp_probe_on_response(probe_t *p, const pquery_t *pq, const tp_msg_t *msg);

#endif /* TRUSTPATH_PROBE_INT_H */
