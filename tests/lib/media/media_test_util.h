/* media_test_util.h: helpers shared by the fq_media tests: synthetic JPEGs, decoding to
 * luma for comparisons, EXIF orientation rewriting, and store inspection. Test-only. */
#ifndef FQ_TESTS_MEDIA_TEST_UTIL_H
#define FQ_TESTS_MEDIA_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* A w x h RGB test card (gradients + shapes, no symmetry), malloc'd. */
unsigned char *tu_test_card(int w, int h);

/* tjCompress2 of RGB (or CMYK when cmyk) pixels; returns malloc'd JPEG (release with free). */
unsigned char *tu_encode(const unsigned char *px, int w, int h, int subsamp, int quality,
                         int cmyk, size_t *out_len);

/* Number of regular files under dir (recursive); temp files (".tmp" prefix) counted in *n_tmp. */
unsigned char *tu_decode_luma(const unsigned char *jpeg, size_t len, int *w, int *h);

/* Decodes a JPEG to RGB (malloc'd). */
unsigned char *tu_decode_rgb(const unsigned char *jpeg, size_t len, int *w, int *h);

/* Mean absolute difference of two same-size planes. */
double tu_mad(const unsigned char *a, const unsigned char *b, size_t n);

/* Lossless transform (tjTransform op + options); malloc'd result, NULL on failure. */
unsigned char *tu_transform(const unsigned char *jpeg, size_t len, int op, int options,
                            int crop_w, int crop_h, size_t *out_len);

/* Rewrites the value of the EXIF Orientation tag in place; 0 ok, -1 if there is none. */
int tu_set_orientation(unsigned char *jpeg, size_t len, int orientation);

/* Number of regular files under dir (recursive); names starting ".tmp" counted in *n_tmp. */
int tu_count_files(const char *dir, int *n_tmp);

/* 1 when the JPEG has an APP1 (EXIF/XMP) segment before the scan. */
int tu_has_app1(const unsigned char *jpeg, size_t len);

/* Reads a shared photo; returns 0, or -1 when the shared test data is missing. */
int tu_load_photo(const char *name, unsigned char **out, size_t *out_len);

#endif
