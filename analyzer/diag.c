/* The diagnostics catalogue (diag.h) as data, and its Markdown and JSON
 * renderings: docs/diagnostics.md is generated from tp_diag_catalogue_markdown
 * and a unit test checks that the file is current. */
#include "trustpath/diag.h"

#include <string.h>

#include <json-c/json.h>

static const tp_diag_info_t diag_table[TP_DIAG_COUNT] = {
#define TP_DIAG_ROW(code, fam, sev, ede, rfc, meaning, fix) \
    {#code, TP_FAM_##fam, TP_SEV_##sev, ede, rfc, meaning, fix},
    TP_DIAG_MAP(TP_DIAG_ROW)
#undef TP_DIAG_ROW
};

static const struct {
    const char *id;
    const char *title;
} family_names[TP_FAM_COUNT] = {
    [TP_FAM_RRSIG] = {"rrsig", "RRSIG: signatures and their validity"},
    [TP_FAM_DNSKEY] = {"dnskey", "DNSKEY: the zone's keys"},
    [TP_FAM_DS] = {"ds", "DS: the delegation signer records at the parent"},
    [TP_FAM_ANCHOR] = {"anchor", "Trust anchors"},
    [TP_FAM_DENIAL] = {"denial", "NSEC/NSEC3: denial of existence"},
    [TP_FAM_NSEC3] = {"nsec3", "NSEC3 parameters (RFC 9276)"},
    [TP_FAM_DELEGATION] = {"delegation", "Delegation: NS records and glue"},
    [TP_FAM_SERVER] = {"server", "Server behaviour"},
    [TP_FAM_CONSISTENCY] = {"consistency", "Consistency between servers"},
    [TP_FAM_CDS] = {"cds", "CDS/CDNSKEY: automated DS maintenance"},
    [TP_FAM_POLICY] = {"policy", "Algorithm policy (RFC 8624, RFC 9905)"},
    [TP_FAM_ZONEDATA] = {"zonedata", "Zone data"},
    [TP_FAM_ANALYSIS] = {"analysis", "The analysis itself"},
};

static const struct {
    int code;
    const char *name;
} ede_names[] = {
    {TP_EDE_OTHER, "Other Error"},
    {TP_EDE_UNSUPPORTED_ALG, "Unsupported DNSKEY Algorithm"},
    {TP_EDE_UNSUPPORTED_DIGEST, "Unsupported DS Digest Type"},
    {TP_EDE_INDETERMINATE, "DNSSEC Indeterminate"},
    {TP_EDE_BOGUS, "DNSSEC Bogus"},
    {TP_EDE_SIG_EXPIRED, "Signature Expired"},
    {TP_EDE_SIG_NOT_YET_VALID, "Signature Not Yet Valid"},
    {TP_EDE_DNSKEY_MISSING, "DNSKEY Missing"},
    {TP_EDE_RRSIGS_MISSING, "RRSIGs Missing"},
    {TP_EDE_NO_ZONE_KEY_BIT, "No Zone Key Bit Set"},
    {TP_EDE_NSEC_MISSING, "NSEC Missing"},
    {TP_EDE_NOT_AUTHORITATIVE, "Not Authoritative"},
    {TP_EDE_NO_REACHABLE_AUTH, "No Reachable Authority"},
    {TP_EDE_NETWORK_ERROR, "Network Error"},
    {TP_EDE_INVALID_DATA, "Invalid Data"},
    {TP_EDE_EXPIRED_BEFORE_VALID, "Signature Expired before Valid"},
    {TP_EDE_NSEC3_ITERATIONS, "Unsupported NSEC3 Iterations Value"},
};

const tp_diag_info_t *tp_diag_info(tp_diag_code_t code)
{
    if ((unsigned)code >= TP_DIAG_COUNT)
        return NULL;
    return &diag_table[code];
}

const char *tp_diag_code_str(tp_diag_code_t code)
{
    const tp_diag_info_t *info = tp_diag_info(code);
    return info != NULL ? info->code : "UNKNOWN";
}

tp_err_t tp_diag_from_str(const char *str, tp_diag_code_t *code_out)
{
    if (str == NULL || code_out == NULL)
        return TP_EINVAL;
    for (size_t i = 0; i < TP_DIAG_COUNT; i++) {
        if (strcmp(diag_table[i].code, str) == 0) {
            *code_out = (tp_diag_code_t)i;
            return TP_OK;
        }
    }
    return TP_ENOTFOUND;
}

const char *tp_severity_str(tp_severity_t sev)
{
    switch (sev) {
    case TP_SEV_ERROR:
        return "error";
    case TP_SEV_WARNING:
        return "warning";
    case TP_SEV_NOTICE:
        return "notice";
    }
    return "notice";
}

const char *tp_diag_family_str(tp_diag_family_t fam)
{
    if ((unsigned)fam >= TP_FAM_COUNT)
        return "unknown";
    return family_names[fam].id;
}

const char *tp_diag_family_title(tp_diag_family_t fam)
{
    if ((unsigned)fam >= TP_FAM_COUNT)
        return "Unknown";
    return family_names[fam].title;
}

const char *tp_ede_str(int ede)
{
    for (size_t i = 0; i < sizeof ede_names / sizeof ede_names[0]; i++) {
        if (ede_names[i].code == ede)
            return ede_names[i].name;
    }
    return "";
}

/* Markdown table cells must not contain a bare '|'. */
static tp_err_t md_cell(tp_buf_t *out, const char *text)
{
    tp_err_t err = TP_OK;
    for (const char *p = text; *p != '\0' && err == TP_OK; p++) {
        if (*p == '|')
            err = tp_buf_append_str(out, "\\|");
        else
            err = tp_buf_append(out, p, 1);
    }
    return err;
}

static tp_err_t md_row(tp_buf_t *out, const tp_diag_info_t *d)
{
    tp_err_t err = tp_buf_printf(out, "| `%s` | %s | ", d->code,
                                 tp_severity_str(d->severity));
    if (err == TP_OK && d->ede != TP_EDE_NONE)
        err = tp_buf_printf(out, "%d (%s)", d->ede, tp_ede_str(d->ede));
    else if (err == TP_OK)
        err = tp_buf_append_str(out, "-");
    if (err == TP_OK)
        err = tp_buf_printf(out, " | %s | ", d->rfc);
    if (err == TP_OK)
        err = md_cell(out, d->meaning);
    if (err == TP_OK)
        err = tp_buf_append_str(out, " | ");
    if (err == TP_OK)
        err = md_cell(out, d->fix);
    if (err == TP_OK)
        err = tp_buf_append_str(out, " |\n");
    return err;
}

static const char md_intro[] =
    "# trustpath diagnostics\n"
    "\n"
    "<!-- Generated from the catalogue in include/trustpath/diag.h; "
    "tests/unit/test_analyzer_diag.c\n"
    "     checks it and rewrites it when run with TP_UPDATE_DOCS=1. Do not "
    "edit. -->\n"
    "\n"
    "Every finding the analyzer reports has a stable upper-case code (codes "
    "are\n"
    "never renamed or removed, so alerts can match on them), a default "
    "severity,\n"
    "the RFC it rests on, the fix, and the Extended DNS Error (RFC 8914) that "
    "a\n"
    "validating resolver would most likely return because of it (`-` when the\n"
    "finding does not make a resolver fail).\n"
    "\n"
    "Severities: **error** breaks validation or resolution for some or all\n"
    "resolvers; **warning** works today but is a risk or breaks a SHOULD;\n"
    "**notice** is information. The verdict of a name (secure, insecure, "
    "bogus,\n"
    "indeterminate) is decided separately, as a validating resolver would; a\n"
    "diagnostic explains it.\n";

tp_err_t tp_diag_catalogue_markdown(tp_buf_t *out)
{
    if (out == NULL)
        return TP_EINVAL;
    tp_err_t err = tp_buf_append_str(out, md_intro);
    if (err == TP_OK)
        err = tp_buf_printf(out, "\n%d codes in %d families.\n",
                            (int)TP_DIAG_COUNT, (int)TP_FAM_COUNT);
    for (int fam = 0; fam < TP_FAM_COUNT && err == TP_OK; fam++) {
        err = tp_buf_printf(out,
                            "\n## %s\n\n"
                            "| code | severity | EDE | RFC | meaning | fix |\n"
                            "|---|---|---|---|---|---|\n",
                            family_names[fam].title);
        for (size_t i = 0; i < TP_DIAG_COUNT && err == TP_OK; i++) {
            if ((int)diag_table[i].family == fam)
                err = md_row(out, &diag_table[i]);
        }
    }
    return err;
}

tp_err_t tp_diag_catalogue_json(tp_buf_t *out)
{
    if (out == NULL)
        return TP_EINVAL;
    json_object *arr = json_object_new_array();
    if (arr == NULL)
        return TP_ENOMEM;
    tp_err_t err = TP_OK;
    for (size_t i = 0; i < TP_DIAG_COUNT && err == TP_OK; i++) {
        const tp_diag_info_t *d = &diag_table[i];
        json_object *o = json_object_new_object();
        if (o == NULL || json_object_array_add(arr, o) != 0) {
            json_object_put(o);
            err = TP_ENOMEM;
            break;
        }
        json_object_object_add(o, "code", json_object_new_string(d->code));
        json_object_object_add(
            o, "family", json_object_new_string(family_names[d->family].id));
        json_object_object_add(
            o, "severity",
            json_object_new_string(tp_severity_str(d->severity)));
        json_object_object_add(
            o, "ede",
            d->ede == TP_EDE_NONE ? NULL : json_object_new_int(d->ede));
        json_object_object_add(o, "rfc", json_object_new_string(d->rfc));
        json_object_object_add(o, "meaning",
                               json_object_new_string(d->meaning));
        json_object_object_add(o, "fix", json_object_new_string(d->fix));
    }
    if (err == TP_OK) {
        const char *s = json_object_to_json_string_ext(
            arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
        err = s != NULL ? tp_buf_append_str(out, s) : TP_ENOMEM;
        if (err == TP_OK)
            err = tp_buf_append_str(out, "\n");
    }
    json_object_put(arr);
    return err;
}
