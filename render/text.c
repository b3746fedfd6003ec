/* The terminal view of `trustpath print`: per name, the chain from the
 * trust anchor down to the answer as an indented tree, each element with
 * its status word and symbol, the links that vouch for it, and each
 * diagnostic (with its fix and RFC) right under the element it concerns.
 * Colour only when asked (the CLI decides from isatty and the flags). */
#include "trustpath/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_int.h"
#include "trustpath/dnssec.h"

typedef struct tctx {
    const tp_analysis_t *a;
    const tp_render_opts_t *o;
    tp_buf_t *out;
    bool *shown; /* diagnostics already printed */
} tctx_t;

static tp_err_t indent(tctx_t *t, unsigned depth)
{
    static const char spaces[] = "                                        ";
    size_t n =
        depth * 2u < sizeof(spaces) - 1 ? depth * 2u : sizeof(spaces) - 1;

    return tp_buf_append(t->out, spaces, n);
}

static tp_err_t status(tctx_t *t, tp_rstat_t s)
{
    return tp_term_status(t->out, t->o->color, t->o->utf8, s);
}

static bool same_node(tp_an_node_t a, tp_an_node_t b)
{
    if (a.kind != b.kind)
        return false;
    if (a.kind == TP_NODE_RRSET || a.kind == TP_NODE_NEGATIVE)
        return a.index == b.index;
    return a.zone == b.zone && a.index == b.index;
}

/* A finding about a zone-level probe answer (not drawn) is listed under
 * its zone. */
static bool hidden_in_zone(const tp_analysis_t *a, tp_an_node_t subject,
                           tp_an_node_t zone)
{
    return zone.kind == TP_NODE_ZONE && subject.kind == TP_NODE_NEGATIVE &&
           subject.index < a->negative_count &&
           a->negatives[subject.index].zone_index == zone.zone &&
           !tp_negative_shown(a, subject.index);
}

/* Every diagnostic about `node`, not printed yet, at depth. */
static tp_err_t diags_for(tctx_t *t, tp_an_node_t node, unsigned depth)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < t->a->diag_count; i++) {
        const tp_an_diag_t *d = &t->a->diags[i];
        const tp_diag_info_t *info = tp_diag_info(d->code);
        const tp_style_t *st =
            d->severity == TP_SEV_ERROR     ? tp_style_of(TP_RS_BOGUS)
            : d->severity == TP_SEV_WARNING ? tp_style_warning()
                                            : tp_style_of(TP_RS_NEUTRAL);
        char head[96];

        if (t->shown[i] ||
            (node.kind != TP_NODE_NONE && !same_node(d->subject, node) &&
             !hidden_in_zone(t->a, d->subject, node)))
            continue;
        t->shown[i] = true;
        snprintf(head, sizeof(head), "%s %s %s",
                 t->o->utf8 ? (d->severity == TP_SEV_NOTICE ? "i" : st->symbol)
                            : (d->severity == TP_SEV_ERROR     ? "E"
                               : d->severity == TP_SEV_WARNING ? "W"
                                                               : "i"),
                 tp_severity_str(d->severity), tp_diag_code_str(d->code));
        err = indent(t, depth);
        if (err == TP_OK)
            err = tp_term_put(t->out, t->o->color, st->ansi, head);
        if (err == TP_OK)
            err = tp_buf_printf(t->out, ": %s",
                                d->message != NULL ? d->message : "");
        for (size_t s = 0; err == TP_OK && s < d->server_count; s++)
            err = tp_buf_printf(t->out, "%s%s", s == 0 ? " [servers: " : ", ",
                                d->servers[s]);
        if (err == TP_OK)
            err =
                tp_buf_append_str(t->out, d->server_count != 0 ? "]\n" : "\n");
        if (err == TP_OK && info != NULL && d->severity != TP_SEV_NOTICE) {
            err = indent(t, depth + 2);
            if (err == TP_OK)
                err = tp_buf_printf(t->out, "fix: %s (%s)\n", info->fix,
                                    info->rfc);
        }
    }
    return err;
}

/* An identical link (same ends, kind and status) came earlier: another
 * server or another copy of the signature said the same. */
static bool seen_before(const tp_analysis_t *a, size_t i)
{
    const tp_an_link_t *l = &a->links[i];

    for (size_t k = 0; k < i; k++) {
        const tp_an_link_t *o = &a->links[k];

        if (o->kind == l->kind && o->status == l->status &&
            o->from.kind == l->from.kind && same_node(o->from, l->from) &&
            same_node(o->to, l->to))
            return true;
    }
    return false;
}

static const char *role_word(tp_key_role_t role)
{
    static const char *const words[] = {"key", "KSK", "ZSK", "CSK"};

    return (unsigned)role < sizeof(words) / sizeof(*words) ? words[role]
                                                           : "key";
}

/* "matched by DS 28299: digest mismatch" under a key. */
static tp_err_t ds_link(tctx_t *t, const tp_an_link_t *l, unsigned depth)
{
    const tp_an_zone_t *z = &t->a->zones[l->from.zone];
    char words[48];
    tp_err_t err;

    if (l->from.index >= z->delegation.ds_count)
        return TP_OK;
    err = indent(t, depth);
    if (err == TP_OK)
        err = tp_buf_printf(t->out, "matched by DS %u: ",
                            z->delegation.ds[l->from.index].key_tag);
    if (err == TP_OK)
        err = tp_term_put(t->out, t->o->color,
                          tp_style_of(tp_rstat_from_link(l->status))->ansi,
                          tp_link_words(l->status, words, sizeof(words)));
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, "\n");
    return err;
}

/* "signed by KSK 20326 (.): valid" for each link into node. */
static tp_err_t links_into(tctx_t *t, tp_an_node_t node, unsigned depth)
{
    tp_err_t err = TP_OK;

    for (size_t i = 0; err == TP_OK && i < t->a->link_count; i++) {
        const tp_an_link_t *l = &t->a->links[i];
        const tp_an_zone_t *fz;
        const tp_an_dnskey_t *k;
        char words[48];

        if (!same_node(l->to, node) || l->from.zone >= t->a->zone_count ||
            seen_before(t->a, i))
            continue;
        if (l->from.kind == TP_NODE_DS) {
            err = ds_link(t, l, depth);
            continue;
        }
        if (l->from.kind != TP_NODE_DNSKEY)
            continue;
        fz = &t->a->zones[l->from.zone];
        if (l->from.index >= fz->dnskey_count)
            continue;
        k = &fz->dnskeys[l->from.index];
        if (l->kind == TP_LINKKIND_RRSIG && l->to.kind == TP_NODE_DNSKEY &&
            l->status == TP_LINK_VALID)
            continue; /* key-set signatures are shown on the signing key */
        err = indent(t, depth);
        if (err == TP_OK)
            err = tp_buf_printf(t->out, "%s %s %u (%s): ",
                                l->kind == TP_LINKKIND_DS ? "matches"
                                                          : "signed by",
                                role_word(k->role), k->tag, fz->name);
        if (err == TP_OK)
            err = tp_term_put(t->out, t->o->color,
                              tp_style_of(tp_rstat_from_link(l->status))->ansi,
                              tp_link_words(l->status, words, sizeof(words)));
        if (err == TP_OK && l->reason != NULL)
            err = tp_buf_printf(t->out, " (%s)", l->reason);
        if (err == TP_OK)
            err = tp_buf_append_str(t->out, "\n");
    }
    return err;
}

static tp_err_t expiry(tctx_t *t, int64_t e, const char *what)
{
    char when[64], iso[32];
    bool near;

    if (e == 0)
        return TP_OK;
    near = e - t->a->reference_time <= t->o->warn_expiry_s;
    tp_term_when(t->a->reference_time, e, when, sizeof(when));
    tp_render_time(e, iso);
    if (tp_buf_printf(t->out, ", %s ", what) != TP_OK)
        return TP_ENOSPACE;
    if (near) {
        char text[96];

        snprintf(text, sizeof(text), "%s %s",
                 t->o->utf8 ? tp_style_warning()->symbol : "~", when);
        return tp_term_put(t->out, t->o->color, tp_style_warning()->ansi, text);
    }
    return tp_buf_append_str(t->out, when);
}

/* "signature over the key set: expired (from 127.53.1.3)" */
static tp_err_t bad_sig(tctx_t *t, const tp_an_rrsig_t *r, size_t key,
                        const tp_an_dnskey_t *k, const char *what,
                        unsigned depth)
{
    char words[48];
    tp_err_t err;

    if (r->status == TP_LINK_VALID ||
        (r->key_index != key &&
         (r->key_index != TP_AN_NONE || r->key_tag != k->tag ||
          r->algorithm != k->algorithm)))
        return TP_OK;
    err = indent(t, depth);
    if (err == TP_OK)
        err = tp_buf_printf(t->out, "signature over the %s: ", what);
    if (err == TP_OK)
        err = tp_term_put(t->out, t->o->color,
                          tp_style_of(tp_rstat_from_link(r->status))->ansi,
                          tp_link_words(r->status, words, sizeof(words)));
    for (size_t s = 0; err == TP_OK && s < r->server_count; s++)
        err = tp_buf_printf(t->out, "%s%s", s == 0 ? " (from " : ", ",
                            r->servers[s]);
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, r->server_count != 0 ? ")\n" : "\n");
    return err;
}

static tp_err_t key_line(tctx_t *t, size_t zi, size_t ki, unsigned depth)
{
    const tp_an_zone_t *z = &t->a->zones[zi];
    const tp_an_dnskey_t *k = &z->dnskeys[ki];
    tp_an_node_t me = {TP_NODE_DNSKEY, zi, ki};
    char alg[16];
    tp_err_t err = indent(t, depth);

    tp_render_alg(k->algorithm, alg);
    if (err == TP_OK)
        err = tp_buf_printf(t->out, "DNSKEY %u %s  %s (%u)", k->tag,
                            k->missing ? "(not served)" : role_word(k->role),
                            alg, k->algorithm);
    if (err == TP_OK && !k->missing)
        err = tp_buf_printf(t->out, ", flags %u, %u bits", k->flags, k->bits);
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, "  ");
    if (err == TP_OK)
        err = status(t, k->missing ? TP_RS_NEUTRAL
                                   : tp_rstat_from_status(k->status));
    if (err == TP_OK && k->is_anchor)
        err = tp_buf_append_str(t->out, "  [trust anchor]");
    if (err == TP_OK && k->revoked)
        err = tp_buf_append_str(t->out, "  [revoked]");
    if (err == TP_OK && k->self_signs)
        err = expiry(
            t, tp_rrsig_earliest(z->dnskey_rrsigs, z->dnskey_rrsig_count, ki),
            "signs the key set, signature");
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, "\n");
    for (size_t i = 0; err == TP_OK && i < z->dnskey_rrsig_count; i++)
        err = bad_sig(t, &z->dnskey_rrsigs[i], ki, k, "key set", depth + 1);
    if (err == TP_OK)
        err = links_into(t, me, depth + 1);
    if (err == TP_OK)
        err = diags_for(t, me, depth + 1);
    return err;
}

static tp_err_t ds_line(tctx_t *t, size_t zi, size_t di, unsigned depth)
{
    const tp_an_zone_t *z = &t->a->zones[zi];
    const tp_an_ds_t *d = &z->delegation.ds[di];
    tp_an_node_t me = {TP_NODE_DS, zi, di};
    char alg[16], dig[16], words[48];
    tp_err_t err = indent(t, depth);

    tp_render_alg(d->algorithm, alg);
    tp_render_digest(d->digest_type, dig);
    if (err == TP_OK)
        err = tp_buf_printf(t->out, "DS %u for %s  %s, %s  ", d->key_tag,
                            z->name, alg, dig);
    if (err == TP_OK)
        err = tp_term_put(t->out, t->o->color,
                          tp_style_of(tp_rstat_from_link(d->status))->ansi,
                          tp_link_words(d->status, words, sizeof(words)));
    if (err == TP_OK && di == 0)
        err = expiry(t,
                     tp_rrsig_earliest(z->delegation.rrsigs,
                                       z->delegation.rrsig_count, TP_AN_NONE),
                     "DS signature");
    if (err == TP_OK && d->reason != NULL)
        err = tp_buf_printf(t->out, " (%s)", d->reason);
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, "\n");
    if (err == TP_OK)
        err = links_into(t, me, depth + 1);
    if (err == TP_OK)
        err = diags_for(t, me, depth + 1);
    return err;
}

static tp_err_t zone_block(tctx_t *t, size_t zi)
{
    const tp_an_zone_t *z = &t->a->zones[zi];
    tp_an_node_t me = {TP_NODE_ZONE, zi, TP_AN_NONE};
    tp_err_t err = tp_buf_printf(t->out, "  zone %s  ", z->name);

    if (err == TP_OK)
        err = status(t, tp_rstat_from_status(z->status));
    if (err == TP_OK)
        err = tp_buf_printf(t->out, "  (delegation %s, %zu server%s)\n",
                            tp_status_str(z->delegation.status),
                            z->server_count, z->server_count == 1 ? "" : "s");
    /* DS records of this zone live in the parent: show them first, as the
     * link that leads into the zone. */
    for (size_t d = 0; err == TP_OK && d < z->delegation.ds_count; d++)
        err = ds_line(t, zi, d, 2);
    /* keys that sign the key set (KSK, CSK) first, then the others */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; err == TP_OK && k < z->dnskey_count; k++) {
            bool top = z->dnskeys[k].role == TP_ROLE_KSK ||
                       z->dnskeys[k].role == TP_ROLE_CSK;

            if (top == (pass == 0))
                err = key_line(t, zi, k, 2);
        }
    }
    if (err == TP_OK && z->dnskey_count == 0 && z->delegation.ds_count == 0) {
        err = indent(t, 2);
        if (err == TP_OK)
            err = tp_buf_append_str(t->out, "no DNSKEY: unsigned zone\n");
    }
    for (size_t s = 0; err == TP_OK && s < z->server_count; s++) {
        const tp_an_server_t *sv = &z->servers[s];

        if (sv->problem == NULL &&
            ((sv->status != TP_STATUS_BOGUS && sv->status != TP_STATUS_LAME) ||
             sv->status == z->status))
            continue; /* only the servers with a problem */
        err = indent(t, 2);
        if (err == TP_OK)
            err = tp_buf_printf(t->out, "server %s%s%s%s: ", sv->address,
                                sv->name != NULL ? " (" : "",
                                sv->name != NULL ? sv->name : "",
                                sv->name != NULL ? ")" : "");
        if (err == TP_OK)
            err = status(t, tp_rstat_from_status(sv->status));
        if (err == TP_OK && sv->problem != NULL)
            err = tp_buf_printf(t->out, " (%s)", sv->problem);
        if (err == TP_OK)
            err = tp_buf_append_str(t->out, "\n");
    }
    if (err == TP_OK)
        err = diags_for(t, me, 2);
    return err;
}

/* "(from 127.53.1.3) " when only some of the zone's servers said so. */
static tp_err_t from_line(tctx_t *t, size_t zone, const char **servers,
                          size_t count)
{
    tp_err_t err = TP_OK;

    if (count == 0 || zone >= t->a->zone_count ||
        count >= t->a->zones[zone].server_count)
        return TP_OK;
    for (size_t i = 0; err == TP_OK && i < count; i++)
        err =
            tp_buf_printf(t->out, "%s%s", i == 0 ? "(from " : ", ", servers[i]);
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, ") ");
    return err;
}

static tp_err_t rrset_block(tctx_t *t, size_t ri)
{
    const tp_an_rrset_t *r = &t->a->rrsets[ri];
    tp_an_node_t me = {TP_NODE_RRSET, TP_AN_NONE, ri};
    char type[16];
    tp_err_t err;

    tp_render_type(r->type, type);
    err = tp_buf_printf(t->out, "    %s %s  ", r->name, type);
    if (err == TP_OK)
        err = from_line(t, r->zone_index, r->servers, r->server_count);
    if (err == TP_OK)
        err = status(t, tp_rstat_from_status(r->status));
    if (err == TP_OK)
        err =
            expiry(t, tp_rrsig_earliest(r->rrsigs, r->rrsig_count, TP_AN_NONE),
                   "signature");
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, "\n");
    for (size_t i = 0; err == TP_OK && i < r->record_count; i++)
        err = tp_buf_printf(t->out, "        %s\n", r->records[i]);
    if (err == TP_OK)
        err = links_into(t, me, 3);
    if (err == TP_OK)
        err = diags_for(t, me, 3);
    return err;
}

static tp_err_t negative_block(tctx_t *t, size_t ni)
{
    const tp_an_negative_t *n = &t->a->negatives[ni];
    tp_an_node_t me = {TP_NODE_NEGATIVE, TP_AN_NONE, ni};
    char type[16], words[48];
    tp_err_t err;

    tp_render_type(n->type, type);
    err = tp_buf_printf(t->out, "    %s %s: %s  ", n->name, type, n->kind);
    if (err == TP_OK)
        err = from_line(t, n->zone_index, n->servers, n->server_count);
    if (err == TP_OK)
        err = status(t, tp_rstat_from_status(n->status));
    if (err == TP_OK)
        err = tp_buf_printf(t->out, "\n      proof: %s ", n->mechanism);
    if (err == TP_OK)
        err =
            tp_term_put(t->out, t->o->color,
                        tp_style_of(tp_rstat_from_link(n->proof_status))->ansi,
                        tp_link_words(n->proof_status, words, sizeof(words)));
    if (err == TP_OK && n->reason != NULL)
        err = tp_buf_printf(t->out, " (%s)", n->reason);
    if (err == TP_OK)
        err = tp_buf_append_str(t->out, "\n");
    for (size_t i = 0; err == TP_OK && i < n->fact_count; i++)
        err = tp_buf_printf(t->out, "        %s\n", n->facts[i]);
    if (err == TP_OK)
        err = links_into(t, me, 3);
    if (err == TP_OK)
        err = diags_for(t, me, 3);
    return err;
}

static tp_err_t one_name(const tp_analysis_t *a, const tp_render_opts_t *o,
                         bool *shown, tp_buf_t *out)
{
    tctx_t t = {a, o, out, shown};
    char iso[32];
    tp_err_t err;

    tp_render_time(a->reference_time, iso);
    err = tp_term_put(out, o->color, "1", a->name);
    if (err == TP_OK)
        err = tp_buf_append_str(out, "  ");
    if (err == TP_OK)
        err = status(&t, tp_rstat_from_status(a->status));
    if (err == TP_OK)
        err = tp_buf_printf(out, "  (at %s", iso);
    if (err == TP_OK)
        err = expiry(&t, a->earliest_expiration, "earliest signature");
    if (err == TP_OK)
        err = tp_buf_append_str(out, ")\n");
    for (size_t z = 0; err == TP_OK && z < a->zone_count; z++)
        err = zone_block(&t, z);
    if (err == TP_OK && (a->rrset_count != 0 || a->negative_count != 0))
        err = tp_buf_printf(out, "  answer%s%s\n", a->rcode ? " " : "",
                            a->rcode ? a->rcode : "");
    for (size_t r = 0; err == TP_OK && r < a->rrset_count; r++)
        err = rrset_block(&t, r);
    for (size_t n = 0; err == TP_OK && n < a->negative_count; n++) {
        if (tp_negative_shown(a, n))
            err = negative_block(&t, n);
    }
    for (size_t i = 0; err == TP_OK && i < a->diag_count; i++) {
        if (!shown[i]) {
            err = tp_buf_append_str(out, "  other findings\n");
            break;
        }
    }
    if (err == TP_OK) {
        tp_an_node_t any = {TP_NODE_NONE, TP_AN_NONE, TP_AN_NONE};

        err = diags_for(&t, any, 2);
    }
    return err;
}

tp_err_t tp_render_text(const tp_analysis_t *const *analyses, size_t count,
                        const tp_render_opts_t *opts, tp_buf_t *out)
{
    tp_render_opts_t defaults;
    tp_err_t err = TP_OK;

    if ((analyses == NULL && count != 0) || out == NULL)
        return TP_EINVAL;
    if (opts == NULL) {
        tp_render_opts_init(&defaults);
        opts = &defaults;
    }
    for (size_t i = 0; err == TP_OK && i < count; i++) {
        const tp_analysis_t *a = analyses[i];
        bool *shown;

        if (a == NULL)
            return TP_EINVAL;
        shown = calloc(a->diag_count + 1, sizeof(*shown));
        if (shown == NULL)
            return TP_ENOMEM;
        if (i != 0)
            err = tp_buf_append_str(out, "\n");
        if (err == TP_OK)
            err = one_name(a, opts, shown, out);
        free(shown);
    }
    return err;
}
