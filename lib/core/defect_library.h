/* The defect library: the common defect types every consumer-goods inspection meets, with
 * stable codes (WM-01..SF-01) that reports group by and English names that records keep.
 * The tablet lists them before anything is counted (device/services/app_defects.c); the
 * office names them in a report's language (office/lang.h). Names are marked FQ_N_ for the
 * catalogs; a defect the inspector named is none of these and keeps their words. */
#ifndef FQ_CORE_DEFECT_LIBRARY_H
#define FQ_CORE_DEFECT_LIBRARY_H

#include <stddef.h>

#include "core/model.h"

typedef struct fq_defect_preset {
    const char *code;
    const char *name; /* English, as recorded */
    fq_severity severity;
} fq_defect_preset;

/* The library in the order the tablet lists it; *n_out gets the count. Never NULL. */
const fq_defect_preset *fq_defect_presets(size_t *n_out);

/* The preset with this code and English name (a library defect as recorded), or NULL for a
 * defect the inspector named (its description is their words). NULL arguments: NULL. */
const fq_defect_preset *fq_defect_preset_of(const char *code, const char *name);

#endif
