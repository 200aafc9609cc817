/* libFuzzer target for the mountinfo reader (the USB stick check trusts the kernel's table,
 * but a test's FIELDQC_MOUNTINFO or a future kernel may say anything): never reads past the
 * text, and a found mount point always holds the path asked for. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fsio/fsio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *paths[] = {"/", "/media/fieldqc/fieldqc/outbox", "/mnt/a b", "/x"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        fq_fsio_mount m;
        if (fq_fsio_mount_find((const char *)data, size, paths[i], &m) == FQ_OK) {
            size_t n = strlen(m.point);
            if (m.point[0] != '/' || (n > 1 && strncmp(m.point, paths[i], n) != 0))
                abort();
        }
    }
    return 0;
}
