/* The app services on a fresh demo database, for the device tests. */
#ifndef FQ_TEST_APP_FIXTURE_H
#define FQ_TEST_APP_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "services/app.h"
#include "store/store.h"

/* Removes and opens the test database `name` (fq_test_path) as the demo of device-A with
 * inspector Li Wei at now_utc, with the assets in `assets`; *st is a second connection to the
 * same file, the test's view of the change log. path receives the database's path. Fails
 * the test on any error. */
void fq_test_app_open_demo(const char *assets, const char *name, int64_t now_utc, char *path,
                           size_t path_len, fq_app **app, fq_store **st);

#endif
