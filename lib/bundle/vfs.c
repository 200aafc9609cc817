/* The bundle's sqlite VFS, a shim over the default one for the main database file, with two
 * roles chosen by how the file is opened:
 * - read-only (fq_bundle_peek): checks the page checksum (pagesum.c) of every page sqlite
 *   reads, as it reads it, so a bundle is recognised from its schema and manifest without
 *   walking the whole file first (a day's bundle is hundreds of MB; its manifest is in its
 *   first pages). sqlite parses nothing unchecked: a page that fails its checksum is a read
 *   error (SQLITE_IOERR_DATA, as sqlite's own cksumvfs reports it). No journal, no temp file.
 * - read-write (the writer building a bundle, journal off): stamps each page's checksum as
 *   sqlite writes it (cksumvfs's idea), so the finished file needs no second pass over it,
 *   and gathers consecutive pages into writes of 64 KiB (sqlite writes 4 KB pages one call
 *   each: 81k calls for a 333 MB day). Whatever is gathered goes out before any read,
 *   size, truncate or sync, and at the close; xSync writes it out but leaves durability to
 *   the writer (fsio fsyncs the finished file once; a build folder's copy is scratch).
 *   Other files (sqlite's temporaries) are the default VFS's own.
 * Io methods of version 1 (no xFetch: every page goes through xRead and xWrite). */
#include "bundle_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* sqlite's unix VFS writes at most 128 KiB - 1 bytes in one call (it masks the length) */
#define GATHER_BYTES (64u << 10)

typedef struct shim_file {
    sqlite3_file base;
    uint32_t ps;            /* checking: page size from the header; 0: nothing is checked */
    int building;
    unsigned char *gather;  /* building: whole stamped pages from gather_off on */
    sqlite3_int64 gather_off;
    size_t gather_len;
    sqlite3_file *real;     /* the default VFS's file, right after this struct */
} shim_file;

static sqlite3_vfs shim_vfs;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static sqlite3_vfs *root(void)
{
    return (sqlite3_vfs *)shim_vfs.pAppData;
}

/* Writes out what is gathered. */
static int flush(shim_file *c)
{
    if (!c->gather_len)
        return SQLITE_OK;
    int rc = c->real->pMethods->xWrite(c->real, c->gather, (int)c->gather_len, c->gather_off);
    c->gather_len = 0;
    return rc;
}

static int c_close(sqlite3_file *f)
{
    shim_file *c = (shim_file *)f;
    int rc = c->building ? flush(c) : SQLITE_OK;
    free(c->gather);
    c->gather = NULL;
    int closed = c->real->pMethods ? c->real->pMethods->xClose(c->real) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : closed;
}

static int c_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
    shim_file *c = (shim_file *)f;
    int rc = c->building ? flush(c) : SQLITE_OK;
    if (rc == SQLITE_OK)
        rc = c->real->pMethods->xRead(c->real, buf, amt, off);
    if (rc != SQLITE_OK || c->building || !c->ps || (uint32_t)amt != c->ps || off % c->ps)
        return rc;
    return fq_bundle_page_ok(buf, c->ps, (uint32_t)(off / c->ps) + 1) ? SQLITE_OK
                                                                       : SQLITE_IOERR_DATA;
}

/* A whole page at its place: a power of two from 512 to 64 KiB at a multiple of it (sqlite
 * writes nothing else to a database file with the journal off). */
static int whole_page(int amt, sqlite3_int64 off)
{
    return amt >= 512 && amt <= 65536 && !(amt & (amt - 1)) && off % amt == 0;
}

static int c_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
    shim_file *c = (shim_file *)f;
    if (!c->building)
        return SQLITE_READONLY;
    if (!whole_page(amt, off)) {
        int rc = flush(c);
        return rc != SQLITE_OK ? rc : c->real->pMethods->xWrite(c->real, buf, amt, off);
    }
    if (c->gather_len && (off != c->gather_off + (sqlite3_int64)c->gather_len ||
                          c->gather_len + (size_t)amt > GATHER_BYTES)) {
        int rc = flush(c);
        if (rc != SQLITE_OK)
            return rc;
    }
    if (!c->gather_len)
        c->gather_off = off;
    unsigned char *page = c->gather + c->gather_len;
    memcpy(page, buf, (size_t)amt);
    fq_bundle_page_stamp(page, (uint32_t)amt, (uint32_t)(off / amt) + 1);
    c->gather_len += (size_t)amt;
    return SQLITE_OK;
}

static int c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    shim_file *c = (shim_file *)f;
    if (!c->building)
        return SQLITE_READONLY;
    int rc = flush(c);
    return rc != SQLITE_OK ? rc : c->real->pMethods->xTruncate(c->real, size);
}

static int c_sync(sqlite3_file *f, int flags)
{
    (void)flags;
    shim_file *c = (shim_file *)f;
    return c->building ? flush(c) : SQLITE_OK;
}

static int c_size(sqlite3_file *f, sqlite3_int64 *out)
{
    shim_file *c = (shim_file *)f;
    int rc = c->building ? flush(c) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : c->real->pMethods->xFileSize(c->real, out);
}

static int c_lock(sqlite3_file *f, int lock)
{
    shim_file *c = (shim_file *)f;
    return c->real->pMethods->xLock(c->real, lock);
}

static int c_unlock(sqlite3_file *f, int lock)
{
    shim_file *c = (shim_file *)f;
    return c->real->pMethods->xUnlock(c->real, lock);
}

static int c_reserved(sqlite3_file *f, int *out)
{
    shim_file *c = (shim_file *)f;
    return c->real->pMethods->xCheckReservedLock(c->real, out);
}

static int c_control(sqlite3_file *f, int op, void *arg)
{
    shim_file *c = (shim_file *)f;
    return c->real->pMethods->xFileControl(c->real, op, arg);
}

static int c_sector(sqlite3_file *f)
{
    shim_file *c = (shim_file *)f;
    return c->real->pMethods->xSectorSize(c->real);
}

static int c_device(sqlite3_file *f)
{
    shim_file *c = (shim_file *)f;
    return c->real->pMethods->xDeviceCharacteristics(c->real);
}

static const sqlite3_io_methods shim_methods = {
    1, c_close, c_read, c_write, c_truncate, c_sync, c_size, c_lock, c_unlock, c_reserved,
    c_control, c_sector, c_device,
    NULL, NULL, NULL, NULL, NULL, NULL
};

static int c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
                  int *out_flags)
{
    (void)vfs;
    int reading = (flags & SQLITE_OPEN_READONLY) != 0;
    if (!(flags & SQLITE_OPEN_MAIN_DB)) {
        if (reading)
            return SQLITE_CANTOPEN; /* a bundle, read; no journal, no temp file */
        return root()->xOpen(root(), name, f, flags, out_flags); /* the builder's temps */
    }
    shim_file *c = (shim_file *)f;
    memset(c, 0, sizeof *c);
    c->real = (sqlite3_file *)&c[1];
    c->building = !reading;
    if (c->building && !(c->gather = malloc(GATHER_BYTES)))
        return SQLITE_NOMEM;
    int rc = root()->xOpen(root(), name, c->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        free(c->gather);
        c->gather = NULL;
        return rc;
    }
    f->pMethods = &shim_methods;
    unsigned char h[100];
    if (reading && c->real->pMethods->xRead(c->real, h, (int)sizeof h, 0) == SQLITE_OK)
        c->ps = fq_bundle_header_page_size(h);
    return SQLITE_OK;
}

static int c_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    return root()->xDelete(root(), name, sync_dir);
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
    shim_vfs.iVersion = 1;
    shim_vfs.szOsFile = (int)sizeof(shim_file) + real->szOsFile;
    shim_vfs.mxPathname = real->mxPathname;
    shim_vfs.zName = FQ_BUNDLE_VFS;
    shim_vfs.pAppData = real;
    shim_vfs.xOpen = c_open;
    shim_vfs.xDelete = c_delete;
    shim_vfs.xAccess = c_access;
    shim_vfs.xFullPathname = c_full_path;
    shim_vfs.xRandomness = c_random;
    shim_vfs.xSleep = c_sleep;
    shim_vfs.xCurrentTime = c_time;
    shim_vfs.xGetLastError = c_last_error;
    sqlite3_vfs_register(&shim_vfs, 0);
}

fq_err fq_bundle_vfs_init(void)
{
    pthread_once(&once, init);
    return shim_vfs.zName ? FQ_OK : FQ_ERR_UNSUPPORTED;
}
