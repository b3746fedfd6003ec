/* NSEC/NSEC3 type bitmaps (RFC 4034 4.1.2, RFC 5155 3.2.1): windows in
 * ascending order, each 1..32 octets long, no trailing zero octet. */
#include "trustpath/wire.h"

tp_err_t tp_bitmap_check(tp_bytes_t bitmap)
{
    size_t at = 0;
    int prev = -1;

    if (bitmap.data == NULL && bitmap.len != 0)
        return TP_EINVAL;
    while (at < bitmap.len) {
        uint8_t window, len;

        if (bitmap.len - at < 2)
            return TP_EMALFORMED;
        window = bitmap.data[at];
        len = bitmap.data[at + 1];
        if ((int)window <= prev || len == 0 || len > 32 ||
            len > bitmap.len - at - 2)
            return TP_EMALFORMED;
        /* A window with no types must be left out, and trailing zero
         * octets must be omitted; both show as a zero last octet. */
        if (bitmap.data[at + 1 + len] == 0)
            return TP_EMALFORMED;
        prev = window;
        at += 2 + (size_t)len;
    }
    return TP_OK;
}

bool tp_bitmap_has(tp_bytes_t bitmap, uint16_t type)
{
    uint8_t want = (uint8_t)(type >> 8);
    size_t octet = (type & 0xFF) / 8;
    size_t at = 0;

    if (tp_bitmap_check(bitmap) != TP_OK)
        return false;
    while (at < bitmap.len) {
        uint8_t window = bitmap.data[at], len = bitmap.data[at + 1];

        if (window == want)
            return octet < len &&
                   (bitmap.data[at + 2 + octet] & (0x80 >> (type & 7))) != 0;
        at += 2 + (size_t)len;
    }
    return false;
}
