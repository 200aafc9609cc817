/* fieldqc-office demo: a database holding the demo orders, visits and checklists, for trying
 * the office side (and the device, which opens the same schema) without real data. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "office/commands.h"
#include "office_internal.h"
#include "office/ostore.h"
#include "store/store.h"

int fq_office_cmd_demo(int argc, char **argv)
{
    const char *db = NULL, *assets = NULL, *device = NULL, *inspector = "Li Wei";
    char data[1024];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            assets = argv[++i];
        else if (!strcmp(argv[i], "--device") && i + 1 < argc)
            device = argv[++i];
        else if (!strcmp(argv[i], "--inspector") && i + 1 < argc)
            inspector = argv[++i];
        else {
            fprintf(stderr, "fieldqc-office demo: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!db) {
        fprintf(stderr, "fieldqc-office demo: --db FILE is required\n");
        return 2;
    }
    if (fq_ostore_is_url(db)) {
        /* the demo database is also a device database (fieldqc opens it): a file */
        fprintf(stderr, "fieldqc-office demo: --db must be a database file, not a server\n");
        return 2;
    }
    if (!assets) {
        if (fq_office_data_dir(data, sizeof data, NULL))
            return 1;
        assets = data;
    }
    char demo[1024], checklists[1024];
    snprintf(demo, sizeof demo, "%s/demo/demo.tsv", assets);
    snprintf(checklists, sizeof checklists, "%s/checklists", assets);
    fq_store *st = NULL;
    fq_err err = fq_store_open(db, &st);
    if (!err)
        err = fq_store_set_actor(st, device, inspector);
    if (!err)
        err = fq_store_seed_demo(st, demo, checklists, (int64_t)time(NULL));
    if (err) {
        fprintf(stderr, "fieldqc-office demo: %s: %s\n", db, fq_store_errmsg(st));
        fq_store_close(st);
        return 1;
    }
    printf("demo database %s ready (device %s)\n", db, fq_store_device_id(st));
    fq_store_close(st);
    return 0;
}
