/* A small, bounded DEFLATE (RFC 1951) and gzip (RFC 1952) decoder, so that
 * compressed DNSViz files can be read without linking zlib. Pure: no I/O.
 * Every output byte goes to a tp_buf_t whose maximum is the output limit;
 * the work done is proportional to the input read plus the output written,
 * so hostile input can neither crash it nor make it run away. */
#ifndef TRUSTPATH_INFLATE_H
#define TRUSTPATH_INFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/bytes.h"
#include "trustpath/err.h"

/** @return true when data starts with the gzip magic bytes 1f 8b. */
bool tp_gzip_detect(const void *data, size_t len);

/** CRC-32 as gzip uses it (reflected polynomial 0xedb88320, initial and
 * final XOR 0xffffffff), continued from crc (0 to start). */
uint32_t tp_crc32(uint32_t crc, const void *data, size_t len);

/** Decode one raw DEFLATE stream (RFC 1951) from in, appending the output
 * to out; out->max is the output limit. *used_out (may be NULL) receives
 * the number of input bytes the stream took, up to the end of the byte
 * holding its last bit.
 * Errors: TP_ELIMIT (the output would exceed out->max: out holds what fit),
 * TP_ETRUNCATED (the input ends inside the stream), TP_EFORMAT (an invalid
 * block type, code or distance), TP_ENOMEM, TP_EINVAL. why (may be NULL)
 * receives a sentence in static storage saying what is wrong, or NULL. */
TP_NODISCARD tp_err_t tp_inflate(tp_bytes_t in, tp_buf_t *out, size_t *used_out,
                                 const char **why);

/** Decode a gzip file (RFC 1952): one member or several concatenated ones
 * (as `cat a.gz b.gz` makes), each checked against its CRC32 and ISIZE
 * trailer; the optional header CRC16 is checked too. Trailing bytes that
 * are not a gzip member are an error. Same errors as tp_inflate. */
TP_NODISCARD tp_err_t tp_gunzip(tp_bytes_t in, tp_buf_t *out, const char **why);

#endif /* TRUSTPATH_INFLATE_H */
