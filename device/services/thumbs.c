/* Import thumbnails on a worker (thumbs.h): the worker fills one slot per file under a lock;
 * the UI thread takes the finished ones in order. */
#include "services/thumbs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media/media_decode.h"

typedef struct slot {
    char *path;
    uint8_t *rgb; /* NULL until made (or when the file does not decode) */
    int w, h;
    int state;    /* 0 waiting, 1 made, 2 failed, 3 taken */
} slot;

struct fq_app_thumbs {
    pthread_t thread;
    pthread_mutex_t lock;
    int started;
    int stop;
    int edge;
    slot *slots;
    size_t n;
    size_t next_take;
};

/* A copy of img with its long edge at most `edge` (a 20 MP photo's smallest DCT scale is
 * still 754 px wide: 120 of those would be 115 MB of textures); box average of whole
 * pixels, which is what a thumbnail needs. */
static uint8_t *shrink(const fq_media_rgb *img, int edge, int *out_w, int *out_h)
{
    int longest = img->width > img->height ? img->width : img->height;
    int k = (longest + edge - 1) / edge;
    if (k < 1)
        k = 1;
    int w = img->width / k, h = img->height / k;
    if (w < 1 || h < 1)
        return NULL;
    uint8_t *out = malloc((size_t)w * (size_t)h * 3);
    for (int y = 0; out && y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                unsigned sum = 0;
                for (int dy = 0; dy < k; dy++)
                    for (int dx = 0; dx < k; dx++)
                        sum += img->pixels[((size_t)(y * k + dy) * (size_t)img->width +
                                            (size_t)(x * k + dx)) * 3 + (size_t)c];
                out[((size_t)y * (size_t)w + (size_t)x) * 3 + (size_t)c] =
                    (uint8_t)(sum / (unsigned)(k * k));
            }
    *out_w = w;
    *out_h = h;
    return out;
}

static void *worker(void *arg)
{
    fq_app_thumbs *t = arg;
    for (size_t i = 0; i < t->n; i++) {
        pthread_mutex_lock(&t->lock);
        int stop = t->stop;
        pthread_mutex_unlock(&t->lock);
        if (stop)
            break;
        fq_media_rgb img;
        memset(&img, 0, sizeof img);
        uint8_t *copy = NULL;
        int ok = fq_media_decode_rgb(t->slots[i].path, t->edge, &img) == FQ_OK;
        int tw = 0, th = 0;
        if (ok) /* ours to hand out with free(); media's buffer goes back to media */
            ok = (copy = shrink(&img, t->edge, &tw, &th)) != NULL;
        pthread_mutex_lock(&t->lock);
        if (ok) {
            t->slots[i].rgb = copy;
            t->slots[i].w = tw;
            t->slots[i].h = th;
        }
        t->slots[i].state = ok ? 1 : 2;
        pthread_mutex_unlock(&t->lock);
        fq_media_rgb_free(&img);
    }
    return NULL;
}

fq_err fq_app_thumbs_start(const char *dir, const char *const *names, size_t n, int edge_px,
                           fq_app_thumbs **out)
{
    fq_app_thumbs *t = calloc(1, sizeof *t);
    if (!t || !(t->slots = calloc(n ? n : 1, sizeof *t->slots))) {
        free(t);
        return FQ_ERR_NOMEM;
    }
    t->n = n;
    t->edge = edge_px;
    pthread_mutex_init(&t->lock, NULL);
    fq_err err = FQ_OK;
    for (size_t i = 0; i < n && !err; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        if (!(t->slots[i].path = malloc(len)))
            err = FQ_ERR_NOMEM;
        else
            snprintf(t->slots[i].path, len, "%s/%s", dir, names[i]);
    }
    if (!err && pthread_create(&t->thread, NULL, worker, t) != 0)
        err = FQ_ERR_NOMEM;
    if (err) {
        fq_app_thumbs_free(t);
        return err;
    }
    t->started = 1;
    *out = t;
    return FQ_OK;
}

int fq_app_thumbs_take(fq_app_thumbs *t, size_t *idx, uint8_t **rgb, int *w, int *h)
{
    int rc = 0;
    pthread_mutex_lock(&t->lock);
    while (t->next_take < t->n && t->slots[t->next_take].state >= 2)
        t->next_take++; /* failed or taken */
    if (t->next_take == t->n) {
        rc = -1;
    } else if (t->slots[t->next_take].state == 1) {
        slot *s = &t->slots[t->next_take];
        *idx = t->next_take;
        *rgb = s->rgb;
        *w = s->w;
        *h = s->h;
        s->rgb = NULL;
        s->state = 3;
        t->next_take++;
        rc = 1;
    }
    pthread_mutex_unlock(&t->lock);
    return rc;
}

void fq_app_thumbs_free(fq_app_thumbs *t)
{
    if (!t)
        return;
    if (t->started) {
        pthread_mutex_lock(&t->lock);
        t->stop = 1;
        pthread_mutex_unlock(&t->lock);
        pthread_join(t->thread, NULL);
    }
    for (size_t i = 0; i < t->n; i++) {
        free(t->slots[i].path);
        free(t->slots[i].rgb);
    }
    pthread_mutex_destroy(&t->lock);
    free(t->slots);
    free(t);
}
