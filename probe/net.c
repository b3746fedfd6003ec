/* The probe's network half: one c-ares channel pair per server address
 * (UDP with NOCHECKRESP|EDNS|IGNTC, TCP with USEVC), one poll loop over all
 * of them (ARES_OPT_SOCK_STATE_CB), per-server and global in-flight caps,
 * and the attempt ladder of each query: retries after timeouts, TCP after
 * a truncated or unparseable UDP answer (we decide, so the capture knows
 * the transport), our own ID and question check (RFC 5452 section 9.1)
 * on top of c-ares' own. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "probe_int.h"

#define ARES_RECV_MAX 4096 /* c-ares 1.18 reads at most 4097 bytes */

uint64_t tp_probe_now_us(const probe_t *p)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u -
           (p != NULL ? p->t0_us : 0);
}

void tp_probe_progress(probe_t *p, const char *event, bool force)
{
    tp_probe_progress_t pr;
    uint64_t now;

    if (p->cfg->progress == NULL)
        return;
    now = tp_probe_now_us(p);
    if (!force && now - p->last_progress_us < 100000)
        return;
    p->last_progress_us = now;
    pr.sent = p->stats.attempts;
    pr.completed = p->stats.queries;
    pr.in_flight = p->inflight;
    pr.queued = p->queued;
    pr.zones = p->stats.zones;
    pr.servers = p->stats.servers;
    pr.elapsed_ms = now / 1000;
    pr.event = event;
    p->cfg->progress(p->cfg->progress_arg, &pr);
}

/* ---- fd table (ARES_OPT_SOCK_STATE_CB) ---------------------------------- */

static void sock_state_cb(void *data, ares_socket_t fd, int readable,
                          int writable)
{
    chan_t *c = data;
    probe_t *p = c->p;
    size_t i;

    for (i = 0; i < p->fd_count; i++)
        if (p->fds[i].fd == fd)
            break;
    if (!readable && !writable) {
        if (i < p->fd_count)
            p->fds[i] = p->fds[--p->fd_count];
        return;
    }
    if (i == p->fd_count) {
        if (p->fd_count == p->fd_cap) {
            size_t ncap = p->fd_cap != 0 ? p->fd_cap * 2 : 64;
            fdent_t *fresh = realloc(p->fds, ncap * sizeof(*fresh));
            if (fresh == NULL) {
                p->fatal = TP_ENOMEM;
                return;
            }
            p->fds = fresh;
            p->fd_cap = ncap;
        }
        p->fd_count++;
    }
    p->fds[i].fd = fd;
    p->fds[i].chan = c;
    p->fds[i].readable = readable != 0;
    p->fds[i].writable = writable != 0;
}

/* ---- what the UDP sockets receive ------------------------------------------
 * c-ares drops answers whose ID, question or source address do not match
 * (RFC 5452 section 9.1) without telling us; a query to a server that only
 * sends such answers would look like a plain timeout. Our socket functions
 * note each datagram's ID and question so that a timeout can say what was
 * dropped. (A connected UDP socket never sees datagrams from another
 * address: those stay timeouts.) */

static uint64_t qname_hash(const uint8_t *name, size_t max)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    size_t i = 0;

    while (i < max) {
        uint8_t n = name[i++];

        h = (h ^ n) * 1099511628211u;
        if (n == 0)
            return h;
        if (n > 63 || n > max - i)
            return 0;
        for (uint8_t k = 0; k < n; k++, i++) {
            uint8_t c = name[i];
            if (c >= 'A' && c <= 'Z')
                c = (uint8_t)(c - 'A' + 'a');
            h = (h ^ c) * 1099511628211u;
        }
    }
    return 0;
}

static void note_datagram(chan_t *c, const uint8_t *buf, size_t len)
{
    rxent_t *e = &c->rx[c->rx_next++ % CHAN_RX_RING];
    size_t end = 12;

    memset(e, 0, sizeof(*e));
    e->t_us = tp_probe_now_us(c->p);
    e->id = (uint16_t)(buf[0] << 8 | buf[1]);
    if ((buf[4] << 8 | buf[5]) == 0)
        return;
    e->qhash = qname_hash(buf + 12, len - 12);
    while (e->qhash != 0 && end < len && buf[end] != 0)
        end += 1u + buf[end];
    if (e->qhash == 0 || end + 5 > len)
        e->qhash = 0;
    else
        e->qtype = (uint16_t)(buf[end + 1] << 8 | buf[end + 2]);
}

static ares_socket_t w_socket(int af, int type, int proto, void *data)
{
    (void)data;
    return socket(af, type | SOCK_CLOEXEC | SOCK_NONBLOCK, proto);
}

static int w_close(ares_socket_t fd, void *data)
{
    (void)data;
    return close(fd);
}

static int w_connect(ares_socket_t fd, const struct sockaddr *sa,
                     ares_socklen_t len, void *data)
{
    (void)data;
    return connect(fd, sa, len);
}

static ares_ssize_t w_recvfrom(ares_socket_t fd, void *buf, size_t len,
                               int flags, struct sockaddr *from,
                               ares_socklen_t *fromlen, void *data)
{
    ssize_t n = recvfrom(fd, buf, len, flags, from, fromlen);

    if (n >= 12)
        note_datagram(data, buf, (size_t)n);
    return n;
}

static ares_ssize_t w_sendv(ares_socket_t fd, const struct iovec *iov,
                            int count, void *data)
{
    (void)data;
    return writev(fd, iov, count);
}

static const struct ares_socket_functions udp_funcs = {
    w_socket, w_close, w_connect, w_recvfrom, w_sendv};

/* The answer c-ares accepted for pq is not a dropped one. */
static void rx_consume(chan_t *c, const pquery_t *pq)
{
    uint64_t h = qname_hash(pq->qname, TP_NAME_MAX);

    for (unsigned i = 0; i < CHAN_RX_RING; i++)
        if (c->rx[i].id == pq->id && c->rx[i].qhash == h)
            c->rx[i].consumed = true;
}

/* Why the current attempt of pq, which timed out, got nothing: an answer
 * with a wrong ID or to another question arrived and was dropped. */
static const char *rx_mismatch(const chan_t *c, const pquery_t *pq,
                               const tp_capture_attempt_t *at)
{
    uint64_t h = qname_hash(pq->qname, TP_NAME_MAX);

    for (unsigned i = 0; i < CHAN_RX_RING; i++) {
        const rxent_t *e = &c->rx[i];
        bool same_q = e->qhash == h && e->qtype == pq->qtype;

        if (e->t_us == 0 || e->t_us < at->start_us || e->consumed)
            continue;
        if (e->id == pq->id && !same_q)
            return "answer to another question dropped";
        if (e->id != pq->id && same_q)
            return "answer with a wrong ID dropped";
    }
    return NULL;
}

/* ---- servers and channels ------------------------------------------------ */

static bool no_route(int family, const uint8_t *addr, uint16_t port)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int fd, rc, saved;

    memset(&ss, 0, sizeof(ss));
    if (family == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        memcpy(&sin->sin_addr, addr, 4);
        len = sizeof(*sin);
    } else {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        memcpy(&sin6->sin6_addr, addr, 16);
        len = sizeof(*sin6);
    }
    fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errno == EAFNOSUPPORT;
    rc = connect(fd, (struct sockaddr *)&ss, len);
    saved = errno;
    close(fd);
    return rc != 0 && (saved == ENETUNREACH || saved == EHOSTUNREACH ||
                       saved == EADDRNOTAVAIL || saved == EAFNOSUPPORT);
}

server_t *tp_probe_server_get(probe_t *p, int family, const uint8_t *addr)
{
    size_t alen = family == AF_INET ? 4 : 16;
    server_t *s;

    if ((family == AF_INET && !p->cfg->ipv4) ||
        (family == AF_INET6 && !p->cfg->ipv6))
        return NULL;
    for (s = p->servers; s != NULL; s = s->next)
        if (s->family == family && memcmp(s->addr, addr, alen) == 0)
            return s;
    s = tp_arena_alloc(p->arena, sizeof(*s));
    if (s == NULL) {
        p->fatal = TP_ENOMEM;
        return NULL;
    }
    s->family = family;
    memcpy(s->addr, addr, alen);
    inet_ntop(family, addr, s->text, sizeof(s->text));
    s->unreachable = no_route(family, addr, p->cfg->port);
    s->next = p->servers;
    p->servers = s;
    p->stats.servers++;
    return s;
}

static chan_t *chan_new(probe_t *p, server_t *s, bool tcp)
{
    struct ares_options o;
    struct ares_addr_port_node node;
    int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
               ARES_OPT_SOCK_STATE_CB;
    chan_t *c = tp_arena_alloc(p->arena, sizeof(*c));

    if (c == NULL) {
        p->fatal = TP_ENOMEM;
        return NULL;
    }
    c->p = p;
    c->server = s;
    memset(&o, 0, sizeof(o));
    /* NOCHECKRESP: REFUSED/SERVFAIL come back as bytes, not retried.
     * IGNTC: a TC=1 answer comes back to us; we choose TCP ourselves.
     * EDNS + EDNSPSZ: UDP answers up to 4096 bytes are read whole. */
    o.flags = ARES_FLAG_NOCHECKRESP |
              (tcp ? ARES_FLAG_USEVC : ARES_FLAG_EDNS | ARES_FLAG_IGNTC);
    o.timeout = (int)p->cfg->timeout_ms;
    o.tries = 1; /* retries are ours, recorded as attempts */
    o.sock_state_cb = sock_state_cb;
    o.sock_state_cb_data = c;
    if (!tcp) {
        mask |= ARES_OPT_EDNSPSZ;
        o.ednspsz = ARES_RECV_MAX;
    }
    if (ares_init_options(&c->ch, &o, mask) != ARES_SUCCESS) {
        p->fatal = TP_EIO;
        return NULL;
    }
    memset(&node, 0, sizeof(node));
    node.family = s->family;
    memcpy(s->family == AF_INET ? (void *)&node.addr.addr4
                                : (void *)&node.addr.addr6,
           s->addr, s->family == AF_INET ? 4 : 16);
    node.udp_port = p->cfg->port;
    node.tcp_port = p->cfg->port;
    if (!tcp)
        ares_set_socket_functions(c->ch, &udp_funcs, c);
    if (ares_set_servers_ports(c->ch, &node) != ARES_SUCCESS) {
        ares_destroy(c->ch);
        p->fatal = TP_EIO;
        return NULL;
    }
    return c;
}

/* c-ares 1.18 answers a FORMERR without OPT by cutting 11 bytes off our
 * query, re-sending it and clearing ARES_FLAG_EDNS on the channel for
 * good: the channel is retired and a fresh one serves later queries. */
static void retire_udp(probe_t *p, server_t *s)
{
    if (s->udp == NULL)
        return;
    s->udp->next_retired = p->retired;
    p->retired = s->udp;
    s->udp = NULL;
}

/* ---- attempts ------------------------------------------------------------ */

static void on_answer(void *arg, int status, int timeouts, unsigned char *abuf,
                      int alen)
{
    pquery_t *pq = arg;
    probe_t *p = pq->chan->p;
    tp_capture_attempt_t *at = &pq->attempts[pq->attempt_count - 1];

    (void)timeouts;
    pq->chan->pending--;
    at->duration_us = tp_probe_now_us(p) - at->start_us;
    pq->status = status;
    /* The previous attempt's bytes (a malformed or mismatched answer that
     * led to this retry) are not kept. */
    free(pq->answer);
    pq->answer = NULL;
    pq->answer_len = 0;
    if (status == ARES_SUCCESS && pq->transport == TP_TRANSPORT_UDP)
        rx_consume(pq->chan, pq);
    if (status == ARES_SUCCESS && abuf != NULL && alen > 0) {
        pq->answer = malloc((size_t)alen);
        if (pq->answer == NULL) {
            pq->status = ARES_ENOMEM;
        } else {
            memcpy(pq->answer, abuf, (size_t)alen);
            pq->answer_len = (size_t)alen;
        }
    }
    pq->next = NULL;
    if (p->done_tail != NULL)
        p->done_tail->next = pq;
    else
        p->done_head = pq;
    p->done_tail = pq;
}

static void complete_now(probe_t *p, pquery_t *pq, int status)
{
    pq->status = status;
    pq->next = NULL;
    if (p->done_tail != NULL)
        p->done_tail->next = pq;
    else
        p->done_head = pq;
    p->done_tail = pq;
}

static void start_attempt(probe_t *p, pquery_t *pq, tp_transport_t transport)
{
    server_t *s = pq->server;
    tp_capture_attempt_t *at = &pq->attempts[pq->attempt_count++];
    tp_query_opts_t opts = {.rd = false,
                            .cd = false,
                            .edns = true,
                            .do_bit = true,
                            .udp_size = p->cfg->udp_size};
    chan_t **slot = transport == TP_TRANSPORT_TCP ? &s->tcp : &s->udp;
    tp_buf_t wire;

    pq->transport = transport;
    at->transport = transport;
    at->start_us = tp_probe_now_us(p);
    at->duration_us = 0;
    at->outcome = TP_OUTCOME_ERROR;
    if (s->unreachable) {
        complete_now(p, pq, -1);
        return;
    }
    if (*slot == NULL)
        *slot = chan_new(p, s, transport == TP_TRANSPORT_TCP);
    tp_buf_init(&wire, 600);
    if (*slot == NULL || tp_query_random_id(&pq->id) != TP_OK ||
        tp_query_build(pq->qname, pq->qtype, TP_CLASS_IN, pq->id, &opts,
                       &wire) != TP_OK) {
        tp_buf_clear(&wire);
        complete_now(p, pq, ARES_ENOMEM);
        return;
    }
    at->id = pq->id;
    pq->chan = *slot;
    pq->chan->pending++;
    p->stats.attempts++;
    ares_send(pq->chan->ch, wire.data, (int)wire.len, on_answer, pq);
    tp_buf_clear(&wire);
}

void tp_probe_submit(probe_t *p, server_t *s, zone_t *z, nsname_t *ns,
                     const job_t *job)
{
    pquery_t *pq;

    if (p->stopping || p->fatal != TP_OK) {
        p->stats.skipped++;
        return;
    }
    if (p->stats.queries + p->inflight + p->queued >= p->query_budget) {
        p->stats.skipped++;
        tp_probe_limit(p, TP_CAPTURE_LIMIT_QUERIES);
        return;
    }
    pq = calloc(1, sizeof(*pq));
    if (pq == NULL) {
        p->fatal = TP_ENOMEM;
        return;
    }
    pq->server = s;
    pq->zone = z;
    pq->ns = ns;
    pq->qname = job->qname;
    pq->qtype = job->qtype;
    pq->purpose = job->purpose;
    if (s->queue_tail != NULL)
        s->queue_tail->next = pq;
    else
        s->queue_head = pq;
    s->queue_tail = pq;
    p->queued++;
}

static void dispatch(probe_t *p)
{
    for (server_t *s = p->servers; s != NULL; s = s->next) {
        while (s->queue_head != NULL &&
               s->inflight < p->cfg->max_inflight_server &&
               p->inflight < p->cfg->max_inflight) {
            pquery_t *pq = s->queue_head;

            s->queue_head = pq->next;
            if (s->queue_head == NULL)
                s->queue_tail = NULL;
            pq->next = NULL;
            p->queued--;
            p->inflight++;
            s->inflight++;
            start_attempt(p, pq, TP_TRANSPORT_UDP);
        }
    }
}

/* ---- completion ------------------------------------------------------------
 */

static bool matches(const pquery_t *pq, const tp_msg_t *m)
{
    return m->qr && m->id == pq->id && m->has_question &&
           m->qtype == pq->qtype && m->qclass == TP_CLASS_IN &&
           tp_name_equal(m->qname, pq->qname);
}

static void record(probe_t *p, pquery_t *pq, tp_outcome_t outcome,
                   const uint8_t *bytes, size_t len, const char *detail)
{
    const tp_capture_attempt_t *first = &pq->attempts[0];
    const tp_capture_attempt_t *last = &pq->attempts[pq->attempt_count - 1];
    tp_capture_query_t q;

    memset(&q, 0, sizeof(q));
    q.server = pq->server->text;
    q.port = p->cfg->port;
    q.server_name = pq->ns != NULL ? pq->ns->name : NULL;
    q.zone = pq->zone->name;
    q.purpose = pq->purpose;
    q.qname = pq->qname;
    q.qtype = pq->qtype;
    q.qclass = TP_CLASS_IN;
    q.flags.edns = true;
    q.flags.do_bit = true;
    q.flags.udp_size = p->cfg->udp_size;
    q.transport = last->transport;
    q.start_us = first->start_us;
    q.duration_us = last->start_us + last->duration_us - first->start_us;
    q.outcome = outcome;
    if (bytes != NULL &&
        p->stats.bytes_kept + len > p->cfg->max_capture_bytes) {
        /* Over the byte budget: keep the record, not the bytes; the loop
         * then stops the run. */
        q.outcome = outcome = TP_OUTCOME_CANCELLED;
        bytes = NULL;
        detail = "capture byte budget reached";
        p->stats.bytes_kept += len; /* makes the loop stop */
    } else if (bytes != NULL) {
        p->stats.bytes_kept += len;
    }
    q.response = tp_bytes(bytes, bytes != NULL ? len : 0);
    q.detail = detail;
    q.attempts = pq->attempts;
    q.attempt_count = pq->attempt_count;
    if (tp_capture_add_query(p->cap, &q, NULL) != TP_OK)
        p->fatal = TP_ENOMEM;
    p->stats.queries++;
    p->stats.responses += outcome == TP_OUTCOME_RESPONSE;
    p->stats.timeouts += outcome == TP_OUTCOME_TIMEOUT;
    p->stats.tcp += q.transport == TP_TRANSPORT_TCP;
}

static void finish(probe_t *p, pquery_t *pq)
{
    free(pq->answer);
    free(pq->tc_answer);
    pq->server->inflight--;
    p->inflight--;
    free(pq);
}

/* A final outcome other than a response: a kept TC=1 answer turns it into
 * "truncated" (the TCP retry failed), with the reason in detail. */
static void finish_failed(probe_t *p, pquery_t *pq, tp_outcome_t outcome,
                          const char *detail)
{
    if (pq->tc_answer != NULL) {
        record(p, pq, TP_OUTCOME_TRUNCATED, pq->tc_answer, pq->tc_answer_len,
               outcome == TP_OUTCOME_TIMEOUT ? "TCP retry timed out"
                                             : "TCP retry failed");
    } else {
        record(p, pq, outcome, NULL, 0, detail);
    }
    finish(p, pq);
}

static bool can_retry(const probe_t *p, const pquery_t *pq)
{
    return !p->stopping && pq->attempt_count < PQ_MAX_ATTEMPTS;
}

/* A parsed, matching answer on UDP with TC=1 or anything on TCP. */
static void on_parsed(probe_t *p, pquery_t *pq, tp_capture_attempt_t *at,
                      const tp_msg_t *m)
{
    if (!matches(pq, m)) {
        /* c-ares checks this too; whatever slips through is dropped. */
        at->outcome = TP_OUTCOME_MISMATCH;
        p->stats.dropped++;
        if (pq->timeouts++ < p->cfg->retries && can_retry(p, pq)) {
            start_attempt(p, pq, pq->transport);
            return;
        }
        finish_failed(p, pq, TP_OUTCOME_MISMATCH, "answer did not match");
        return;
    }
    if (m->tc && pq->transport == TP_TRANSPORT_UDP && can_retry(p, pq)) {
        at->outcome = TP_OUTCOME_TRUNCATED;
        free(pq->tc_answer);
        pq->tc_answer = pq->answer;
        pq->tc_answer_len = pq->answer_len;
        pq->answer = NULL;
        start_attempt(p, pq, TP_TRANSPORT_TCP);
        return;
    }
    at->outcome = m->tc ? TP_OUTCOME_TRUNCATED : TP_OUTCOME_RESPONSE;
    if (pq->transport == TP_TRANSPORT_UDP && m->rcode == TP_RCODE_FORMERR &&
        !m->edns.present)
        retire_udp(p, pq->server);
    record(p, pq, at->outcome, pq->answer, pq->answer_len, NULL);
    if (at->outcome == TP_OUTCOME_RESPONSE)
        tp_probe_on_response(p, pq, m);
    finish(p, pq);
}

static void on_bytes(probe_t *p, pquery_t *pq, tp_capture_attempt_t *at)
{
    tp_arena_t *arena = tp_arena_new(8192);
    tp_msg_t m;
    tp_err_t err;

    if (arena == NULL) {
        p->fatal = TP_ENOMEM;
        finish_failed(p, pq, TP_OUTCOME_ERROR, "out of memory");
        return;
    }
    err = tp_msg_parse(pq->answer, pq->answer_len, arena, &m);
    if (err == TP_OK) {
        on_parsed(p, pq, at, &m);
    } else {
        at->outcome = TP_OUTCOME_MALFORMED;
        if (pq->transport == TP_TRANSPORT_UDP && can_retry(p, pq)) {
            /* e.g. a datagram clipped to the receive buffer: ask on TCP. */
            start_attempt(p, pq, TP_TRANSPORT_TCP);
        } else {
            record(p, pq, TP_OUTCOME_MALFORMED, pq->answer, pq->answer_len,
                   tp_err_str(err));
            finish(p, pq);
        }
    }
    tp_arena_free(arena);
}

static void process_one(probe_t *p, pquery_t *pq)
{
    tp_capture_attempt_t *at = &pq->attempts[pq->attempt_count - 1];

    switch (pq->status) {
    case ARES_SUCCESS:
        if (pq->answer != NULL) {
            on_bytes(p, pq, at);
            return;
        }
        at->outcome = TP_OUTCOME_ERROR;
        finish_failed(p, pq, TP_OUTCOME_ERROR, "empty answer");
        return;
    case ARES_ETIMEOUT:
        pq->mismatch = pq->transport == TP_TRANSPORT_UDP
                           ? rx_mismatch(pq->chan, pq, at)
                           : NULL;
        at->outcome =
            pq->mismatch != NULL ? TP_OUTCOME_MISMATCH : TP_OUTCOME_TIMEOUT;
        p->stats.dropped += pq->mismatch != NULL;
        if (pq->timeouts++ < p->cfg->retries && can_retry(p, pq)) {
            start_attempt(p, pq, pq->transport);
            return;
        }
        finish_failed(p, pq, at->outcome, pq->mismatch);
        return;
    case ARES_ECONNREFUSED:
        at->outcome = TP_OUTCOME_CONN_REFUSED;
        finish_failed(p, pq, TP_OUTCOME_CONN_REFUSED, NULL);
        return;
    case -1:
        at->outcome = TP_OUTCOME_NET_UNREACHABLE;
        finish_failed(p, pq, TP_OUTCOME_NET_UNREACHABLE, "no route to host");
        return;
    case ARES_ECANCELLED:
    case ARES_EDESTRUCTION:
        at->outcome = TP_OUTCOME_CANCELLED;
        finish_failed(p, pq, TP_OUTCOME_CANCELLED, "deadline reached");
        return;
    default:
        at->outcome = TP_OUTCOME_ERROR;
        finish_failed(p, pq, TP_OUTCOME_ERROR, ares_strerror(pq->status));
        return;
    }
}

static void process_done(probe_t *p)
{
    while (p->done_head != NULL) {
        pquery_t *pq = p->done_head;

        p->done_head = pq->next;
        if (p->done_head == NULL)
            p->done_tail = NULL;
        pq->next = NULL;
        process_one(p, pq);
    }
}

/* ---- the loop ---------------------------------------------------------------
 */

static void each_chan(probe_t *p, void (*fn)(chan_t *c))
{
    for (server_t *s = p->servers; s != NULL; s = s->next) {
        if (s->udp != NULL)
            fn(s->udp);
        if (s->tcp != NULL)
            fn(s->tcp);
    }
    for (chan_t *c = p->retired; c != NULL; c = c->next_retired)
        fn(c);
}

static void chan_cancel(chan_t *c)
{
    if (c->pending != 0)
        ares_cancel(c->ch);
}

static void chan_timeouts(chan_t *c)
{
    if (c->pending != 0)
        ares_process_fd(c->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
}

static void chan_destroy(chan_t *c)
{
    ares_destroy(c->ch);
    c->ch = NULL;
}

/* Deadline: drop what waits, cancel what flies (recorded as cancelled). */
static void stop(probe_t *p, const char *limit)
{
    p->stopping = true;
    if (limit != NULL && strcmp(limit, TP_CAPTURE_LIMIT_DEADLINE) == 0)
        p->stats.deadline_hit = true;
    if (limit != NULL)
        tp_probe_limit(p, limit);
    for (server_t *s = p->servers; s != NULL; s = s->next) {
        while (s->queue_head != NULL) {
            pquery_t *pq = s->queue_head;
            s->queue_head = pq->next;
            free(pq);
            p->queued--;
            p->stats.skipped++;
        }
        s->queue_tail = NULL;
    }
    each_chan(p, chan_cancel);
}

static int poll_timeout_ms(probe_t *p, uint64_t now)
{
    struct timeval maxtv, tv, *t;
    uint64_t left = p->deadline_us > now ? p->deadline_us - now : 0;
    uint64_t best = left;

    for (server_t *s = p->servers; s != NULL; s = s->next) {
        chan_t *cs[2] = {s->udp, s->tcp};
        for (int i = 0; i < 2; i++) {
            if (cs[i] == NULL || cs[i]->pending == 0)
                continue;
            maxtv.tv_sec = (time_t)(best / 1000000u);
            maxtv.tv_usec = (suseconds_t)(best % 1000000u);
            t = ares_timeout(cs[i]->ch, &maxtv, &tv);
            best = (uint64_t)t->tv_sec * 1000000u + (uint64_t)t->tv_usec;
        }
    }
    return (int)((best + 999) / 1000);
}

static tp_err_t poll_once(probe_t *p)
{
    size_t n = p->fd_count;
    struct pollfd *pfd = calloc(n + 1, sizeof(*pfd));
    chan_t **chans = calloc(n + 1, sizeof(*chans));
    int rc;

    if (pfd == NULL || chans == NULL) {
        free(pfd);
        free(chans);
        return TP_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        pfd[i].fd = p->fds[i].fd;
        pfd[i].events = (short)((p->fds[i].readable ? POLLIN : 0) |
                                (p->fds[i].writable ? POLLOUT : 0));
        chans[i] = p->fds[i].chan;
    }
    rc = poll(pfd, (nfds_t)n, poll_timeout_ms(p, tp_probe_now_us(p)));
    if (rc < 0 && errno != EINTR) {
        free(pfd);
        free(chans);
        return TP_EIO;
    }
    for (size_t i = 0; rc > 0 && i < n; i++) {
        short ev = pfd[i].revents;
        if (ev == 0 || chans[i]->ch == NULL)
            continue;
        ares_process_fd(chans[i]->ch,
                        (ev & (POLLIN | POLLERR | POLLHUP)) ? pfd[i].fd
                                                            : ARES_SOCKET_BAD,
                        (ev & POLLOUT) ? pfd[i].fd : ARES_SOCKET_BAD);
    }
    free(pfd);
    free(chans);
    each_chan(p, chan_timeouts);
    return TP_OK;
}

tp_err_t tp_probe_loop(probe_t *p)
{
    for (;;) {
        tp_err_t err;

        process_done(p);
        if (p->fatal != TP_OK && !p->stopping)
            stop(p, NULL);
        if (!p->stopping && p->stats.bytes_kept > p->cfg->max_capture_bytes)
            stop(p, TP_CAPTURE_LIMIT_BYTES);
        dispatch(p);
        if (p->done_head != NULL)
            continue;
        if (p->inflight == 0 && p->queued == 0)
            break;
        if (!p->stopping && tp_probe_now_us(p) >= p->deadline_us) {
            stop(p, TP_CAPTURE_LIMIT_DEADLINE);
            continue;
        }
        if ((err = poll_once(p)) != TP_OK)
            return err;
        tp_probe_progress(p, NULL, false);
    }
    return p->fatal;
}

void tp_probe_net_free(probe_t *p)
{
    each_chan(p, chan_destroy);
    process_done(p); /* nothing should be left; free defensively */
    free(p->fds);
    p->fds = NULL;
    p->fd_count = p->fd_cap = 0;
}
