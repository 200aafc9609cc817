/* The headers every screen needs: the ui toolkit and the app services. The toolkit's
 * traffic-light and text-field widgets are named under fq_ui_ (fq_ui_light_*, fq_ui_field_*,
 * FQ_UI_LIGHT_*, FQ_UI_FIELD_*) and core's values are fq_light / fq_field (FQ_LIGHT_*,
 * FQ_FIELD_*), so nothing is renamed here and the headers include in any order. */
#ifndef FQ_SCREENS_BRIDGE_H
#define FQ_SCREENS_BRIDGE_H

#include "ui/ui.h"

#include "services/app.h"

#endif
