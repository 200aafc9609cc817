/* exif.c: reads the two EXIF facts fieldqc keeps (orientation, capture time) from an
 * untrusted JPEG in memory. Every offset and count is bounds-checked against the segment;
 * anything odd is treated as "no EXIF". It does not write EXIF (stored JPEGs have none) and
 * does not follow more than IFD0 and the Exif sub-IFD (no GPS, no maker notes, no IFD1). */
#include "media/media.h"

#include <string.h>

#define TAG_ORIENTATION 0x0112u
#define TAG_DATETIME 0x0132u
#define TAG_EXIF_IFD 0x8769u
#define TAG_DATETIME_ORIGINAL 0x9003u
#define TAG_OFFSET_TIME_ORIGINAL 0x9011u
#define TYPE_ASCII 2u
#define TYPE_SHORT 3u
#define TYPE_LONG 4u

typedef struct tiff {
    const unsigned char *p;
    size_t len;
    int big_endian;
} tiff;

typedef struct found {
    char datetime[20];          /* IFD0 DateTime */
    char datetime_original[20]; /* Exif DateTimeOriginal */
    char offset_original[7];    /* Exif OffsetTimeOriginal "+HH:MM" */
    int32_t orientation;
    uint32_t exif_ifd;
} found;

static uint32_t rd16(const tiff *t, size_t off)
{
    const unsigned char *q = t->p + off;
    return t->big_endian ? (uint32_t)q[0] << 8 | q[1] : (uint32_t)q[1] << 8 | q[0];
}

static uint32_t rd32(const tiff *t, size_t off)
{
    const unsigned char *q = t->p + off;
    if (t->big_endian)
        return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
    return (uint32_t)q[3] << 24 | (uint32_t)q[2] << 16 | (uint32_t)q[1] << 8 | q[0];
}

/* Copies an ASCII value of exactly want_len chars (plus NUL) into dst. */
static void read_ascii(const tiff *t, size_t entry, uint32_t count, char *dst, size_t want_len)
{
    if (count < want_len)
        return;
    size_t off = entry + 8;
    if (want_len > 4) {
        off = rd32(t, entry + 8);
        if (off > t->len || want_len > t->len - off)
            return;
    }
    memcpy(dst, t->p + off, want_len);
    dst[want_len] = '\0';
}

/* Walks one IFD; exif_level 0 is IFD0, 1 is the Exif sub-IFD. */
static void read_ifd(const tiff *t, uint32_t ifd_off, int exif_level, found *f)
{
    if (ifd_off < 8 || ifd_off > t->len || t->len - ifd_off < 2)
        return;
    uint32_t n_entries = rd16(t, ifd_off);
    size_t room = (t->len - ifd_off - 2) / 12;
    if (n_entries > room)
        n_entries = (uint32_t)room;
    for (uint32_t i = 0; i < n_entries; i++) {
        size_t e = ifd_off + 2 + (size_t)i * 12;
        uint32_t tag = rd16(t, e);
        uint32_t type = rd16(t, e + 2);
        uint32_t count = rd32(t, e + 4);
        if (exif_level == 0 && tag == TAG_ORIENTATION && type == TYPE_SHORT && count >= 1) {
            uint32_t v = rd16(t, e + 8);
            if (v >= 1 && v <= 8)
                f->orientation = (int32_t)v;
        } else if (exif_level == 0 && tag == TAG_DATETIME && type == TYPE_ASCII) {
            read_ascii(t, e, count, f->datetime, 19);
        } else if (exif_level == 0 && tag == TAG_EXIF_IFD && (type == TYPE_LONG || type == 13u)) {
            f->exif_ifd = rd32(t, e + 8);
        } else if (exif_level == 1 && tag == TAG_DATETIME_ORIGINAL && type == TYPE_ASCII) {
            read_ascii(t, e, count, f->datetime_original, 19);
        } else if (exif_level == 1 && tag == TAG_OFFSET_TIME_ORIGINAL && type == TYPE_ASCII) {
            read_ascii(t, e, count, f->offset_original, 6);
        }
    }
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic, valid for y >= 1). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = y / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + doe - 719468;
}

/* "YYYY:MM:DD HH:MM:SS" -> seconds, or 0 for blank/invalid (cameras write "0000:00:00 ..."
 * or spaces when the clock was never set). */
static int64_t parse_datetime(const char *s)
{
    int y, mo, d, h, mi, sec;
    if (strlen(s) != 19 || s[4] != ':' || s[7] != ':' || s[10] != ' ' || s[13] != ':' ||
        s[16] != ':')
        return 0;
    if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &sec))
        return 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return 0;
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/* "+HH:MM" / "-HH:MM" -> seconds east of UTC; returns -1 when invalid. */
static int parse_offset(const char *s, int *out_s)
{
    int h, mi;
    if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
        return -1;
    if (digits(s + 1, 2, &h) || digits(s + 4, 2, &mi) || h > 14 || mi > 59)
        return -1;
    *out_s = (s[0] == '-' ? -1 : 1) * (h * 3600 + mi * 60);
    return 0;
}

static void parse_tiff(const unsigned char *p, size_t len, fq_media_exif *out)
{
    tiff t = {p, len, 0};
    found f;
    memset(&f, 0, sizeof f);
    f.orientation = 1;
    if (len < 8)
        return;
    if (p[0] == 'M' && p[1] == 'M')
        t.big_endian = 1;
    else if (!(p[0] == 'I' && p[1] == 'I'))
        return;
    if (rd16(&t, 2) != 42)
        return;
    read_ifd(&t, rd32(&t, 4), 0, &f);
    if (f.exif_ifd)
        read_ifd(&t, f.exif_ifd, 1, &f);
    out->orientation = f.orientation;
    int64_t when = parse_datetime(f.datetime_original);
    if (when == 0)
        when = parse_datetime(f.datetime);
    int offset_s = 0;
    if (when != 0 && parse_offset(f.offset_original, &offset_s) == 0) {
        when -= offset_s;
        out->has_offset = 1;
    }
    out->captured_utc = when;
}

void fq_media_parse_exif(const unsigned char *jpeg, size_t len, fq_media_exif *out)
{
    fq_media_exif ex = {1, 0, 0};
    size_t pos = 2;
    if (len < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        goto done;
    while (pos + 4 <= len) {
        if (jpeg[pos] != 0xFF)
            break;
        unsigned marker = jpeg[pos + 1];
        if (marker == 0xFF) { /* fill byte */
            pos++;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) /* start of scan / end: no EXIF after this */
            break;
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            pos += 2;
            continue;
        }
        size_t seg_len = (size_t)jpeg[pos + 2] << 8 | jpeg[pos + 3];
        if (seg_len < 2 || seg_len > len - pos - 2)
            break;
        const unsigned char *payload = jpeg + pos + 4;
        size_t payload_len = seg_len - 2;
        if (marker == 0xE1 && payload_len >= 6 && memcmp(payload, "Exif\0\0", 6) == 0) {
            parse_tiff(payload + 6, payload_len - 6, &ex);
            break;
        }
        pos += 2 + seg_len;
    }
done:
    *out = ex;
}
