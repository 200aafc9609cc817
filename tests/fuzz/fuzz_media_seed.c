/* Writes seed JPEGs for fuzz_media into DIR: small and complete, so every mutation starts
 * from a file that decodes and the fuzzer reaches the whole pipeline (resample, orientation,
 * encode), not only the header and the first scan of a photo cut to 64 KB. One per
 * subsampling (4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1, grey) x baseline/progressive x EXIF
 * orientation 1..8, at odd sizes (partial MCUs), with an APP1 Exif block as cameras write it
 * (big- and little-endian by turns). 96 files, under 2 KB each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

/* An APP1 Exif segment with IFD0 holding one Orientation entry. */
static size_t exif_app1(unsigned char *out, int orientation, int big_endian)
{
    static const unsigned char head[] = {0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0};
    unsigned char tiff[26];
    memset(tiff, 0, sizeof tiff);
    unsigned char o = (unsigned char)orientation;
    if (big_endian) {
        static const unsigned char t[] = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                                          0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        memcpy(tiff, t, sizeof t);
        tiff[19] = o; /* SHORT value left-justified in the 4-byte field */
        tiff[18] = 0;
    } else {
        static const unsigned char t[] = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
                                          0x12, 0x01, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        memcpy(tiff, t, sizeof t);
        tiff[18] = o;
    }
    memcpy(out, head, sizeof head);
    memcpy(out + sizeof head, tiff, sizeof tiff);
    return sizeof head + sizeof tiff; /* 36 = 2 + 0x22 */
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    static const int samps[] = {TJSAMP_444, TJSAMP_422, TJSAMP_420, TJSAMP_440, TJSAMP_411,
                                TJSAMP_GRAY};
    static const char *const names[] = {"444", "422", "420", "440", "411", "gray"};
    int n = 0;
    for (size_t s = 0; s < sizeof samps / sizeof samps[0]; s++)
        for (int prog = 0; prog < 2; prog++)
            for (int orient = 1; orient <= 8; orient++) {
                int w = 37 + 8 * (int)s, h = 23 + orient;
                unsigned char *rgb = malloc((size_t)w * (size_t)h * 3);
                if (!rgb)
                    return 1;
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) { /* a gradient and a corner mark */
                        unsigned char *p = rgb + ((size_t)y * (size_t)w + (size_t)x) * 3;
                        p[0] = (unsigned char)(x * 255 / w);
                        p[1] = (unsigned char)(y * 255 / h);
                        p[2] = x < 6 && y < 6 ? 255 : 40;
                    }
                /* a handle per file: TurboJPEG 2.1 keeps the progressive scan script on a
                 * handle, and its next "baseline" output does not decode */
                tjhandle tj = tjInitCompress();
                if (!tj)
                    return 1;
                unsigned char *jpeg = NULL;
                unsigned long len = 0;
                int flags = prog ? TJFLAG_PROGRESSIVE : 0;
                if (tjCompress2(tj, rgb, w, 0, h, TJPF_RGB, &jpeg, &len, samps[s], 75, flags))
                    return 1;
                free(rgb);
                /* SOI, then the Exif block, then the rest (JFIF and all) */
                unsigned char app1[64];
                size_t app1_len = exif_app1(app1, orient, n % 2);
                char path[1200];
                snprintf(path, sizeof path, "%s/seed-%s-%s-o%d.jpg", argv[1], names[s],
                         prog ? "prog" : "base", orient);
                FILE *f = fopen(path, "wb");
                if (!f || fwrite(jpeg, 1, 2, f) != 2 || fwrite(app1, 1, app1_len, f) != app1_len ||
                    fwrite(jpeg + 2, 1, len - 2, f) != len - 2 || fclose(f))
                    return 1;
                tjFree(jpeg);
                tjDestroy(tj);
                n++;
            }
    printf("fuzz_media_seed: %d seeds in %s\n", n, argv[1]);
    return 0;
}
