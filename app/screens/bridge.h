/* Includes the ui toolkit and the app services in one translation unit.
 * ui/ui.h and core/lights.h both name enumerators FQ_LIGHT_GREEN/YELLOW/RED, and ui/ui.h and
 * core/model_fields.h both name FQ_FIELD_TEXT (the two modules never meet except in screens
 * and main.c). The ui's spellings are renamed FQ_UI_* here, so after this header
 * FQ_LIGHT_* and FQ_FIELD_TEXT are core's, and screens write FQ_UI_LIGHT_* / FQ_UI_FIELD_TEXT
 * for the widget kinds. Include this instead of ui/ui.h or services/app.h. */
#ifndef FQ_SCREENS_BRIDGE_H
#define FQ_SCREENS_BRIDGE_H

#define FQ_LIGHT_GREY FQ_UI_LIGHT_GREY
#define FQ_LIGHT_GREEN FQ_UI_LIGHT_GREEN
#define FQ_LIGHT_YELLOW FQ_UI_LIGHT_YELLOW
#define FQ_LIGHT_RED FQ_UI_LIGHT_RED
#define FQ_FIELD_TEXT FQ_UI_FIELD_TEXT
#include "ui/ui.h"
#include "ui/locate.h"
#include "ui/script.h"
#undef FQ_LIGHT_GREY
#undef FQ_LIGHT_GREEN
#undef FQ_LIGHT_YELLOW
#undef FQ_LIGHT_RED
#undef FQ_FIELD_TEXT

#include "services/app.h"

#endif
