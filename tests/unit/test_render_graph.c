/* render: the diagram. DOT output is read back with cgraph and checked
 * structurally (clusters, nodes, edge colours and styles by status, the
 * failing link); SVG, PNG and HTML are produced in process. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "render_fixture.h"
#include "runner.h"
#include "trustpath/render.h"

#define SECURE_COLOR  "#009E73"
#define BOGUS_COLOR   "#D55E00"
#define INSECURE_DASH "dashed"

static char *mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* Render case c as format into out (caller clears). */
static tp_err_t render(fx_case_t c, tp_render_format_t format, tp_buf_t *out)
{
    static fx_t f;
    const tp_analysis_t *list[1];

    fx_build(&f, c);
    list[0] = &f.a;
    tp_buf_init(out, 64u * 1024u * 1024u);
    return tp_render_graph(list, 1, format, NULL, out);
}

static Agraph_t *parse_dot(fx_case_t c)
{
    tp_buf_t dot;
    Agraph_t *g;

    if (render(c, TP_RENDER_DOT, &dot) != TP_OK) {
        tp_buf_clear(&dot);
        return NULL;
    }
    g = agmemread(tp_buf_str(&dot));
    tp_buf_clear(&dot);
    return g;
}

static const char *attr(void *obj, const char *name)
{
    const char *v = agget(obj, mut(name));
    return v != NULL ? v : "";
}

/* Clusters named cluster_N (one per zone) below the title cluster. */
static int count_zone_clusters(Agraph_t *g, char labels[][64], int max)
{
    int n = 0;

    for (Agraph_t *s = agfstsubg(g); s != NULL; s = agnxtsubg(s)) {
        const char *name = agnameof(s);

        if (strncmp(name, "cluster_", 8) == 0 && name[8] >= '0' &&
            name[8] <= '9') {
            if (n < max)
                snprintf(labels[n], 64, "%s", attr(s, "id"));
            n++;
        }
        n += count_zone_clusters(s, labels + (n < max ? n : max),
                                 max - (n < max ? n : max));
    }
    return n;
}

static Agnode_t *node_by_prefix(Agraph_t *g, const char *prefix)
{
    for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
        if (strncmp(agnameof(n), prefix, strlen(prefix)) == 0)
            return n;
    }
    return NULL;
}

static Agedge_t *edge_between(Agraph_t *g, const char *tail, const char *head)
{
    Agnode_t *t = node_by_prefix(g, tail), *h = node_by_prefix(g, head);

    if (t == NULL || h == NULL)
        return NULL;
    for (Agedge_t *e = agfstout(g, t); e != NULL; e = agnxtout(g, e)) {
        if (aghead(e) == h)
            return e;
    }
    return NULL;
}

static void test_secure_dot_structure(void)
{
    Agraph_t *g = parse_dot(FX_SECURE);
    char labels[8][64];
    Agedge_t *e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_EQUAL(count_zone_clusters(g, labels, 8), 3);
    CU_ASSERT_STRING_EQUAL(labels[0], "z_.");
    CU_ASSERT_STRING_EQUAL(labels[1], "z_com.");
    CU_ASSERT_STRING_EQUAL(labels[2], "z_example.com.");
    /* 5 keys + 2 DS + 1 RRset */
    CU_ASSERT_EQUAL(agnnodes(g), 8);
    CU_ASSERT_PTR_NOT_NULL(node_by_prefix(g, "k:.:13:1000:257:"));
    CU_ASSERT_STRING_EQUAL(
        attr(node_by_prefix(g, "k:.:13:1000:"), "peripheries"),
        "2"); /* trust anchor */
    CU_ASSERT_STRING_EQUAL(attr(node_by_prefix(g, "ds:com.:13:2000"), "shape"),
                           "ellipse");
    CU_ASSERT_STRING_EQUAL(
        attr(node_by_prefix(g, "rr:www.example.com.:1"), "shape"), "box");
    /* every edge is secure: green and solid */
    for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
        for (e = agfstout(g, n); e != NULL; e = agnxtout(g, e)) {
            CU_ASSERT_STRING_EQUAL(attr(e, "color"), SECURE_COLOR);
            CU_ASSERT_STRING_EQUAL(attr(e, "style"), "solid");
        }
    }
    /* KSK -> ZSK, ZSK -> DS, DS -> KSK, CSK -> RRset, CSK self-loop */
    CU_ASSERT_EQUAL(agnedges(g), 8);
    CU_ASSERT_PTR_NOT_NULL(edge_between(g, "k:.:13:1000:", "k:.:13:1001:"));
    CU_ASSERT_PTR_NOT_NULL(edge_between(g, "k:.:13:1001:", "ds:com.:"));
    e = edge_between(g, "ds:com.:", "k:com.:13:2000:");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(attr(e, "arrowhead"), "empty");
    CU_ASSERT_PTR_NOT_NULL(
        edge_between(g, "k:example.com.:13:3000:", "k:example.com.:13:3000:"));
    CU_ASSERT_PTR_NULL(edge_between(g, "k:.:13:1000:", "k:.:13:1000:"));
    CU_ASSERT_PTR_NOT_NULL(
        edge_between(g, "k:example.com.:13:3000:", "rr:www.example.com.:1"));
    /* the RRSIG over the A RRset expires in 2 days: a warning line */
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(node_by_prefix(g, "rr:www"), "label"),
                                  "expires in 2 days"));
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(node_by_prefix(g, "rr:www"), "label"),
                                  "RRSIG_EXPIRES_SOON"));
    /* labels carry algorithm, tag, flags and size */
    CU_ASSERT_PTR_NOT_NULL(
        strstr(attr(node_by_prefix(g, "k:com.:13:2001:"), "label"),
               "ECDSAP256SHA256 (13) \xC2\xB7 256 bits"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(attr(node_by_prefix(g, "k:com.:13:2001:"), "label"),
               "tag 2001 \xC2\xB7 flags 256"));
    agclose(g);
}

static void test_bogus_failing_link_stands_out(void)
{
    Agraph_t *g = parse_dot(FX_BOGUS);
    Agedge_t *e;
    int failing = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    e = edge_between(g, "ds:example.com.:13:3000:digest_mismatch",
                     "k:example.com.:13:3000:");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(attr(e, "color"), BOGUS_COLOR);
    CU_ASSERT_STRING_EQUAL(attr(e, "penwidth"), "4.5");
    CU_ASSERT_STRING_EQUAL(attr(e, "style"), "bold");
    CU_ASSERT_STRING_EQUAL(attr(e, "class"), "failing");
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(e, "label"), "digest mismatch"));
    for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
        for (Agedge_t *o = agfstout(g, n); o != NULL; o = agnxtout(g, o))
            failing += strcmp(attr(o, "class"), "failing") == 0;
    }
    CU_ASSERT_EQUAL(failing, 1);
    /* the zone and the key are bogus (red outline), the parent is not */
    CU_ASSERT_STRING_EQUAL(
        attr(node_by_prefix(g, "k:example.com.:13:3000:"), "color"),
        BOGUS_COLOR);
    CU_ASSERT_STRING_EQUAL(attr(node_by_prefix(g, "k:com.:13:2000:"), "color"),
                           SECURE_COLOR);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(attr(node_by_prefix(g, "ds:example.com."), "label"),
               "DS_DIGEST_MISMATCH"));
    agclose(g);
}

static void test_insecure_delegation_and_proof(void)
{
    Agraph_t *g = parse_dot(FX_INSECURE);
    char labels[8][64];
    Agedge_t *e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_EQUAL(count_zone_clusters(g, labels, 8), 3);
    CU_ASSERT_PTR_NULL(node_by_prefix(g, "ds:example.com."));
    CU_ASSERT_STRING_EQUAL(
        attr(node_by_prefix(g, "proof:example.com.:43:"), "shape"), "note");
    CU_ASSERT_PTR_NOT_NULL(
        strstr(attr(node_by_prefix(g, "neg:example.com."), "label"),
               "no DS for example.com."));
    /* ZSK of com. signs the NSEC3 proof; the proof proves the no-DS */
    e = edge_between(g, "k:com.:13:2001:", "proof:example.com.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(attr(e, "color"), SECURE_COLOR);
    e = edge_between(g, "proof:example.com.", "neg:example.com.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(attr(e, "arrowhead"), "odot");
    /* and leads into the unsigned child: dashed grey */
    e = edge_between(g, "neg:example.com.", "zone:example.com.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(attr(e, "style"), INSECURE_DASH);
    CU_ASSERT_STRING_EQUAL(attr(node_by_prefix(g, "rr:www"), "color"),
                           "#5F5F5F");
    agclose(g);
}

static void test_nsec3_nxdomain(void)
{
    Agraph_t *g = parse_dot(FX_NSEC3);
    Agnode_t *neg;

    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    neg = node_by_prefix(g, "neg:nx.example.com.:1:nxdomain");
    CU_ASSERT_PTR_NOT_NULL_FATAL(neg);
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(neg, "style"), "dashed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(neg, "label"), "no such name"));
    CU_ASSERT_PTR_NOT_NULL(
        edge_between(g, "k:example.com.:13:3000:", "proof:nx.example.com."));
    CU_ASSERT_PTR_NOT_NULL(
        edge_between(g, "proof:nx.example.com.", "neg:nx.example.com."));
    agclose(g);
}

static void test_dot_is_deterministic(void)
{
    tp_buf_t a, b;

    CU_ASSERT_EQUAL(render(FX_BOGUS, TP_RENDER_DOT, &a), TP_OK);
    CU_ASSERT_EQUAL(render(FX_BOGUS, TP_RENDER_DOT, &b), TP_OK);
    CU_ASSERT_EQUAL(a.len, b.len);
    CU_ASSERT_TRUE(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    tp_buf_clear(&a);
    tp_buf_clear(&b);
}

static void test_several_names_share_nodes(void)
{
    static fx_t f1, f2;
    const tp_analysis_t *list[2] = {&f1.a, &f2.a};
    tp_buf_t out;
    Agraph_t *g;

    fx_build(&f1, FX_SECURE);
    fx_build(&f2, FX_NSEC3);
    tp_buf_init(&out, 1u << 24);
    CU_ASSERT_EQUAL_FATAL(tp_render_graph(list, 2, TP_RENDER_DOT, NULL, &out),
                          TP_OK);
    g = agmemread(tp_buf_str(&out));
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    /* 5 keys + 2 DS shared; the A RRset; the NXDOMAIN and its proof */
    CU_ASSERT_EQUAL(agnnodes(g), 10);
    agclose(g);
    tp_buf_clear(&out);
}

static unsigned be32(const uint8_t *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 |
           p[3];
}

static void test_svg_and_png_in_process(void)
{
    static const uint8_t png_magic[8] = {0x89, 'P',  'N',  'G',
                                         '\r', '\n', 0x1a, '\n'};
    tp_buf_t out;
    unsigned w, h;

    CU_ASSERT_EQUAL_FATAL(render(FX_SECURE, TP_RENDER_SVG, &out), TP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(tp_buf_str(&out), "<svg"));
    CU_ASSERT_PTR_NOT_NULL(strstr(tp_buf_str(&out), "class=\"node\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(tp_buf_str(&out), "z_example.com."));
    tp_buf_clear(&out);
    for (int c = FX_SECURE; c <= FX_BOGUS; c++) {
        CU_ASSERT_EQUAL_FATAL(render((fx_case_t)c, TP_RENDER_PNG, &out), TP_OK);
        CU_ASSERT_TRUE_FATAL(out.len > 24);
        CU_ASSERT_EQUAL(memcmp(out.data, png_magic, 8), 0);
        CU_ASSERT_EQUAL(memcmp(out.data + 12, "IHDR", 4), 0);
        w = be32(out.data + 16);
        h = be32(out.data + 20);
        CU_ASSERT_TRUE(w >= 300 && w <= 4000);
        CU_ASSERT_TRUE(h >= 300 && h <= 4000);
        tp_buf_clear(&out);
    }
}

static void test_html_is_self_contained(void)
{
    tp_buf_t out;
    const char *s;

    CU_ASSERT_EQUAL_FATAL(render(FX_BOGUS, TP_RENDER_HTML, &out), TP_OK);
    s = tp_buf_str(&out);
    CU_ASSERT_EQUAL(strncmp(s, "<!DOCTYPE html>", 15), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "<svg"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "id=\"diagnostics\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "DS_DIGEST_MISMATCH"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "RFC 4035 5.2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "id=\"tp-nodes\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "id=\"summary\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "breaks at:</b> DS 3000 for example.com. "
                                     "\xE2\x86\x92 CSK 3000: digest mismatch"));
    CU_ASSERT_PTR_NULL(strstr(s, "http://"));
    CU_ASSERT_PTR_NULL(strstr(s, "https://"));
    CU_ASSERT_PTR_NULL(strstr(s, "file://"));
    CU_ASSERT_PTR_NULL(strstr(s, "<link"));
    CU_ASSERT_PTR_NULL(strstr(s, "src="));
    tp_buf_clear(&out);
}

static void test_ds_without_key_is_the_failing_link(void)
{
    static fx_t f;
    const tp_analysis_t *list[1] = {&f.a};
    tp_buf_t out;
    Agraph_t *g;
    Agnode_t *missing;
    Agedge_t *e;

    fx_build(&f, FX_BOGUS);
    /* the DS names a key nobody serves (and no digest failure) */
    f.ds[2].status = TP_LINK_NO_KEY;
    f.ds[2].key_index = TP_AN_NONE;
    f.ds[2].key_tag = 4444;
    for (size_t i = 0; i < f.a.link_count; i++) {
        if (f.links[i].kind == TP_LINKKIND_DS && f.links[i].to.zone == 2)
            f.links[i].status = TP_LINK_NO_KEY;
    }
    tp_buf_init(&out, 1u << 24);
    CU_ASSERT_EQUAL_FATAL(tp_render_graph(list, 1, TP_RENDER_DOT, NULL, &out),
                          TP_OK);
    g = agmemread(tp_buf_str(&out));
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    missing = node_by_prefix(g, "k:example.com.:13:4444:missing");
    CU_ASSERT_PTR_NOT_NULL_FATAL(missing);
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(missing, "style"), "dashed"));
    CU_ASSERT_STRING_EQUAL(attr(missing, "color"), "#5F5F5F");
    e = edge_between(g, "ds:example.com.:13:4444:no_key",
                     "k:example.com.:13:4444:missing");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(attr(e, "class"), "failing");
    CU_ASSERT_PTR_NOT_NULL(strstr(attr(e, "label"), "no key"));
    agclose(g);
    tp_buf_clear(&out);
}

static void test_names_are_escaped(void)
{
    static fx_t f;
    const tp_analysis_t *list[1] = {&f.a};
    tp_buf_t out;
    const char *s;

    fx_build(&f, FX_BOGUS);
    f.a.name = "<script>x</script>.example.com.";
    f.rrset.name = "a&b\"<i>.example.com.";
    tp_buf_init(&out, 1u << 24);
    CU_ASSERT_EQUAL_FATAL(tp_render_graph(list, 1, TP_RENDER_HTML, NULL, &out),
                          TP_OK);
    s = tp_buf_str(&out);
    CU_ASSERT_PTR_NULL(strstr(s, "<script>x"));
    CU_ASSERT_PTR_NULL(strstr(s, "<i>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "&lt;script&gt;x&lt;/script&gt;"));
    tp_buf_clear(&out);
    tp_buf_init(&out, 1u << 24);
    CU_ASSERT_EQUAL_FATAL(tp_render_graph(list, 1, TP_RENDER_DOT, NULL, &out),
                          TP_OK);
    {
        Agraph_t *g = agmemread(tp_buf_str(&out));

        CU_ASSERT_PTR_NOT_NULL_FATAL(g);
        CU_ASSERT_PTR_NOT_NULL(node_by_prefix(g, "rr:a&b"));
        agclose(g);
    }
    tp_buf_clear(&out);
}

static void test_formats(void)
{
    tp_render_format_t f;

    CU_ASSERT_EQUAL(tp_render_format_parse("SVG", &f), TP_OK);
    CU_ASSERT_EQUAL(f, TP_RENDER_SVG);
    CU_ASSERT_EQUAL(tp_render_format_parse("jpeg", &f), TP_ESYNTAX);
    CU_ASSERT_EQUAL(tp_render_format_from_path("/tmp/a.b/chain.png", &f),
                    TP_OK);
    CU_ASSERT_EQUAL(f, TP_RENDER_PNG);
    CU_ASSERT_EQUAL(tp_render_format_from_path("report.htm", &f), TP_OK);
    CU_ASSERT_EQUAL(f, TP_RENDER_HTML);
    CU_ASSERT_EQUAL(tp_render_format_from_path("/tmp/a.b/chain", &f),
                    TP_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(tp_render_format_name(TP_RENDER_DOT), "dot");
}

static int cleanup(void)
{
    tp_render_shutdown();
    return 0;
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("render graph", NULL, cleanup);

    if (s == NULL ||
        !CU_add_test(s, "render: secure chain, DOT structure",
                     test_secure_dot_structure) ||
        !CU_add_test(s, "render: bogus chain, failing link stands out",
                     test_bogus_failing_link_stands_out) ||
        !CU_add_test(s, "render: insecure delegation with NSEC3 proof",
                     test_insecure_delegation_and_proof) ||
        !CU_add_test(s, "render: NSEC3 NXDOMAIN", test_nsec3_nxdomain) ||
        !CU_add_test(s, "render: DOT is deterministic",
                     test_dot_is_deterministic) ||
        !CU_add_test(s, "render: several names share nodes",
                     test_several_names_share_nodes) ||
        !CU_add_test(s, "render: SVG and PNG in process, PNG size sane",
                     test_svg_and_png_in_process) ||
        !CU_add_test(s, "render: HTML is self-contained",
                     test_html_is_self_contained) ||
        !CU_add_test(s, "render: DS without its key is the failing link",
                     test_ds_without_key_is_the_failing_link) ||
        !CU_add_test(s, "render: names are escaped in HTML and DOT",
                     test_names_are_escaped) ||
        !CU_add_test(s, "render: format names and extensions", test_formats))
        return -1;
    return 0;
}
