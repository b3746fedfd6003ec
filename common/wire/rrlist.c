/* Growable RR lists in an arena. The capacity grows by doubling from what
 * was actually pushed, never from a count read off the wire. */
#include <string.h>

#include "trustpath/wire.h"

#define RRLIST_FIRST_CAP 8

tp_err_t tp_rrlist_push(tp_rrlist_t *list, tp_arena_t *arena, const tp_rr_t *rr)
{
    if (list == NULL || arena == NULL || rr == NULL)
        return TP_EINVAL;
    if (list->count == list->cap) {
        size_t cap = list->cap != 0 ? list->cap * 2 : RRLIST_FIRST_CAP;
        tp_rr_t *rrs = tp_arena_array(arena, cap, sizeof(*rrs));

        if (rrs == NULL)
            return TP_ENOMEM;
        if (list->count != 0)
            memcpy(rrs, list->rrs, list->count * sizeof(*rrs));
        list->rrs = rrs;
        list->cap = cap;
    }
    list->rrs[list->count++] = *rr;
    return TP_OK;
}
