/* Fuzz target: parse arbitrary zone-file text (origin "example."), then
 * print every record, parse the printed line again and require the same
 * owner, type, class, TTL and RDATA octets (printing must be lossless). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trustpath/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_reparse(const tp_rr_t *rr, tp_arena_t *arena)
{
    tp_rrlist_t again = {0};
    tp_buf_t b;

    tp_buf_init(&b, 1 << 20);
    if (tp_rr_to_text(rr, &b) != TP_OK)
        abort();
    if (tp_zone_parse((const char *)b.data, b.len, NULL, 0, arena, &again,
                      NULL) != TP_OK ||
        again.count != 1)
        abort();
    if (tp_name_len(again.rrs[0].owner) != tp_name_len(rr->owner) ||
        memcmp(again.rrs[0].owner, rr->owner, tp_name_len(rr->owner)) != 0 ||
        again.rrs[0].type != rr->type || again.rrs[0].rclass != rr->rclass ||
        again.rrs[0].ttl != rr->ttl ||
        again.rrs[0].rdata.len != rr->rdata.len ||
        (rr->rdata.len > 0 &&
         memcmp(again.rrs[0].rdata.data, rr->rdata.data, rr->rdata.len) != 0))
        abort();
    tp_buf_clear(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t origin[] = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
    tp_arena_t *arena;
    tp_rrlist_t list = {0};
    tp_text_error_t err;

    if (size > 65536)
        return 0;
    arena = tp_arena_new(0);
    if (arena == NULL)
        return 0;
    /* Records parsed before an error are still in the list: check them. */
    tp_err_t rc = tp_zone_parse((const char *)data, size, origin, 3600, arena,
                                &list, &err);

    (void)rc;
    for (size_t i = 0; i < list.count; i++)
        check_reparse(&list.rrs[i], arena);
    tp_arena_free(arena);
    return 0;
}
