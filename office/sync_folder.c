/* Whose sync folder this is: the device writes device.id and device.pub (its public key)
 * into the folder on every export. Neither file is trusted by itself: the id only names the
 * folder, and the key is enrolled only after a person compared its fingerprint with the
 * tablet's Sync screen (cmd_enrol.c). */
#include "office_internal.h"

#include <string.h>

/* The first line of dir/name into out (out_len), without the line end; 0 when read. */
static int first_line(const char *dir, const char *name, char *out, size_t out_len)
{
    char path[FQ_BUNDLE_PATH_LEN + 16];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256] = "";
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    if (!got)
        return -1;
    line[strcspn(line, "\r\n")] = '\0';
    if (strlen(line) >= out_len)
        return -1;
    snprintf(out, out_len, "%s", line);
    return 0;
}

int fq_office_folder_identity(const char *dir, const char *given_id, char device_id[FQ_ID_LEN],
                              char public_key[FQ_BUNDLE_KEY_HEX_LEN], char *err, size_t err_len)
{
    char id[FQ_ID_LEN] = "", key[FQ_BUNDLE_KEY_HEX_LEN] = "";
    if (given_id)
        snprintf(id, sizeof id, "%s", given_id);
    else if (first_line(dir, "device.id", id, sizeof id) != 0)
        id[0] = '\0';
    if (!fq_bundle_device_id_valid(id)) {
        snprintf(err, err_len, "%s has no valid device.id (pass --device ID)", dir);
        return -1;
    }
    if (first_line(dir, "device.pub", key, sizeof key) != 0)
        key[0] = '\0';
    else if (!fq_bundle_public_key_valid(key)) {
        snprintf(err, err_len, "%s/device.pub is not a device key", dir);
        return -1;
    }
    memcpy(device_id, id, sizeof id);
    memcpy(public_key, key, sizeof key);
    return 0;
}
