/* render: the terminal view of `print`. Plain (non-TTY) output has no
 * escape sequences; colour output has the style table's SGR codes; each
 * diagnostic sits under the element it concerns; ASCII mode has no UTF-8. */
#include <string.h>

#include "render_fixture.h"
#include "runner.h"
#include "trustpath/render.h"

static char *text_of(fx_case_t c, bool color, bool utf8, tp_buf_t *out)
{
    static fx_t f;
    const tp_analysis_t *list[1];
    tp_render_opts_t o;

    fx_build(&f, c);
    list[0] = &f.a;
    tp_render_opts_init(&o);
    o.color = color;
    o.utf8 = utf8;
    tp_buf_init(out, 1u << 22);
    if (tp_render_text(list, 1, &o, out) != TP_OK)
        return NULL;
    return (char *)out->data;
}

static const char *line_with(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);

    while (p != NULL && p > text && p[-1] != '\n')
        p--;
    return p;
}

static void test_plain_secure(void)
{
    tp_buf_t b;
    const char *s = text_of(FX_SECURE, false, true, &b);

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NULL(strchr(s, '\x1b'));
    CU_ASSERT_EQUAL(strncmp(s, "www.example.com.  \xE2\x9C\x94 secure", 24), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  zone .  \xE2\x9C\x94 secure"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  zone com.  \xE2\x9C\x94 secure"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(s, "DNSKEY 1000 KSK  ECDSAP256SHA256 (13), flags 257, 256 "
                  "bits  \xE2\x9C\x94 secure  [trust anchor]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "DS 2000 for com.  ECDSAP256SHA256, "
                                     "SHA-256  valid"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "    www.example.com. A  "));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\xE2\x9A\xA0 expires in 2 days"));
    /* the warning sits right under the RRset, indented deeper */
    {
        const char *rr = line_with(s, "    www.example.com. A  ");
        const char *w = line_with(s, "warning RRSIG_EXPIRES_SOON");

        CU_ASSERT_PTR_NOT_NULL_FATAL(rr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(w);
        CU_ASSERT_TRUE(w > rr);
        CU_ASSERT_EQUAL(strncmp(w, "      ", 6), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(w, "fix: "));
    }
    tp_buf_clear(&b);
}

static void test_color_bogus(void)
{
    tp_buf_t b;
    const char *s = text_of(FX_BOGUS, true, true, &b);

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\x1b[1;31m\xE2\x9C\x98 bogus\x1b[0m"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\x1b[32m\xE2\x9C\x94 secure\x1b[0m"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\x1b[1;31mdigest mismatch\x1b[0m"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "error DS_DIGEST_MISMATCH"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "RFC 4035 5.2"));
    /* the DS diagnostic is printed under the DS line, once */
    {
        const char *ds = strstr(s, "DS 3000 for example.com.");
        const char *d = strstr(s, "DS_DIGEST_MISMATCH");

        CU_ASSERT_TRUE_FATAL(ds != NULL && d != NULL);
        CU_ASSERT_TRUE(d > ds);
        CU_ASSERT_PTR_NULL(strstr(d + 1, "DS_DIGEST_MISMATCH"));
    }
    tp_buf_clear(&b);
}

static void test_ascii_insecure_and_nsec3(void)
{
    tp_buf_t b;
    const char *s = text_of(FX_INSECURE, false, false, &b);

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (const char *p = s; *p != '\0'; p++)
        CU_ASSERT_TRUE_FATAL((unsigned char)*p < 0x80);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "www.example.com.  - insecure"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "zone example.com.  - insecure  "
                                     "(delegation insecure"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "example.com. DS: insecure-referral"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "proof: nsec3 valid"));
    tp_buf_clear(&b);
    s = text_of(FX_NSEC3, false, true, &b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "  answer NXDOMAIN\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "nx.example.com. A: nxdomain  "
                                     "\xE2\x9C\x94 secure"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "NSEC3 covers the next closer name"));
    tp_buf_clear(&b);
}

static void test_expiry_words(void)
{
    tp_render_opts_t o;

    tp_render_opts_init(&o);
    CU_ASSERT_EQUAL(o.warn_expiry_s, 7 * 86400);
    CU_ASSERT_TRUE(o.legend);
    CU_ASSERT_FALSE(o.color);
    CU_ASSERT_EQUAL(tp_render_text(NULL, 1, &o, NULL), TP_EINVAL);
}

int tp_test_register(void)
{
    CU_pSuite s = CU_add_suite("render text", NULL, NULL);

    if (s == NULL ||
        !CU_add_test(s, "render: print, plain text for a pipe",
                     test_plain_secure) ||
        !CU_add_test(s, "render: print, colour for a terminal",
                     test_color_bogus) ||
        !CU_add_test(s, "render: print, ASCII, insecure and NSEC3",
                     test_ascii_insecure_and_nsec3) ||
        !CU_add_test(s, "render: print options", test_expiry_words))
        return -1;
    return 0;
}
