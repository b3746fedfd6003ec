/* trustpath: DNSSEC chain-of-trust analyzer and visualizer. main() only
 * dispatches to the subcommands; each one parses its own options. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

typedef int (*command_fn)(int argc, char **argv);

struct command {
    const char *name;
    command_fn fn;
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: trustpath COMMAND [OPTIONS] ...\n"
            "\n"
            "DNSSEC chain-of-trust analyzer and visualizer.\n"
            "\n"
            "commands:\n"
            "  probe   NAME... [-f FILE] [-o CAPTURE]        collect a "
            "capture\n"
            "  analyze CAPTURE [-o REPORT]                   report as JSON "
            "Lines\n"
            "  graph   NAME... | -r CAPTURE [-T dot|svg|png|html] [-o FILE]\n"
            "  print   NAME... | -r CAPTURE                  terminal view\n"
            "  check   NAME... | -f FILE [--format text|json|nagios|"
            "prometheus]\n"
            "\n"
            "Run 'trustpath COMMAND --help' for the options of a command, and\n"
            "see trustpath(1) for the details.\n"
            "Exit codes: 0 success, 64 bad usage, 65 bad input data, 1 other\n"
            "failure; check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n");
}

int main(int argc, char **argv)
{
    const struct command commands[] = {
        {"probe", tp_cmd_probe}, {"analyze", tp_cmd_analyze},
        {"graph", tp_cmd_graph}, {"print", tp_cmd_print},
        {"check", tp_cmd_check},
    };

    if (argc < 2) {
        usage(stderr);
        return TP_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return TP_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("trustpath %s\n", TP_VERSION);
        return TP_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        return commands[i].fn(argc - 1, argv + 1);
    }
    tp_cli_error("unknown command '%s' (see trustpath --help)", argv[1]);
    return TP_EXIT_USAGE;
}
