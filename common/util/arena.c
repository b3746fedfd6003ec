/* Region allocator: a list of chunks; allocations are bumped from the newest
 * chunk and only the whole arena is ever freed. Large requests get a chunk of
 * their own so a big allocation never wastes a partially used chunk. */
#include "trustpath/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CHUNK (64 * 1024)
#define ALIGN         alignof(max_align_t)

struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct tp_arena {
    struct chunk *head;
    size_t chunk_size;
    size_t total;
};

tp_arena_t *tp_arena_new(size_t chunk_size)
{
    tp_arena_t *a = calloc(1, sizeof(*a));

    if (a == NULL)
        return NULL;
    a->chunk_size = chunk_size != 0 ? chunk_size : DEFAULT_CHUNK;
    return a;
}

void tp_arena_free(tp_arena_t *arena)
{
    struct chunk *c;

    if (arena == NULL)
        return;
    c = arena->head;
    while (c != NULL) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

static struct chunk *chunk_new(size_t size)
{
    struct chunk *c;

    if (size > SIZE_MAX - sizeof(*c))
        return NULL;
    c = malloc(sizeof(*c) + size);
    if (c == NULL)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void *tp_arena_alloc(tp_arena_t *arena, size_t size)
{
    struct chunk *c;
    size_t rounded;
    void *p;

    if (arena == NULL || size > SIZE_MAX - ALIGN)
        return NULL;
    rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (rounded == 0)
        rounded = ALIGN;
    c = arena->head;
    if (c == NULL || c->size - c->used < rounded) {
        if (rounded > arena->chunk_size / 4) {
            /* Dedicated chunk, linked behind the current one. */
            struct chunk *big = chunk_new(rounded);
            if (big == NULL)
                return NULL;
            big->used = rounded;
            if (c != NULL) {
                big->next = c->next;
                c->next = big;
            } else {
                arena->head = big;
            }
            arena->total += rounded;
            memset(big->data, 0, rounded);
            return big->data;
        }
        c = chunk_new(arena->chunk_size);
        if (c == NULL)
            return NULL;
        c->next = arena->head;
        arena->head = c;
    }
    p = c->data + c->used;
    c->used += rounded;
    arena->total += rounded;
    memset(p, 0, rounded);
    return p;
}

void *tp_arena_array(tp_arena_t *arena, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL; /* n * size would wrap */
    return tp_arena_alloc(arena, n * size);
}

void *tp_arena_memdup(tp_arena_t *arena, const void *data, size_t len)
{
    void *p = tp_arena_alloc(arena, len);

    if (p != NULL && len != 0)
        memcpy(p, data, len);
    return p;
}

char *tp_arena_strdup(tp_arena_t *arena, const char *str)
{
    return tp_arena_memdup(arena, str, strlen(str) + 1);
}

size_t tp_arena_used(const tp_arena_t *arena)
{
    return arena != NULL ? arena->total : 0;
}
