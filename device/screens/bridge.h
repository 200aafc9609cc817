/* The headers every screen needs: the ui toolkit and the app services. (The toolkit's
 * light and field kinds are FQ_UI_LIGHT_* / FQ_UI_FIELD_*, core's are FQ_LIGHT_* /
 * FQ_FIELD_*, so both can be included together.) */
#ifndef FQ_SCREENS_BRIDGE_H
#define FQ_SCREENS_BRIDGE_H

#include "ui/ui.h"
#include "ui/locate.h"
#include "ui/script.h"

#include "services/app.h"

#endif
