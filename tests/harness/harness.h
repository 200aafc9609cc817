/* Test harness: cmocka plus the few helpers every test needs (a fresh temp dir per test,
 * the shared test photos, reading and writing whole files). Tests include this instead of
 * cmocka.h. */
#ifndef FQ_TEST_HARNESS_H
#define FQ_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* A fresh, empty directory for this test process ($FIELDQC_TEST_TMP or /tmp/fq-test-PID), with
 * `sub` appended when non-NULL. Returned pointer is static storage, valid until the next call. */
const char *fq_test_dir(const char *sub);

/* Path of `name` inside a fresh test dir, written into buf (size buf_len). Returns buf. */
char *fq_test_path(char *buf, size_t buf_len, const char *name);

/* Path of a shared test photo; NULL (and a message) when the shared test data is absent. */
const char *fq_test_photo(const char *name);

/* Reads a whole file; caller frees *out with free(). Returns 0 or -1. */
int fq_test_read_file(const char *path, unsigned char **out, size_t *out_len);

/* A whole text file as a NUL-terminated string; the test fails when it cannot be read.
 * Caller frees with free(). */
char *fq_test_slurp(const char *path);

/* The test fails unless the file at path holds exactly text. */
void fq_test_expect_file(const char *path, const char *text);

/* Writes a whole file; returns 0 or -1. */
int fq_test_write_file(const char *path, const void *data, size_t len);

#endif
