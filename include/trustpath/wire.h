/* The DNS wire-format module: the only code in trustpath that touches raw
 * DNS bytes. Bounded reader, domain names (RFC 1035 4.1.4 compression,
 * RFC 4034 6.1 canonical order), the RR model, the message parser, typed
 * RDATA views, canonical RDATA (RFC 4034 6.2, RFC 6840 5.1) and the query
 * builder. Everything after the parser sees uncompressed names. */
#ifndef TRUSTPATH_WIRE_H
#define TRUSTPATH_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trustpath/arena.h"
#include "trustpath/bytes.h"
#include "trustpath/err.h"

/* ---- Constants -------------------------------------------------------- */

#define TP_NAME_MAX      255 /* octets in a wire name, root label included */
#define TP_LABEL_MAX     63
#define TP_NAME_TEXT_MAX 1024 /* presentation form incl. \DDD escapes + NUL */
#define TP_MAX_PTR_HOPS  128

enum tp_rrtype {
    TP_TYPE_A = 1,
    TP_TYPE_NS = 2,
    TP_TYPE_CNAME = 5,
    TP_TYPE_SOA = 6,
    TP_TYPE_PTR = 12,
    TP_TYPE_HINFO = 13,
    TP_TYPE_MX = 15,
    TP_TYPE_TXT = 16,
    TP_TYPE_AAAA = 28,
    TP_TYPE_SRV = 33,
    TP_TYPE_NAPTR = 35,
    TP_TYPE_DNAME = 39,
    TP_TYPE_OPT = 41,
    TP_TYPE_DS = 43,
    TP_TYPE_RRSIG = 46,
    TP_TYPE_NSEC = 47,
    TP_TYPE_DNSKEY = 48,
    TP_TYPE_NSEC3 = 50,
    TP_TYPE_NSEC3PARAM = 51,
    TP_TYPE_CDS = 59,
    TP_TYPE_CDNSKEY = 60,
    TP_TYPE_ANY = 255
};

enum tp_rrclass {
    TP_CLASS_IN = 1,
    TP_CLASS_CH = 3,
    TP_CLASS_ANY = 255
};

enum tp_rcode {
    TP_RCODE_NOERROR = 0,
    TP_RCODE_FORMERR = 1,
    TP_RCODE_SERVFAIL = 2,
    TP_RCODE_NXDOMAIN = 3,
    TP_RCODE_NOTIMP = 4,
    TP_RCODE_REFUSED = 5,
    TP_RCODE_BADVERS = 16
};

/* DNSKEY flags (RFC 4034 2.1.1, RFC 5011 7). */
#define TP_DNSKEY_FLAG_ZONE   0x0100
#define TP_DNSKEY_FLAG_REVOKE 0x0080
#define TP_DNSKEY_FLAG_SEP    0x0001

/* EDNS option codes we interpret. */
#define TP_EDNS_NSID 3
#define TP_EDNS_EDE  15

/* ---- Bounded reader ---------------------------------------------------- */

/** Reads never pass `end`; the first failure is sticky and every later read
 * returns zeros, so a whole record can be parsed and checked once. */
typedef struct tp_rd {
    const uint8_t *msg; /* whole message: compression pointers index it */
    size_t msg_len;
    size_t pos; /* next byte to read */
    size_t end; /* reads stop here: msg_len, or the end of one RDATA */
    tp_err_t err;
} tp_rd_t;

tp_rd_t tp_rd_init(const uint8_t *msg, size_t len);
/** A reader confined to the next len bytes of r (an RDATA); advances r past
 * them. If they are not there, r and the result both fail TP_ETRUNCATED. */
tp_rd_t tp_rd_sub(tp_rd_t *r, size_t len);
void tp_rd_fail(tp_rd_t *r, tp_err_t err); /* keeps the first error */
size_t tp_rd_left(const tp_rd_t *r);
uint8_t tp_rd_u8(tp_rd_t *r);
uint16_t tp_rd_u16(tp_rd_t *r);
uint32_t tp_rd_u32(tp_rd_t *r);
/** Borrow the next n bytes; NULL (and a sticky error) if absent. */
const uint8_t *tp_rd_take(tp_rd_t *r, size_t n);
/** TP_ETRAILING if bytes remain before end, else the sticky error. */
TP_NODISCARD tp_err_t tp_rd_finish(const tp_rd_t *r);

/* ---- Domain names ------------------------------------------------------
 * A name is its uncompressed wire form: length-prefixed labels ending with
 * the zero root label. Functions taking `const uint8_t *name` require a name
 * already validated (by tp_name_read / tp_name_from_text / tp_name_check). */

/** Read a possibly compressed name at r->pos (r->msg is the whole message).
 * Pointers must point strictly before the start of the current label run,
 * at most TP_MAX_PTR_HOPS hops; labels <= 63, names <= 255 octets; label
 * types 0x40/0x80 rejected. allow_compression false rejects any pointer.
 * out receives the uncompressed name (at most TP_NAME_MAX bytes). */
TP_NODISCARD tp_err_t tp_name_read(tp_rd_t *r, bool allow_compression,
                                   uint8_t out[TP_NAME_MAX], size_t *len_out);
/** Validate an uncompressed name in buf (len bytes available); sets the
 * name's length. */
TP_NODISCARD tp_err_t tp_name_check(const uint8_t *buf, size_t len,
                                    size_t *name_len_out);
size_t tp_name_len(const uint8_t *name);
/** Number of labels, not counting the root ("." is 0, "a.b." is 2). */
unsigned tp_name_labels(const uint8_t *name);
/** RRSIG Labels value of an owner: labels, minus one for a leading "*". */
unsigned tp_name_rrsig_labels(const uint8_t *name);
bool tp_name_is_wildcard(const uint8_t *name);
bool tp_name_is_root(const uint8_t *name);
/** Case-insensitive equality (ASCII only, RFC 4343). */
bool tp_name_equal(const uint8_t *a, const uint8_t *b);
/** true when name equals zone or lies below it. */
bool tp_name_is_subdomain(const uint8_t *name, const uint8_t *zone);
/** RFC 4034 6.1 canonical order: <0, 0, >0. */
int tp_name_compare(const uint8_t *a, const uint8_t *b);
/** Lowercase in place (canonical form). */
void tp_name_lower(uint8_t *name);
/** Copy name into out, lowercased; returns its length. */
size_t tp_name_copy_lower(const uint8_t *name, uint8_t out[TP_NAME_MAX]);
/** Pointer to the suffix of name that has `labels` labels (borrowed).
 * labels > tp_name_labels(name) returns name itself. */
const uint8_t *tp_name_suffix(const uint8_t *name, unsigned labels);
/** The parent: name minus its first label (root stays root). Borrowed. */
const uint8_t *tp_name_parent(const uint8_t *name);
/** Prepend one label ("*" or any) to name; TP_ENAMELEN/TP_ELABEL on overflow.
 */
TP_NODISCARD tp_err_t tp_name_prepend(const uint8_t *name, const uint8_t *label,
                                      size_t label_len,
                                      uint8_t out[TP_NAME_MAX],
                                      size_t *len_out);
/** Presentation form with RFC 1035 5.1 escapes and a trailing dot; "." for
 * the root. out must hold TP_NAME_TEXT_MAX bytes. */
void tp_name_to_text(const uint8_t *name, char out[TP_NAME_TEXT_MAX]);
/** Parse presentation text (with \X and \DDD escapes). A name without a
 * trailing dot is relative to origin (NULL origin: treat as absolute); "@"
 * is the origin. */
TP_NODISCARD tp_err_t tp_name_from_text(const char *text, size_t text_len,
                                        const uint8_t *origin,
                                        uint8_t out[TP_NAME_MAX],
                                        size_t *len_out);
/** Arena copy of a validated name, or NULL on OOM. */
uint8_t *tp_name_dup(tp_arena_t *arena, const uint8_t *name);

/* ---- Resource records ---------------------------------------------------- */

typedef struct tp_rr {
    const uint8_t *owner; /* uncompressed name (arena or borrowed) */
    uint16_t type;
    uint16_t rclass;
    uint32_t ttl;
    /* RDATA with every embedded name decompressed (self-contained, as the
     * signer saw it, original case). Typed views read this. */
    tp_bytes_t rdata;
    /* RDATA exactly as it was in the message (may hold compression pointers
     * into the message); equals rdata for records not read from a message. */
    tp_bytes_t raw;
} tp_rr_t;

/** A growable list of RRs whose storage lives in an arena. */
typedef struct tp_rrlist {
    tp_rr_t *rrs;
    size_t count;
    size_t cap;
} tp_rrlist_t;

TP_NODISCARD tp_err_t tp_rrlist_push(tp_rrlist_t *list, tp_arena_t *arena,
                                     const tp_rr_t *rr);

/** Decompress and validate the RDATA of type `type` found at r (a sub-reader
 * over one RDATA in a message); result stored in the arena. Unknown types
 * are copied opaque (RFC 3597). */
TP_NODISCARD tp_err_t tp_rdata_expand(tp_rd_t *r, uint16_t type,
                                      tp_arena_t *arena, tp_bytes_t *out);

/** Canonical RDATA (RFC 4034 6.2 with RFC 6840 5.1: names lowercased for NS,
 * CNAME, SOA, PTR, MX, DNAME, SRV, NAPTR, ... but not in NSEC or RRSIG).
 * rdata is uncompressed; appends to out. */
TP_NODISCARD tp_err_t tp_rdata_canonical(uint16_t type, tp_bytes_t rdata,
                                         tp_buf_t *out);
/** RFC 4034 6.3 order of canonical RDATA: octet strings, shorter first on a
 * common prefix. */
int tp_rdata_compare(tp_bytes_t a, tp_bytes_t b);

/* ---- Typed RDATA views (borrowed pointers into the rdata) --------------- */

typedef struct tp_soa {
    const uint8_t *mname, *rname;
    uint32_t serial, refresh, retry, expire, minimum;
} tp_soa_t;

typedef struct tp_mx {
    uint16_t preference;
    const uint8_t *exchange;
} tp_mx_t;

typedef struct tp_ds { /* also CDS */
    uint16_t key_tag;
    uint8_t algorithm;
    uint8_t digest_type;
    tp_bytes_t digest;
} tp_ds_t;

typedef struct tp_dnskey { /* also CDNSKEY */
    uint16_t flags;
    uint8_t protocol;
    uint8_t algorithm;
    tp_bytes_t key;
} tp_dnskey_t;

typedef struct tp_rrsig {
    uint16_t type_covered;
    uint8_t algorithm;
    uint8_t labels;
    uint32_t original_ttl;
    uint32_t expiration;
    uint32_t inception;
    uint16_t key_tag;
    const uint8_t *signer;
    tp_bytes_t signature;
    tp_bytes_t signed_part; /* RDATA minus the signature (RFC 4034 3.1.8.1) */
} tp_rrsig_t;

typedef struct tp_nsec {
    const uint8_t *next;
    tp_bytes_t bitmap;
} tp_nsec_t;

typedef struct tp_nsec3 {
    uint8_t hash_alg;
    uint8_t flags;
    uint16_t iterations;
    tp_bytes_t salt;
    tp_bytes_t next_hashed; /* raw hash octets, usually 20 */
    tp_bytes_t bitmap;
} tp_nsec3_t;

typedef struct tp_nsec3param {
    uint8_t hash_alg;
    uint8_t flags;
    uint16_t iterations;
    tp_bytes_t salt;
} tp_nsec3param_t;

typedef struct tp_rdata_view {
    uint16_t type;

    union {
        uint8_t a[4];
        uint8_t aaaa[16];
        const uint8_t *name; /* NS, CNAME, DNAME, PTR */
        tp_soa_t soa;
        tp_mx_t mx;
        tp_bytes_t txt; /* the <character-string>s, iterate tp_txt_next */
        tp_ds_t ds;
        tp_dnskey_t dnskey;
        tp_rrsig_t rrsig;
        tp_nsec_t nsec;
        tp_nsec3_t nsec3;
        tp_nsec3param_t nsec3param;
        tp_bytes_t unknown; /* any other type: opaque */
    } u;
} tp_rdata_view_t;

/** Parse an uncompressed RDATA into its typed view; TP_EMALFORMED (or a more
 * precise code) when it does not fit the type. */
TP_NODISCARD tp_err_t tp_rdata_view(uint16_t type, tp_bytes_t rdata,
                                    tp_rdata_view_t *out);
/** Next <character-string> of a TXT RDATA; false at the end. */
bool tp_txt_next(tp_bytes_t *rest, tp_bytes_t *string_out);

/** Type bitmaps (RFC 4034 4.1.2): is `type` present? A malformed bitmap
 * (window order, lengths) yields false and TP_EMALFORMED from check. */
bool tp_bitmap_has(tp_bytes_t bitmap, uint16_t type);
TP_NODISCARD tp_err_t tp_bitmap_check(tp_bytes_t bitmap);

/* ---- Messages ------------------------------------------------------------ */

typedef struct tp_edns {
    bool present;
    uint8_t version;
    bool do_bit;
    uint16_t udp_size;
    uint8_t ext_rcode;  /* upper 8 bits of the 12-bit RCODE */
    tp_bytes_t options; /* raw option list */
    bool has_ede;
    uint16_t ede_code; /* RFC 8914 */
    tp_bytes_t ede_text;
    bool has_nsid;
    tp_bytes_t nsid;
} tp_edns_t;

typedef struct tp_msg {
    uint16_t id;
    uint16_t flags; /* raw header flags word */
    bool qr, aa, tc, rd, ra, ad, cd;
    uint8_t opcode;
    uint16_t rcode; /* full RCODE incl. EDNS extended bits */
    uint16_t qdcount, ancount, nscount, arcount; /* as in the header */
    bool has_question;
    const uint8_t *qname;
    uint16_t qtype, qclass;
    tp_rrlist_t answer, authority, additional; /* OPT is not in additional */
    tp_edns_t edns;
} tp_msg_t;

/** Parse a whole message into out; names and RDATA are decompressed into
 * the arena. Counts are claims: a count larger than the message holds gives
 * TP_ECOUNT, never a big allocation. Trailing bytes: TP_ETRAILING. */
TP_NODISCARD tp_err_t tp_msg_parse(const uint8_t *wire, size_t len,
                                   tp_arena_t *arena, tp_msg_t *out);

/* ---- Queries ------------------------------------------------------------- */

typedef struct tp_query_opts {
    bool rd;
    bool cd;
    bool edns;         /* add an OPT RR */
    bool do_bit;       /* DNSSEC OK (needs edns) */
    uint16_t udp_size; /* advertised payload, e.g. 1232 */
} tp_query_opts_t;

/** Encode a query (no compression) into out. */
TP_NODISCARD tp_err_t tp_query_build(const uint8_t *qname, uint16_t qtype,
                                     uint16_t qclass, uint16_t id,
                                     const tp_query_opts_t *opts,
                                     tp_buf_t *out);
/** A query ID from the kernel's CSPRNG (getrandom). */
TP_NODISCARD tp_err_t tp_query_random_id(uint16_t *id_out);

#endif /* TRUSTPATH_WIRE_H */
