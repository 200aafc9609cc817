/* A read-only sqlite VFS that checks the page checksum (pagesum.c) of every page sqlite
 * reads, as it reads it: what fq_bundle_peek needs to recognise a bundle from its schema and
 * manifest without walking the whole file first (a day's bundle is hundreds of MB; its
 * manifest is in its first pages). sqlite still parses nothing unchecked: a page that fails
 * its checksum is a read error (SQLITE_IOERR_DATA, as sqlite's own cksumvfs reports it).
 * Deliberately a shim over the default VFS for the main database file only, io methods of
 * version 1 (no xFetch: every page goes through xRead), never used to write. */
#include "bundle_internal.h"

#include <pthread.h>
#include <string.h>

typedef struct check_file {
    sqlite3_file base;
    uint32_t ps;         /* page size from the header; 0: nothing is checked */
    sqlite3_file *real;  /* the default VFS's file, right after this struct */
} check_file;

static sqlite3_vfs check_vfs;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static sqlite3_vfs *root(void)
{
    return (sqlite3_vfs *)check_vfs.pAppData;
}

static int c_close(sqlite3_file *f)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods ? c->real->pMethods->xClose(c->real) : SQLITE_OK;
}

static int c_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
    check_file *c = (check_file *)f;
    int rc = c->real->pMethods->xRead(c->real, buf, amt, off);
    if (rc != SQLITE_OK || !c->ps || (uint32_t)amt != c->ps || off % c->ps)
        return rc;
    return fq_bundle_page_ok(buf, c->ps, (uint32_t)(off / c->ps) + 1) ? SQLITE_OK
                                                                       : SQLITE_IOERR_DATA;
}

static int c_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
    (void)f, (void)buf, (void)amt, (void)off;
    return SQLITE_READONLY;
}

static int c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    (void)f, (void)size;
    return SQLITE_READONLY;
}

static int c_sync(sqlite3_file *f, int flags)
{
    (void)f, (void)flags;
    return SQLITE_OK;
}

static int c_size(sqlite3_file *f, sqlite3_int64 *out)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xFileSize(c->real, out);
}

static int c_lock(sqlite3_file *f, int lock)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xLock(c->real, lock);
}

static int c_unlock(sqlite3_file *f, int lock)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xUnlock(c->real, lock);
}

static int c_reserved(sqlite3_file *f, int *out)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xCheckReservedLock(c->real, out);
}

static int c_control(sqlite3_file *f, int op, void *arg)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xFileControl(c->real, op, arg);
}

static int c_sector(sqlite3_file *f)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xSectorSize(c->real);
}

static int c_device(sqlite3_file *f)
{
    check_file *c = (check_file *)f;
    return c->real->pMethods->xDeviceCharacteristics(c->real);
}

static const sqlite3_io_methods check_methods = {
    1, c_close, c_read, c_write, c_truncate, c_sync, c_size, c_lock, c_unlock, c_reserved,
    c_control, c_sector, c_device,
    NULL, NULL, NULL, NULL, NULL, NULL
};

static int c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
                  int *out_flags)
{
    (void)vfs;
    check_file *c = (check_file *)f;
    memset(c, 0, sizeof *c);
    c->real = (sqlite3_file *)&c[1];
    if (!(flags & SQLITE_OPEN_MAIN_DB) || !(flags & SQLITE_OPEN_READONLY))
        return SQLITE_CANTOPEN; /* a bundle, read; no journal, no temp file */
    int rc = root()->xOpen(root(), name, c->real, flags, out_flags);
    if (rc != SQLITE_OK)
        return rc;
    f->pMethods = &check_methods;
    unsigned char h[100];
    if (c->real->pMethods->xRead(c->real, h, (int)sizeof h, 0) == SQLITE_OK)
        c->ps = fq_bundle_header_page_size(h);
    return SQLITE_OK;
}

static int c_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs, (void)name, (void)sync_dir;
    return SQLITE_READONLY;
}

static int c_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return root()->xAccess(root(), name, flags, out);
}

static int c_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return root()->xFullPathname(root(), name, n, out);
}

static int c_random(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return root()->xRandomness(root(), n, out);
}

static int c_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return root()->xSleep(root(), us);
}

static int c_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return root()->xCurrentTime(root(), out);
}

static int c_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return root()->xGetLastError(root(), n, out);
}

static void init(void)
{
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (!real)
        return;
    check_vfs.iVersion = 1;
    check_vfs.szOsFile = (int)sizeof(check_file) + real->szOsFile;
    check_vfs.mxPathname = real->mxPathname;
    check_vfs.zName = FQ_BUNDLE_CHECK_VFS;
    check_vfs.pAppData = real;
    check_vfs.xOpen = c_open;
    check_vfs.xDelete = c_delete;
    check_vfs.xAccess = c_access;
    check_vfs.xFullPathname = c_full_path;
    check_vfs.xRandomness = c_random;
    check_vfs.xSleep = c_sleep;
    check_vfs.xCurrentTime = c_time;
    check_vfs.xGetLastError = c_last_error;
    sqlite3_vfs_register(&check_vfs, 0);
}

fq_err fq_bundle_check_vfs_init(void)
{
    pthread_once(&once, init);
    return check_vfs.zName ? FQ_OK : FQ_ERR_UNSUPPORTED;
}
