/* Presentation format (RFC 1035 section 5, RFC 3597, RFC 4034 sections 2.2,
 * 3.2, 4.2, 5.3, RFC 5155 section 3.3): type and class mnemonics, printing
 * RRs as zone-file text and parsing zone-file text (trust-anchor files, root
 * hints, test fixtures). */
#ifndef TRUSTPATH_TEXT_H
#define TRUSTPATH_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "trustpath/arena.h"
#include "trustpath/bytes.h"
#include "trustpath/err.h"
#include "trustpath/wire.h"

/** Mnemonic of a type ("DNSKEY"), or "TYPE<n>" (RFC 3597) written into buf
 * (which must hold 16 bytes); returns a pointer to static text or buf. */
const char *tp_type_to_text(uint16_t type, char buf[16]);
/** Parse "A", "dnskey", "TYPE65534"; TP_ESYNTAX if unknown. */
TP_NODISCARD tp_err_t tp_type_from_text(const char *text, size_t len,
                                        uint16_t *type_out);
const char *tp_class_to_text(uint16_t rclass, char buf[16]);
TP_NODISCARD tp_err_t tp_class_from_text(const char *text, size_t len,
                                         uint16_t *class_out);
/** Mnemonic of an RCODE ("NXDOMAIN"), or "RCODE<n>". */
const char *tp_rcode_to_text(uint16_t rcode, char buf[16]);

/** RRSIG time (RFC 4034 3.2): seconds since 1970-01-01T00:00:00Z written as
 * YYYYMMDDHHmmSS in UTC (out holds 15 bytes incl. NUL). No time zone. */
void tp_rrsig_time_to_text(uint32_t t, char out[15]);
/** Inverse: 14 digits are a UTC date (1970..2106-02-07T06:28:15), anything
 * else must be a plain decimal 0..4294967295; TP_ESYNTAX otherwise. */
TP_NODISCARD tp_err_t tp_rrsig_time_from_text(const char *text, size_t len,
                                              uint32_t *out);

/** Append the RDATA of `type` in presentation form (no trailing newline).
 * Unknown types use the RFC 3597 "\# len hex" form. */
TP_NODISCARD tp_err_t tp_rdata_to_text(uint16_t type, tp_bytes_t rdata,
                                       tp_buf_t *out);
/** Append "owner TTL CLASS TYPE RDATA\n". */
TP_NODISCARD tp_err_t tp_rr_to_text(const tp_rr_t *rr, tp_buf_t *out);

/** Where zone-file parsing failed. */
typedef struct tp_text_error {
    unsigned line;
    char message[160];
} tp_text_error_t;

/** Parse zone-file text: $ORIGIN, $TTL, relative names, "@", owner
 * inheritance (blank first column), parentheses, ";" comments, quoted
 * strings, \X and \DDD escapes, optional TTL and class in either order,
 * type bitmaps, base64/hex/base32hex fields, RFC 3597 "\#" RDATA.
 * origin may be NULL (then relative names are errors until $ORIGIN);
 * default_ttl applies until $TTL. Records are appended to out, owned by the
 * arena. On failure err_out (if not NULL) says which line and why. */
TP_NODISCARD tp_err_t tp_zone_parse(const char *text, size_t len,
                                    const uint8_t *origin, uint32_t default_ttl,
                                    tp_arena_t *arena, tp_rrlist_t *out,
                                    tp_text_error_t *err_out);
/** Parse the RDATA of one record of `type` from presentation text (the part
 * after the type mnemonic); names relative to origin. Result in the arena. */
TP_NODISCARD tp_err_t tp_rdata_from_text(uint16_t type, const char *text,
                                         size_t len, const uint8_t *origin,
                                         tp_arena_t *arena, tp_bytes_t *out,
                                         tp_text_error_t *err_out);

#endif /* TRUSTPATH_TEXT_H */
