/* Pi CSI cameras: on bookworm they are reachable only through libcamera. Its V4L2
 * compatibility layer (Debian's libcamera-v4l2: v4l2-compat.so, preloaded) shows each
 * libcamera camera as the /dev/videoN it sits on, so the app's one V4L2 path (media/, the
 * camera worker) serves CSI and USB cameras alike, with no C++ in the app. The layer must be
 * in the process from its start, hence one re-execution with LD_PRELOAD. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "system/system.h"

#ifndef FQ_MULTIARCH
#define FQ_MULTIARCH ""
#endif

#define LOADED_ENV "FIELDQC_LIBCAMERA_LOADED"

/* Where libcamera versions install the layer: 0.0.x in the multiarch lib folder, later ones
 * under libcamera/ or libexec. */
static const char *find_layer(char *buf, size_t len)
{
    const char *env = getenv("FIELDQC_V4L2_COMPAT");
    if (env && *env)
        return access(env, R_OK) == 0 ? env : NULL;
    static const char *const at[] = {"/usr/lib/" FQ_MULTIARCH "/v4l2-compat.so",
                                      "/usr/lib/" FQ_MULTIARCH "/libcamera/v4l2-compat.so",
                                      "/usr/libexec/libcamera/v4l2-compat.so"};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        if (access(at[i], R_OK) == 0)
            return snprintf(buf, len, "%s", at[i]) < (int)len ? buf : NULL;
    return NULL;
}

fq_err fq_system_libcamera_preload(char **argv, char *msg, size_t msg_len)
{
    msg[0] = '\0';
    const char *want = getenv("FIELDQC_LIBCAMERA");
    if (!want || strcmp(want, "1") != 0)
        return FQ_OK;
    const char *loaded = getenv(LOADED_ENV);
    if (loaded && *loaded) {
        snprintf(msg, msg_len, "camera through libcamera (%s)", loaded);
        return FQ_OK;
    }
    char buf[512];
    const char *layer = find_layer(buf, sizeof buf);
    if (!layer) {
        snprintf(msg, msg_len,
                 "FIELDQC_LIBCAMERA=1 but libcamera's V4L2 layer (v4l2-compat.so, package "
                 "libcamera-v4l2) is not installed: USB cameras only");
        return FQ_ERR_NOTFOUND;
    }
    const char *old = getenv("LD_PRELOAD");
    char preload[2048];
    snprintf(preload, sizeof preload, "%s%s%s", layer, old && *old ? ":" : "", old ? old : "");
    if (setenv("LD_PRELOAD", preload, 1) != 0 || setenv(LOADED_ENV, layer, 1) != 0) {
        snprintf(msg, msg_len, "cannot set LD_PRELOAD for libcamera: out of memory");
        return FQ_ERR_NOMEM;
    }
    /* the program's own path, not /proc/self/exe, so it keeps its name in ps and the journal */
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        execv(self, argv);
    }
    snprintf(msg, msg_len, "cannot restart under libcamera's V4L2 layer: USB cameras only");
    unsetenv(LOADED_ENV);
    if (old)
        setenv("LD_PRELOAD", old, 1);
    else
        unsetenv("LD_PRELOAD");
    return FQ_ERR_IO;
}
