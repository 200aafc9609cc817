/* The defect library (defect_library.h): a fixed table, nothing else. */
#include "core/defect_library.h"

#include <string.h>

#include "core/tr.h"

static const fq_defect_preset PRESETS[] = {
    {"WM-01", FQ_N_("Scratch or scuff"), FQ_SEV_MINOR},
    {"WM-02", FQ_N_("Stain or dirt"), FQ_SEV_MINOR},
    {"WM-03", FQ_N_("Crack or chip"), FQ_SEV_MAJOR},
    {"LB-01", FQ_N_("Wrong or missing label"), FQ_SEV_MAJOR},
    {"FN-01", FQ_N_("Does not function"), FQ_SEV_MAJOR},
    {"SF-01", FQ_N_("Sharp edge or point"), FQ_SEV_CRITICAL},
};
#define N_PRESETS (sizeof PRESETS / sizeof PRESETS[0])

const fq_defect_preset *fq_defect_presets(size_t *n_out)
{
    *n_out = N_PRESETS;
    return PRESETS;
}

const fq_defect_preset *fq_defect_preset_of(const char *code, const char *name)
{
    for (size_t k = 0; code && name && k < N_PRESETS; k++)
        if (!strcmp(PRESETS[k].code, code) && !strcmp(PRESETS[k].name, name))
            return &PRESETS[k];
    return NULL;
}
