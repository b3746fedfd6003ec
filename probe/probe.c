/* tp_probe_run: set up a run (root hints, caps, c-ares), start one walk
 * per name, run the event loop, and fill in the capture's header. */
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "probe_int.h"
#include "trustpath/text.h"

void tp_probe_config_init(tp_probe_config_t *cfg)
{
    if (cfg == NULL)
        return;
    memset(cfg, 0, sizeof(*cfg));
    cfg->ipv4 = true;
    cfg->ipv6 = true;
    cfg->timeout_ms = 1000;
    cfg->retries = 2;
    cfg->deadline_ms = 30000;
    cfg->udp_size = 1232;
    cfg->max_inflight = 256;
    cfg->max_inflight_server = 16;
    cfg->max_depth = 24;
    cfg->max_cname = 8;
    cfg->max_ns_names = 13;
    cfg->max_queries = 4000;
    cfg->max_capture_bytes = (size_t)64 << 20;
    cfg->port = 53;
}

static bool config_ok(const tp_probe_config_t *c)
{
    return c->root_hints != NULL && (c->ipv4 || c->ipv6) && c->timeout_ms > 0 &&
           c->timeout_ms <= 600000 && c->retries < PQ_MAX_ATTEMPTS - 2 &&
           c->deadline_ms > 0 && c->max_inflight > 0 &&
           c->max_inflight_server > 0 && c->max_ns_names > 0 &&
           c->max_queries > 0 && c->max_capture_bytes > 0 && c->port != 0 &&
           c->udp_size >= 512 && (c->types != NULL || c->type_count == 0);
}

void tp_probe_limit(probe_t *p, const char *limit)
{
    p->stats.limit_hit = true;
    if (tp_capture_add_limit(p->cap, limit) == TP_ENOMEM)
        p->fatal = TP_ENOMEM;
}

static int64_t wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static tp_err_t record_header(probe_t *p, const uint8_t *const *names,
                              size_t name_count)
{
    const tp_probe_config_t *c = p->cfg;
    tp_capture_t *cap = p->cap;
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < name_count; i++)
        err = tp_capture_add_name(cap, names[i]);
    for (size_t i = 0; err == TP_OK && i < p->type_count; i++)
        err = tp_capture_add_type(cap, p->types[i]);
    if (err == TP_OK)
        err = tp_capture_set_root_hints(cap, c->root_hints, c->root_hints_len);
    if (err == TP_OK && c->trust_anchors != NULL)
        err = tp_capture_set_trust_anchors(cap, c->trust_anchors,
                                           c->trust_anchors_len);
    cap->options.timeout_ms = c->timeout_ms;
    cap->options.retries = c->retries;
    cap->options.deadline_ms = c->deadline_ms;
    cap->options.ipv4 = c->ipv4;
    cap->options.ipv6 = c->ipv6;
    cap->options.udp_size = c->udp_size;
    return err;
}

/* The root zone's servers from named.root-style text: NS records at the
 * root and the A/AAAA records of their targets. */
static tp_err_t load_hints(probe_t *p)
{
    static const uint8_t root_name[1] = {0};
    tp_rrlist_t rrs = {0};
    tp_text_error_t terr;
    tp_err_t err;

    err = tp_zone_parse(p->cfg->root_hints, p->cfg->root_hints_len, root_name,
                        3600000, p->arena, &rrs, &terr);
    if (err != TP_OK)
        return err == TP_ENOMEM ? err : TP_ESYNTAX;
    p->root = tp_probe_zone_get(p, root_name, NULL);
    if (p->root == NULL)
        return TP_ENOMEM;
    for (size_t i = 0; i < rrs.count; i++) {
        const tp_rr_t *rr = &rrs.rrs[i];
        nsname_t *ns;
        size_t len;

        if (rr->type != TP_TYPE_NS || !tp_name_is_root(rr->owner) ||
            tp_name_check(rr->rdata.data, rr->rdata.len, &len) != TP_OK)
            continue;
        tp_probe_zone_add_ns(p, p->root, rr->rdata.data, &ns);
        for (size_t j = 0; ns != NULL && j < rrs.count; j++) {
            const tp_rr_t *a = &rrs.rrs[j];

            if (!tp_name_equal(a->owner, ns->name))
                continue;
            if (a->type == TP_TYPE_A && a->rdata.len == 4)
                tp_probe_nsname_add_addr(p, ns, AF_INET, a->rdata.data);
            else if (a->type == TP_TYPE_AAAA && a->rdata.len == 16)
                tp_probe_nsname_add_addr(p, ns, AF_INET6, a->rdata.data);
        }
    }
    if (p->fatal != TP_OK)
        return p->fatal;
    return p->root->server_count != 0 ? TP_OK : TP_ESYNTAX;
}

tp_err_t tp_probe_run(const tp_probe_config_t *cfg, const uint8_t *const *names,
                      size_t name_count, tp_capture_t *cap,
                      tp_probe_stats_t *stats_out)
{
    static const uint16_t default_types[] = {TP_TYPE_A, TP_TYPE_AAAA};
    probe_t p;
    tp_err_t err;

    if (cfg == NULL || cap == NULL || (names == NULL && name_count != 0) ||
        !config_ok(cfg))
        return TP_EINVAL;
    memset(&p, 0, sizeof(p));
    p.cfg = cfg;
    p.cap = cap;
    p.types =
        cfg->types != NULL && cfg->type_count != 0 ? cfg->types : default_types;
    p.type_count =
        cfg->types != NULL && cfg->type_count != 0 ? cfg->type_count : 2;
    if (cfg->ipv4)
        p.ns_types[p.ns_type_count++] = TP_TYPE_A;
    if (cfg->ipv6)
        p.ns_types[p.ns_type_count++] = TP_TYPE_AAAA;
    p.query_budget =
        (size_t)cfg->max_queries * (name_count != 0 ? name_count : 1);
    p.t0_us = tp_probe_now_us(NULL);
    /* The deadline is a budget per name; names run side by side. */
    p.deadline_us = (uint64_t)cfg->deadline_ms * 1000u *
                    (uint64_t)(name_count != 0 ? name_count : 1);
    p.arena = tp_arena_new(0);
    if (p.arena == NULL)
        return TP_ENOMEM;
    cap->start_time_ms = wall_ms();
    err = record_header(&p, names, name_count);
    if (err == TP_OK && ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
        err = TP_EIO;
    if (err != TP_OK) {
        tp_arena_free(p.arena);
        return err;
    }
    err = load_hints(&p);
    for (size_t i = 0; err == TP_OK && i < name_count; i++)
        tp_probe_task_start(&p, names[i], 0, NULL);
    if (err == TP_OK)
        err = tp_probe_loop(&p);
    tp_probe_net_free(&p);
    ares_library_cleanup();
    cap->end_time_ms = wall_ms();
    p.stats.elapsed_us = tp_probe_now_us(&p);
    tp_probe_progress(&p, "done", true);
    if (stats_out != NULL)
        *stats_out = p.stats;
    tp_arena_free(p.arena);
    return err;
}
