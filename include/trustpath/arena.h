/* Region allocator: many small allocations, one free. Everything parsed or
 * built for one message, capture or analysis run lives in one arena. */
#ifndef TRUSTPATH_ARENA_H
#define TRUSTPATH_ARENA_H

#include <stddef.h>

typedef struct tp_arena tp_arena_t; /* opaque */

/** @return a new arena (chunk_size 0 picks a default), or NULL on OOM.
 * Free with tp_arena_free. */
tp_arena_t *tp_arena_new(size_t chunk_size);

/** Release the arena and every block it handed out. NULL is a no-op. */
void tp_arena_free(tp_arena_t *arena);

/** @return zeroed, max-aligned memory owned by the arena, or NULL. */
void *tp_arena_alloc(tp_arena_t *arena, size_t size);

/** tp_arena_alloc(n * size) that fails instead of wrapping around. */
void *tp_arena_array(tp_arena_t *arena, size_t n, size_t size);

/** @return a copy of len bytes owned by the arena, or NULL. */
void *tp_arena_memdup(tp_arena_t *arena, const void *data, size_t len);

/** @return a NUL-terminated copy of str owned by the arena, or NULL. */
char *tp_arena_strdup(tp_arena_t *arena, const char *str);

/** Total bytes handed out so far (for budgets and benchmarks). */
size_t tp_arena_used(const tp_arena_t *arena);

#endif /* TRUSTPATH_ARENA_H */
