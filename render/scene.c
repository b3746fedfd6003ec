/* The scene: a Graphviz-independent picture of one or more analyses.
 * Nodes are keyed by a stable id so the same DNSKEY or DS seen for several
 * names (or from several servers) is drawn once; insertion order is kept so
 * the output is deterministic. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_int.h"

#define SCENE_MAX_ITEMS 100000 /* a picture larger than this is unreadable */

tp_err_t tp_scene_init(tp_scene_t *scene)
{
    if (scene == NULL)
        return TP_EINVAL;
    memset(scene, 0, sizeof(*scene));
    scene->arena = tp_arena_new(0);
    if (scene->arena == NULL)
        return TP_ENOMEM;
    scene->legend = true;
    return TP_OK;
}

void tp_scene_clear(tp_scene_t *scene)
{
    if (scene == NULL)
        return;
    tp_arena_free(scene->arena);
    free(scene->clusters);
    free(scene->nodes);
    free(scene->edges);
    memset(scene, 0, sizeof(*scene));
}

/* Make room for one more element of size `size` in *items. */
static tp_err_t grow(void **items, size_t count, size_t *cap, size_t size)
{
    size_t ncap;
    void *p;

    if (count < *cap)
        return TP_OK;
    if (count >= SCENE_MAX_ITEMS)
        return TP_ELIMIT;
    ncap = *cap != 0 ? *cap * 2 : 16;
    p = realloc(*items, ncap * size);
    if (p == NULL)
        return TP_ENOMEM;
    *items = p;
    *cap = ncap;
    return TP_OK;
}

const char *tp_scene_str(tp_scene_t *scene, const char *s)
{
    return tp_arena_strdup(scene->arena, s != NULL ? s : "");
}

const char *tp_scene_fmt(tp_scene_t *scene, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = tp_arena_alloc(scene->arena, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

tp_err_t tp_scene_cluster(tp_scene_t *scene, const char *zone, unsigned depth,
                          size_t *index_out)
{
    tp_scluster_t *c;
    tp_err_t err;

    for (size_t i = 0; i < scene->cluster_count; i++) {
        if (strcmp(scene->clusters[i].name, zone) == 0) {
            *index_out = i;
            return TP_OK;
        }
    }
    err = grow((void **)&scene->clusters, scene->cluster_count,
               &scene->cluster_cap, sizeof(*scene->clusters));
    if (err != TP_OK)
        return err;
    c = &scene->clusters[scene->cluster_count];
    memset(c, 0, sizeof(*c));
    c->name = tp_scene_str(scene, zone);
    c->id = tp_scene_fmt(scene, "z_%s", zone);
    if (c->name == NULL || c->id == NULL)
        return TP_ENOMEM;
    c->status = TP_RS_NEUTRAL;
    c->depth = depth;
    *index_out = scene->cluster_count++;
    return TP_OK;
}

size_t tp_scene_find(const tp_scene_t *scene, const char *id)
{
    for (size_t i = 0; i < scene->node_count; i++) {
        if (strcmp(scene->nodes[i].id, id) == 0)
            return i;
    }
    return SIZE_MAX;
}

tp_err_t tp_scene_node(tp_scene_t *scene, const char *id, size_t cluster,
                       tp_snode_kind_t kind, tp_rstat_t status,
                       size_t *index_out, bool *added_out)
{
    size_t i = tp_scene_find(scene, id);
    tp_snode_t *n;
    tp_err_t err;

    if (added_out != NULL)
        *added_out = i == SIZE_MAX;
    if (i != SIZE_MAX) {
        scene->nodes[i].status = tp_rstat_worst(scene->nodes[i].status, status);
        *index_out = i;
        return TP_OK;
    }
    err = grow((void **)&scene->nodes, scene->node_count, &scene->node_cap,
               sizeof(*scene->nodes));
    if (err != TP_OK)
        return err;
    n = &scene->nodes[scene->node_count];
    memset(n, 0, sizeof(*n));
    n->id = tp_scene_str(scene, id);
    if (n->id == NULL)
        return TP_ENOMEM;
    n->cluster = cluster;
    n->kind = kind;
    n->status = status;
    n->title = "";
    *index_out = scene->node_count++;
    return TP_OK;
}

tp_err_t tp_scene_line(tp_scene_t *scene, size_t node, tp_line_kind_t kind,
                       const char *text)
{
    tp_snode_t *n;

    if (node >= scene->node_count || text == NULL)
        return TP_EINVAL;
    n = &scene->nodes[node];
    for (size_t i = 0; i < n->line_count; i++) {
        if (strcmp(n->lines[i].text, text) == 0)
            return TP_OK;
    }
    if (n->line_count == TP_SCENE_LINES_MAX)
        return TP_OK;
    n->lines[n->line_count].kind = kind;
    n->lines[n->line_count].text = tp_scene_str(scene, text);
    if (n->lines[n->line_count].text == NULL)
        return TP_ENOMEM;
    n->line_count++;
    return TP_OK;
}

tp_err_t tp_scene_detail(tp_scene_t *scene, size_t node, const char *key,
                         const char *value, tp_line_kind_t kind)
{
    tp_snode_t *n;
    tp_skv_t *kv;

    if (node >= scene->node_count || key == NULL)
        return TP_EINVAL;
    n = &scene->nodes[node];
    for (kv = n->details; kv != NULL; kv = kv->next) {
        if (strcmp(kv->key, key) == 0 &&
            strcmp(kv->value, value != NULL ? value : "") == 0)
            return TP_OK;
    }
    kv = tp_arena_alloc(scene->arena, sizeof(*kv));
    if (kv == NULL)
        return TP_ENOMEM;
    kv->key = tp_scene_str(scene, key);
    kv->value = tp_scene_str(scene, value);
    kv->kind = kind;
    if (kv->key == NULL || kv->value == NULL)
        return TP_ENOMEM;
    if (n->details_tail != NULL)
        n->details_tail->next = kv;
    else
        n->details = kv;
    n->details_tail = kv;
    return TP_OK;
}

tp_err_t tp_scene_edge(tp_scene_t *scene, size_t tail, size_t head,
                       tp_sedge_kind_t kind, tp_rstat_t status, bool failing,
                       const char *label)
{
    tp_sedge_t *e;
    tp_err_t err;

    if (tail >= scene->node_count || head >= scene->node_count)
        return TP_EINVAL;
    for (size_t i = 0; i < scene->edge_count; i++) {
        e = &scene->edges[i];
        if (e->tail == tail && e->head == head && e->kind == kind) {
            e->status = tp_rstat_worst(e->status, status);
            e->failing = e->failing || failing;
            if ((e->label == NULL || e->label[0] == '\0') && label != NULL)
                e->label = tp_scene_str(scene, label);
            return TP_OK;
        }
    }
    err = grow((void **)&scene->edges, scene->edge_count, &scene->edge_cap,
               sizeof(*scene->edges));
    if (err != TP_OK)
        return err;
    e = &scene->edges[scene->edge_count];
    memset(e, 0, sizeof(*e));
    e->tail = tail;
    e->head = head;
    e->kind = kind;
    e->status = status;
    e->failing = failing;
    e->label = label != NULL ? tp_scene_str(scene, label) : NULL;
    if (label != NULL && e->label == NULL)
        return TP_ENOMEM;
    scene->edge_count++;
    return TP_OK;
}

static bool has_incoming(const tp_scene_t *scene, size_t node, bool foreign)
{
    for (size_t i = 0; i < scene->edge_count; i++) {
        const tp_sedge_t *e = &scene->edges[i];

        if (e->head != node || e->tail == node)
            continue;
        if (!foreign ||
            scene->nodes[e->tail].cluster != scene->nodes[node].cluster)
            return true;
    }
    return false;
}

tp_err_t tp_scene_order(tp_scene_t *scene)
{
    tp_err_t err = TP_OK;

    for (size_t c = 0; err == TP_OK && c < scene->cluster_count; c++) {
        size_t entry = SIZE_MAX;

        for (size_t n = 0; n < scene->node_count && entry == SIZE_MAX; n++) {
            if (scene->nodes[n].cluster == c && has_incoming(scene, n, true))
                entry = n;
        }
        if (entry == SIZE_MAX)
            continue; /* the top zone */
        for (size_t n = 0; err == TP_OK && n < scene->node_count; n++) {
            if (n != entry && scene->nodes[n].cluster == c &&
                !has_incoming(scene, n, false))
                err = tp_scene_edge(scene, entry, n, TP_SE_ORDER, TP_RS_NEUTRAL,
                                    false, NULL);
        }
    }
    return err;
}
