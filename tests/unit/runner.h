/* Shared CUnit runner: each tests/unit/test_<lib>_<topic>.c defines
 * tp_test_register(), which adds its suites; runner.c supplies main(). */
#ifndef TRUSTPATH_TEST_RUNNER_H
#define TRUSTPATH_TEST_RUNNER_H

#include <stddef.h>

#include <CUnit/CUnit.h>

/** Adds this file's suites to the registry; returns 0, or -1 on failure. */
int tp_test_register(void);

/** Reads tests/data/<relpath> into a heap buffer (NUL-terminated; caller
 * frees); NULL if it cannot be read. */
char *tp_test_read_file(const char *relpath, size_t *len_out);

/** Full path of tests/data/<relpath> in a static buffer. */
const char *tp_test_data_path(const char *relpath);

#endif /* TRUSTPATH_TEST_RUNNER_H */
