/* The in-memory capture: construction and deep copies into one arena. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/capture.h"
#include "trustpath/wire.h"

#define QUERIES_MAX (SIZE_MAX / sizeof(tp_capture_query_t) / 2)

tp_capture_t *tp_capture_new(void)
{
    tp_capture_t *cap = calloc(1, sizeof(*cap));

    if (cap == NULL)
        return NULL;
    cap->arena = tp_arena_new(0);
    cap->tool = "trustpath";
    if (cap->arena == NULL) {
        free(cap);
        return NULL;
    }
    return cap;
}

void tp_capture_free(tp_capture_t *cap)
{
    if (cap == NULL)
        return;
    tp_arena_free(cap->arena);
    free(cap->queries);
    free(cap);
}

tp_err_t tp_capture_set_tool(tp_capture_t *cap, const char *tool)
{
    char *copy;

    if (cap == NULL || tool == NULL)
        return TP_EINVAL;
    copy = tp_arena_strdup(cap->arena, tool);
    if (copy == NULL)
        return TP_ENOMEM;
    cap->tool = copy;
    return TP_OK;
}

/* Grow an arena-held array for one more element. Capacity is implicit: 4,
 * then each power of two, so a full array is one whose count is 4 or a
 * larger power of two. Old blocks stay in the arena (short lists only). */
static void *grow(tp_arena_t *arena, void *old, size_t count, size_t size)
{
    size_t cap;
    void *fresh;

    if (count != 0 && (count < 4 || (count & (count - 1)) != 0))
        return old;
    cap = count == 0 ? 4 : count * 2;
    fresh = tp_arena_array(arena, cap, size);
    if (fresh != NULL && count != 0)
        memcpy(fresh, old, count * size);
    return fresh;
}

tp_err_t tp_capture_add_name(tp_capture_t *cap, const uint8_t *name)
{
    const uint8_t **names;
    uint8_t *copy;

    if (cap == NULL || name == NULL)
        return TP_EINVAL;
    names =
        grow(cap->arena, (void *)cap->names, cap->name_count, sizeof(*names));
    copy = tp_name_dup(cap->arena, name);
    if (names == NULL || copy == NULL)
        return TP_ENOMEM;
    names[cap->name_count++] = copy;
    cap->names = names;
    return TP_OK;
}

tp_err_t tp_capture_add_type(tp_capture_t *cap, uint16_t type)
{
    uint16_t *types;

    if (cap == NULL)
        return TP_EINVAL;
    types = grow(cap->arena, cap->types, cap->type_count, sizeof(*types));
    if (types == NULL)
        return TP_ENOMEM;
    types[cap->type_count++] = type;
    cap->types = types;
    return TP_OK;
}

tp_err_t tp_capture_add_limit(tp_capture_t *cap, const char *limit)
{
    const char **limits;
    char *copy;

    if (cap == NULL || limit == NULL || limit[0] == '\0')
        return TP_EINVAL;
    if (tp_capture_has_limit(cap, limit))
        return TP_OK;
    if (cap->limits_hit_count >= 32)
        return TP_ELIMIT;
    limits = grow(cap->arena, (void *)cap->limits_hit, cap->limits_hit_count,
                  sizeof(*limits));
    copy = tp_arena_strdup(cap->arena, limit);
    if (limits == NULL || copy == NULL)
        return TP_ENOMEM;
    limits[cap->limits_hit_count++] = copy;
    cap->limits_hit = limits;
    return TP_OK;
}

bool tp_capture_has_limit(const tp_capture_t *cap, const char *limit)
{
    if (cap == NULL || limit == NULL)
        return false;
    for (size_t i = 0; i < cap->limits_hit_count; i++)
        if (strcmp(cap->limits_hit[i], limit) == 0)
            return true;
    return false;
}

static tp_err_t set_text(tp_capture_t *cap, const char *text, size_t len,
                         const char **dst)
{
    char *copy;

    if (cap == NULL || (text == NULL && len != 0))
        return TP_EINVAL;
    if (text == NULL) {
        *dst = NULL;
        return TP_OK;
    }
    copy = tp_arena_alloc(cap->arena, len + 1);
    if (copy == NULL)
        return TP_ENOMEM;
    memcpy(copy, text, len);
    copy[len] = '\0';
    *dst = copy;
    return TP_OK;
}

tp_err_t tp_capture_set_root_hints(tp_capture_t *cap, const char *text,
                                   size_t len)
{
    return set_text(cap, text, len, &cap->root_hints);
}

tp_err_t tp_capture_set_trust_anchors(tp_capture_t *cap, const char *text,
                                      size_t len)
{
    return set_text(cap, text, len, &cap->trust_anchors);
}

static tp_err_t copy_query(tp_arena_t *a, const tp_capture_query_t *q,
                           tp_capture_query_t *dst)
{
    *dst = *q;
    dst->server = tp_arena_strdup(a, q->server);
    dst->qname = tp_name_dup(a, q->qname);
    dst->zone = q->zone != NULL ? tp_name_dup(a, q->zone) : NULL;
    dst->server_name =
        q->server_name != NULL ? tp_name_dup(a, q->server_name) : NULL;
    dst->purpose = q->purpose != NULL ? tp_arena_strdup(a, q->purpose) : NULL;
    dst->detail = q->detail != NULL ? tp_arena_strdup(a, q->detail) : NULL;
    dst->response = tp_bytes(NULL, 0);
    if (q->response.len != 0) {
        void *bytes = tp_arena_memdup(a, q->response.data, q->response.len);
        if (bytes == NULL)
            return TP_ENOMEM;
        dst->response = tp_bytes(bytes, q->response.len);
    }
    dst->attempts = NULL;
    if (q->attempt_count != 0) {
        dst->attempts =
            tp_arena_array(a, q->attempt_count, sizeof(*q->attempts));
        if (dst->attempts == NULL)
            return TP_ENOMEM;
        memcpy(dst->attempts, q->attempts,
               q->attempt_count * sizeof(*q->attempts));
    }
    if (dst->server == NULL || dst->qname == NULL ||
        (q->zone != NULL && dst->zone == NULL) ||
        (q->server_name != NULL && dst->server_name == NULL) ||
        (q->purpose != NULL && dst->purpose == NULL) ||
        (q->detail != NULL && dst->detail == NULL))
        return TP_ENOMEM;
    return TP_OK;
}

tp_err_t tp_capture_add_query(tp_capture_t *cap, const tp_capture_query_t *q,
                              const tp_capture_query_t **out)
{
    tp_err_t err;

    if (cap == NULL || q == NULL || q->server == NULL || q->qname == NULL ||
        (q->attempt_count != 0 && q->attempts == NULL) ||
        (q->response.len != 0 && q->response.data == NULL))
        return TP_EINVAL;
    if (cap->query_count == cap->query_cap) {
        size_t ncap = cap->query_cap != 0 ? cap->query_cap * 2 : 64;
        tp_capture_query_t *fresh;

        if (ncap > QUERIES_MAX)
            return TP_ENOMEM;
        fresh = realloc(cap->queries, ncap * sizeof(*fresh));
        if (fresh == NULL)
            return TP_ENOMEM;
        cap->queries = fresh;
        cap->query_cap = ncap;
    }
    err = copy_query(cap->arena, q, &cap->queries[cap->query_count]);
    if (err != TP_OK)
        return err;
    if (out != NULL)
        *out = &cap->queries[cap->query_count];
    cap->query_count++;
    return TP_OK;
}

static const char *const outcome_names[TP_OUTCOME_COUNT] = {
    [TP_OUTCOME_RESPONSE] = "response",
    [TP_OUTCOME_TIMEOUT] = "timeout",
    [TP_OUTCOME_CONN_REFUSED] = "connection-refused",
    [TP_OUTCOME_NET_UNREACHABLE] = "network-unreachable",
    [TP_OUTCOME_MALFORMED] = "malformed",
    [TP_OUTCOME_TRUNCATED] = "truncated",
    [TP_OUTCOME_MISMATCH] = "mismatch",
    [TP_OUTCOME_CANCELLED] = "cancelled",
    [TP_OUTCOME_ERROR] = "error",
};

const char *tp_transport_name(tp_transport_t t)
{
    return t == TP_TRANSPORT_TCP ? "tcp" : "udp";
}

const char *tp_outcome_name(tp_outcome_t o)
{
    if ((unsigned)o >= TP_OUTCOME_COUNT)
        return "?";
    return outcome_names[o];
}

bool tp_outcome_from_name(const char *text, tp_outcome_t *out)
{
    if (text == NULL)
        return false;
    for (unsigned i = 0; i < TP_OUTCOME_COUNT; i++) {
        if (strcmp(text, outcome_names[i]) == 0) {
            if (out != NULL)
                *out = (tp_outcome_t)i;
            return true;
        }
    }
    return false;
}

const char *tp_capture_source_name(tp_capture_source_t source)
{
    switch (source) {
    case TP_CAPTURE_SOURCE_AUTHORITATIVE:
        return "authoritative";
    case TP_CAPTURE_SOURCE_RESOLVER:
        return "resolver";
    }
    return "?";
}

tp_err_t tp_capture_add_stub(tp_capture_t *cap, const uint8_t *name)
{
    const uint8_t **stubs;
    uint8_t *copy;

    if (cap == NULL || name == NULL)
        return TP_EINVAL;
    if (tp_capture_is_stub(cap, name))
        return TP_OK;
    stubs =
        grow(cap->arena, (void *)cap->stubs, cap->stub_count, sizeof(*stubs));
    copy = tp_name_dup(cap->arena, name);
    if (stubs == NULL || copy == NULL)
        return TP_ENOMEM;
    stubs[cap->stub_count++] = copy;
    cap->stubs = stubs;
    return TP_OK;
}

bool tp_capture_is_stub(const tp_capture_t *cap, const uint8_t *name)
{
    for (size_t i = 0; cap != NULL && name != NULL && i < cap->stub_count; i++)
        if (tp_name_equal(cap->stubs[i], name))
            return true;
    return false;
}
