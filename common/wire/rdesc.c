/* The per-type RDATA layout table. Which names may be compressed follows
 * RFC 3597 section 4: the RFC 1035 types MUST be decompressed, RP, AFSDB,
 * RT, SIG, PX, NXT, NAPTR and SRV SHOULD be; every later type's names are
 * never compressed. Which names are lowercased in canonical form follows
 * RFC 4034 6.2 as amended by RFC 6840 5.1 (not NSEC, not RRSIG). */
#include "wire_int.h"

#define NAME_CZ         \
    {                   \
        TP_F_NAME_CZ, 0 \
    }
#define NAME_LC         \
    {                   \
        TP_F_NAME_LC, 0 \
    }
#define NAME_KEEP         \
    {                     \
        TP_F_NAME_KEEP, 0 \
    }
#define FIXED(n)      \
    {                 \
        TP_F_FIXED, n \
    }
#define CHARSTR         \
    {                   \
        TP_F_CHARSTR, 0 \
    }
#define CHARSTRS         \
    {                    \
        TP_F_CHARSTRS, 0 \
    }
#define REST         \
    {                \
        TP_F_REST, 0 \
    }

/* Sorted by type for the binary search. */
static const tp_rdesc_t rdesc[] = {
    {1, {FIXED(4)}},                                      /* A */
    {2, {NAME_CZ}},                                       /* NS */
    {3, {NAME_CZ}},                                       /* MD */
    {4, {NAME_CZ}},                                       /* MF */
    {5, {NAME_CZ}},                                       /* CNAME */
    {6, {NAME_CZ, NAME_CZ, FIXED(20)}},                   /* SOA */
    {7, {NAME_CZ}},                                       /* MB */
    {8, {NAME_CZ}},                                       /* MG */
    {9, {NAME_CZ}},                                       /* MR */
    {11, {FIXED(5), REST}},                               /* WKS */
    {12, {NAME_CZ}},                                      /* PTR */
    {13, {CHARSTR, CHARSTR}},                             /* HINFO */
    {14, {NAME_CZ, NAME_CZ}},                             /* MINFO */
    {15, {FIXED(2), NAME_CZ}},                            /* MX */
    {16, {CHARSTRS}},                                     /* TXT */
    {17, {NAME_CZ, NAME_CZ}},                             /* RP */
    {18, {FIXED(2), NAME_CZ}},                            /* AFSDB */
    {21, {FIXED(2), NAME_CZ}},                            /* RT */
    {24, {FIXED(18), NAME_CZ, REST}},                     /* SIG */
    {25, {FIXED(4), REST}},                               /* KEY */
    {26, {FIXED(2), NAME_CZ, NAME_CZ}},                   /* PX */
    {28, {FIXED(16)}},                                    /* AAAA */
    {30, {NAME_CZ, REST}},                                /* NXT */
    {33, {FIXED(6), NAME_CZ}},                            /* SRV */
    {35, {FIXED(4), CHARSTR, CHARSTR, CHARSTR, NAME_CZ}}, /* NAPTR */
    {36, {FIXED(2), NAME_LC}},                            /* KX */
    {39, {NAME_LC}},                                      /* DNAME */
    {43, {FIXED(4), REST}},                               /* DS */
    {44, {FIXED(2), REST}},                               /* SSHFP */
    {46, {FIXED(18), NAME_KEEP, REST}},                   /* RRSIG */
    {47, {NAME_KEEP, REST}},                              /* NSEC */
    {48, {FIXED(4), REST}},                               /* DNSKEY */
    {50, {FIXED(4), CHARSTR, CHARSTR, REST}},             /* NSEC3 */
    {51, {FIXED(4), CHARSTR}},                            /* NSEC3PARAM */
    {52, {FIXED(3), REST}},                               /* TLSA */
    {53, {FIXED(3), REST}},                               /* SMIMEA */
    {59, {FIXED(4), REST}},                               /* CDS */
    {60, {FIXED(4), REST}},                               /* CDNSKEY */
    {62, {FIXED(6), REST}},                               /* CSYNC */
    {63, {FIXED(6), REST}},                               /* ZONEMD */
    {64, {FIXED(2), NAME_KEEP, REST}}, /* SVCB (RFC 9460 2.2) */
    {65, {FIXED(2), NAME_KEEP, REST}}, /* HTTPS */
};

/* RFC 3597: an unknown type is opaque octets, never decompressed. */
static const tp_rdesc_t rdesc_opaque = {0, {REST}};

const tp_rdesc_t *tp_rdesc_find(uint16_t type)
{
    size_t lo = 0, hi = sizeof(rdesc) / sizeof(rdesc[0]);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rdesc[mid].type == type)
            return &rdesc[mid];
        if (rdesc[mid].type < type)
            lo = mid + 1;
        else
            hi = mid;
    }
    return &rdesc_opaque;
}
