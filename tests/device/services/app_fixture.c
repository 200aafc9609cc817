/* See app_fixture.h. */
#include "harness.h"

#include <stdio.h>

#include "app_fixture.h"

void fq_test_app_open_demo(const char *assets, const char *name, int64_t now_utc, char *path,
                           size_t path_len, fq_app **app, fq_store **st)
{
    fq_test_path(path, path_len, name);
    remove(path);
    fq_app_config cfg = {path, assets, NULL, "device-A", "Li Wei", 1, now_utc, NULL, 0};
    *app = NULL;
    if (fq_app_open(&cfg, app))
        fail_msg("open: %s", fq_app_errmsg(*app));
    *st = NULL;
    if (fq_store_open(path, st))
        fail_msg("store: %s", fq_store_errmsg(*st));
}
