/* Private to app/services. */
#ifndef FQ_SERVICES_APP_INTERNAL_H
#define FQ_SERVICES_APP_INTERNAL_H

#include "media/media.h"
#include "services/app.h"
#include "store/store.h"

struct fq_app {
    fq_store *store;
    fq_media *media;
    char errmsg[512];
    char db_path[1024];
    char photo_dir[1100];
    char data_dir[1024];
    char sync_dir[1024];
    char import_dir[1024];
    char inspector[FQ_ID_LEN];
    int64_t fixed_now;
};

/* Records a failure reason; returns err. */
fq_err fq_app_fail(fq_app *app, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copies the store's reason for err onto the app; returns err. */
fq_err fq_app_store_fail(fq_app *app, fq_err err);

#endif
