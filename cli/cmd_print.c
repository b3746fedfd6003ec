/* trustpath print NAME... | -r CAPTURE [--color|--no-color] [--ascii]
 * The chain of trust as an indented tree on the terminal: status words and
 * symbols, diagnostics under the element they concern. Colour when stdout
 * is a terminal (and NO_COLOR is unset), unless --color/--no-color say
 * otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_graph.h"
#include "commands.h"
#include "trustpath/render.h"

#define MAX_OUTPUT (256u * 1024u * 1024u)

static void print_usage(FILE *out)
{
    fprintf(out,
            "usage: trustpath print NAME... | -r CAPTURE [NAME...]\n"
            "                       [--color|--no-color] [--ascii]\n"
            "                       [--root-hints FILE] [--trust-anchor FILE]\n"
            "                       [--at TIME] [--warn-expiry DUR] [-t TYPE]\n"
            "                       [-4|-6] [--timeout DUR]\n"
            "Prints the chain of trust of each name as a tree, with each\n"
            "finding under the element it concerns. Colour by default only\n"
            "when standard output is a terminal.\n");
}

typedef struct print_args {
    tp_cli_render_args_t in;
    int color; /* -1 auto, 0 off, 1 on */
    bool ascii;
} print_args_t;

static int parse(int argc, char **argv, print_args_t *p)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = tp_cli_render_option(argc, argv, &i, &p->in);

        if (r > 1)
            return r;
        if (r == 1)
            continue;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_usage(stdout);
            return -1;
        } else if (strcmp(a, "--color") == 0 || strcmp(a, "--colour") == 0) {
            p->color = 1;
        } else if (strcmp(a, "--no-color") == 0 ||
                   strcmp(a, "--no-colour") == 0) {
            p->color = 0;
        } else if (strcmp(a, "--ascii") == 0) {
            p->ascii = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            tp_cli_error("print: unknown option '%s'", a);
            print_usage(stderr);
            return TP_EXIT_USAGE;
        } else {
            p->in.names[p->in.name_count++] = a;
        }
    }
    return TP_EXIT_OK;
}

int tp_cmd_print(int argc, char **argv)
{
    print_args_t p;
    tp_cli_render_input_t in;
    tp_render_opts_t ro;
    tp_buf_t out;
    int rc;

    memset(&p, 0, sizeof(p));
    p.color = -1;
    p.in.warn_s = 7 * 86400;
    p.in.names = calloc((size_t)argc + 1, sizeof(*p.in.names));
    if (p.in.names == NULL)
        return TP_EXIT_FAIL;
    rc = parse(argc, argv, &p);
    if (rc != TP_EXIT_OK) {
        free(p.in.names);
        return rc < 0 ? TP_EXIT_OK : rc;
    }
    rc = tp_cli_render_load(&p.in, "print", &in);
    tp_buf_init(&out, MAX_OUTPUT);
    if (rc == TP_EXIT_OK) {
        const char *no_color = getenv("NO_COLOR");

        tp_render_opts_init(&ro);
        ro.warn_expiry_s = p.in.warn_s;
        ro.utf8 = !p.ascii;
        ro.color = p.color >= 0 ? p.color == 1
                                : isatty(STDOUT_FILENO) == 1 &&
                                      (no_color == NULL || no_color[0] == 0);
        if (tp_render_text(in.analyses, in.count, &ro, &out) != TP_OK) {
            tp_cli_error("print: cannot render the tree");
            rc = TP_EXIT_FAIL;
        }
    }
    if (rc == TP_EXIT_OK && (fwrite(out.data, 1, out.len, stdout) != out.len ||
                             fflush(stdout) != 0)) {
        tp_cli_error("print: cannot write the output");
        rc = TP_EXIT_FAIL;
    }
    tp_buf_clear(&out);
    tp_cli_render_free(&in);
    free(p.in.names);
    return rc;
}
