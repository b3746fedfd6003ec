/* main() for every CUnit test executable: runs the suites the test file
 * registered and exits non-zero when any test or suite failed. */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

const char *tp_test_data_path(const char *relpath)
{
    static char path[4096];
    const char *dir = getenv("TP_TEST_DATA");

    if (dir == NULL)
        dir = TP_TEST_DATA_DIR;
    snprintf(path, sizeof(path), "%s/%s", dir, relpath);
    return path;
}

char *tp_test_read_file(const char *relpath, size_t *len_out)
{
    FILE *f = fopen(tp_test_data_path(relpath), "rb");
    char *data = NULL;
    long size;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0)
        goto out;
    data = malloc((size_t)size + 1);
    if (data == NULL)
        goto out;
    if (fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        data = NULL;
        goto out;
    }
    data[size] = '\0';
    if (len_out != NULL)
        *len_out = (size_t)size;
out:
    fclose(f);
    return data;
}

int main(void)
{
    unsigned failed;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    if (tp_test_register() != 0) {
        fprintf(stderr, "test registration failed: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failed = CU_get_number_of_tests_failed() + CU_get_number_of_suites_failed();
    if (CU_get_number_of_tests_run() == 0)
        failed++; /* a test file that runs nothing is a defect */
    CU_cleanup_registry();
    return failed == 0 ? 0 : 1;
}
