/* Mnemonics of RR types, classes and RCODEs (IANA "Domain Name System (DNS)
 * Parameters"), with the RFC 3597 section 5 fallbacks TYPEnnn and
 * CLASSnnn, and RCODEnnn for codes without a name. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text_int.h"

typedef struct mnemonic {
    uint16_t value;
    const char *name;
} mnemonic_t;

static const mnemonic_t types[] = {
    {1, "A"},         {2, "NS"},      {3, "MD"},          {4, "MF"},
    {5, "CNAME"},     {6, "SOA"},     {7, "MB"},          {8, "MG"},
    {9, "MR"},        {10, "NULL"},   {11, "WKS"},        {12, "PTR"},
    {13, "HINFO"},    {14, "MINFO"},  {15, "MX"},         {16, "TXT"},
    {17, "RP"},       {18, "AFSDB"},  {19, "X25"},        {20, "ISDN"},
    {21, "RT"},       {22, "NSAP"},   {23, "NSAP-PTR"},   {24, "SIG"},
    {25, "KEY"},      {26, "PX"},     {27, "GPOS"},       {28, "AAAA"},
    {29, "LOC"},      {30, "NXT"},    {31, "EID"},        {32, "NIMLOC"},
    {33, "SRV"},      {34, "ATMA"},   {35, "NAPTR"},      {36, "KX"},
    {37, "CERT"},     {38, "A6"},     {39, "DNAME"},      {40, "SINK"},
    {41, "OPT"},      {42, "APL"},    {43, "DS"},         {44, "SSHFP"},
    {45, "IPSECKEY"}, {46, "RRSIG"},  {47, "NSEC"},       {48, "DNSKEY"},
    {49, "DHCID"},    {50, "NSEC3"},  {51, "NSEC3PARAM"}, {52, "TLSA"},
    {53, "SMIMEA"},   {55, "HIP"},    {56, "NINFO"},      {57, "RKEY"},
    {58, "TALINK"},   {59, "CDS"},    {60, "CDNSKEY"},    {61, "OPENPGPKEY"},
    {62, "CSYNC"},    {63, "ZONEMD"}, {64, "SVCB"},       {65, "HTTPS"},
    {99, "SPF"},      {100, "UINFO"}, {101, "UID"},       {102, "GID"},
    {103, "UNSPEC"},  {104, "NID"},   {105, "L32"},       {106, "L64"},
    {107, "LP"},      {108, "EUI48"}, {109, "EUI64"},     {249, "TKEY"},
    {250, "TSIG"},    {251, "IXFR"},  {252, "AXFR"},      {253, "MAILB"},
    {254, "MAILA"},   {255, "ANY"},   {256, "URI"},       {257, "CAA"},
    {258, "AVC"},     {259, "DOA"},   {260, "AMTRELAY"},  {32768, "TA"},
    {32769, "DLV"},
};

static const mnemonic_t classes[] = {
    {1, "IN"}, {3, "CH"}, {4, "HS"}, {254, "NONE"}, {255, "ANY"},
};

/* RFC 6895 section 2.3; 16 is BADVERS in an OPT RR (RFC 6891). */
static const mnemonic_t rcodes[] = {
    {0, "NOERROR"},  {1, "FORMERR"}, {2, "SERVFAIL"},  {3, "NXDOMAIN"},
    {4, "NOTIMP"},   {5, "REFUSED"}, {6, "YXDOMAIN"},  {7, "YXRRSET"},
    {8, "NXRRSET"},  {9, "NOTAUTH"}, {10, "NOTZONE"},  {11, "DSOTYPENI"},
    {16, "BADVERS"}, {17, "BADKEY"}, {18, "BADTIME"},  {19, "BADMODE"},
    {20, "BADNAME"}, {21, "BADALG"}, {22, "BADTRUNC"}, {23, "BADCOOKIE"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *table_name(const mnemonic_t *table, size_t count,
                              uint16_t value)
{
    for (size_t i = 0; i < count; i++)
        if (table[i].value == value)
            return table[i].name;
    return NULL;
}

static bool table_value(const mnemonic_t *table, size_t count, const char *text,
                        size_t len, uint16_t *out)
{
    for (size_t i = 0; i < count; i++) {
        const char *name = table[i].name;

        if (strlen(name) == len && strncasecmp(name, text, len) == 0) {
            *out = table[i].value;
            return true;
        }
    }
    return false;
}

/* "<prefix><decimal 0..65535>", prefix matched without regard to case. */
static bool prefixed_number(const char *prefix, const char *text, size_t len,
                            uint16_t *out)
{
    size_t plen = strlen(prefix);
    uint32_t v;

    if (len <= plen || strncasecmp(prefix, text, plen) != 0)
        return false;
    if (!tp_text_u32(text + plen, len - plen, UINT16_MAX, &v))
        return false;
    *out = (uint16_t)v;
    return true;
}

static const char *to_text(const mnemonic_t *table, size_t count,
                           const char *prefix, uint16_t value, char buf[16])
{
    const char *name = table_name(table, count, value);

    if (name != NULL)
        return name;
    snprintf(buf, 16, "%s%u", prefix, (unsigned)value);
    return buf;
}

const char *tp_type_to_text(uint16_t type, char buf[16])
{
    return to_text(types, COUNT(types), "TYPE", type, buf);
}

tp_err_t tp_type_from_text(const char *text, size_t len, uint16_t *type_out)
{
    if (text == NULL || type_out == NULL)
        return TP_EINVAL;
    if (table_value(types, COUNT(types), text, len, type_out) ||
        prefixed_number("TYPE", text, len, type_out))
        return TP_OK;
    return TP_ESYNTAX;
}

const char *tp_class_to_text(uint16_t rclass, char buf[16])
{
    return to_text(classes, COUNT(classes), "CLASS", rclass, buf);
}

tp_err_t tp_class_from_text(const char *text, size_t len, uint16_t *class_out)
{
    if (text == NULL || class_out == NULL)
        return TP_EINVAL;
    if (table_value(classes, COUNT(classes), text, len, class_out) ||
        prefixed_number("CLASS", text, len, class_out))
        return TP_OK;
    return TP_ESYNTAX;
}

const char *tp_rcode_to_text(uint16_t rcode, char buf[16])
{
    return to_text(rcodes, COUNT(rcodes), "RCODE", rcode, buf);
}
