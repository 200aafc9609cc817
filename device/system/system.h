/* fq_system: the machine around the app. The backlight of the panel (dim and blank when idle,
 * the brightness setting) and the helper commands for what only the system may do (set the
 * clock, unmount the USB stick), each replaceable by an environment variable so tests and
 * other distributions can say what to run. */
#ifndef FQ_SYSTEM_SYSTEM_H
#define FQ_SYSTEM_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct fq_backlight fq_backlight;

/* The panel's backlight: $FIELDQC_BACKLIGHT_DIR, else the first folder of
 * /sys/class/backlight (rpi_backlight, 10-0045, ...). NULL when there is none (HDMI
 * monitors, desktops): brightness then does nothing. */
fq_backlight *fq_backlight_open(void);
void fq_backlight_close(fq_backlight *b);

/* Sets the brightness in percent of the panel's maximum (1..100, at least one step above
 * off); 0 switches the backlight off (bl_power, else brightness 0). Writes only on change.
 * FQ_ERR_IO when the file cannot be written (the service user lacks the video group). */
fq_err fq_backlight_set(fq_backlight *b, int percent);

/* The idle policy: 0 on, 1 dimmed after dim_after_s idle seconds, 2 dark after
 * blank_after_s (0 = never for either); and the backlight percent for a level (dimmed: a
 * quarter of the chosen brightness, at least 5). */
int fq_idle_level(int64_t idle_s, int dim_after_s, int blank_after_s);
int fq_idle_percent(int level, int brightness);

/* Runs the helper command named by the environment variable `env` (words separated by
 * spaces; default `def`) with `arg` appended, waits for it, and returns FQ_OK on exit status
 * 0; otherwise FQ_ERR_IO with the command's first line of error output (or its status) in
 * msg. Never through a shell: arg cannot inject anything. */
fq_err fq_system_run(const char *env, const char *def, const char *arg, char *msg,
                     size_t msg_len);

/* Pi CSI cameras through libcamera: with FIELDQC_LIBCAMERA=1 the app restarts itself once
 * (execv of its own file with argv) with libcamera's V4L2 layer preloaded, so those cameras
 * open as /dev/videoN. Returns only when nothing is to be done or it could not: FQ_OK with
 * msg "" (not asked) or "camera through libcamera (LAYER)" (running under it), else an error
 * and the reason in msg; the app goes on with V4L2 alone either way. FIELDQC_V4L2_COMPAT
 * names the layer's file instead of the usual places. */
fq_err fq_system_libcamera_preload(char **argv, char *msg, size_t msg_len);

#endif
