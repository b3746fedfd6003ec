/* Internal to common/wire: the per-type RDATA descriptor table that drives
 * decompression (RFC 3597 section 4) and canonical lowercasing (RFC 4034
 * 6.2, RFC 6840 5.1), and the EDNS piece of the message parser. */
#ifndef TRUSTPATH_WIRE_INT_H
#define TRUSTPATH_WIRE_INT_H

#include <stdint.h>

#include "trustpath/wire.h"

typedef enum {
    TP_F_END = 0,
    TP_F_NAME_CZ,   /* may arrive compressed (RFC 3597 4); lowercased */
    TP_F_NAME_LC,   /* never compressed; lowercased (RFC 4034 6.2) */
    TP_F_NAME_KEEP, /* never compressed; case kept (RFC 6840 5.1) */
    TP_F_FIXED,     /* len octets */
    TP_F_CHARSTR,   /* one <character-string>: length octet + data */
    TP_F_CHARSTRS,  /* one or more <character-string>s to the end */
    TP_F_REST       /* the remaining octets, possibly none */
} tp_field_kind_t;

typedef struct tp_field {
    uint8_t kind; /* tp_field_kind_t */
    uint8_t len;  /* TP_F_FIXED only */
} tp_field_t;

#define TP_RDESC_FIELDS 6

typedef struct tp_rdesc {
    uint16_t type;
    tp_field_t f[TP_RDESC_FIELDS]; /* ends with TP_F_END */
} tp_rdesc_t;

/** The descriptor of type; unknown types get the opaque one (RFC 3597).
 * Static storage. */
const tp_rdesc_t *tp_rdesc_find(uint16_t type);

/** Fill out from an OPT RR (RFC 6891 6.1) whose rdata is the option list. */
TP_NODISCARD tp_err_t tp_edns_parse(const tp_rr_t *opt, tp_edns_t *out);

#endif /* TRUSTPATH_WIRE_INT_H */
