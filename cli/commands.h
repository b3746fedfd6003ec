/* The subcommands of the trustpath binary. Each takes the arguments after
 * its own name (argv[0] is the subcommand) and returns the process exit
 * status documented in trustpath(1). */
#ifndef TRUSTPATH_CLI_COMMANDS_H
#define TRUSTPATH_CLI_COMMANDS_H

int tp_cmd_probe(int argc, char **argv);
int tp_cmd_analyze(int argc, char **argv);
int tp_cmd_graph(int argc, char **argv);
int tp_cmd_print(int argc, char **argv);
int tp_cmd_check(int argc, char **argv);

#endif /* TRUSTPATH_CLI_COMMANDS_H */
