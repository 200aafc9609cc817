/* Locating widgets by the text they show, for the script runner's located commands
 * (script.h: tap-text, field-after, tap-image, draw-after) and the screens bench: "where
 * would a finger tap to press the button labelled X".
 * Deliberately read-mostly: the only change it makes is scrolling the widget into view.
 * Added beside the toolkit (not part of ui.c) so the toolkit author's files stay theirs. */
#ifndef FQ_UI_LOCATE_H
#define FQ_UI_LOCATE_H

#include <stdbool.h>

#include "ui/ui.h"

/* Finds the nth (0-based, tree order) visible widget on the top layer (the top modal when
 * one is open, else the screen root); showing exactly `text` (a label, button, field text or
 * one choice segment), scrolls it into view inside its scroll container, lays out, and writes
 * the absolute centre of the widget (or of the segment) to out_x, out_y. False when absent.
 * A row of a virtual list out of view is found by scrolling the list a screen at a time. */
bool fq_ui_locate_text(fq_ui *ui, const char *text, int nth, int *out_x, int *out_y);

/* The widget found as above (NULL when absent); for a choice segment, the choice. */
fq_widget *fq_ui_locate_widget(fq_ui *ui, const char *text, int nth);

/* Like fq_ui_locate_text, but for the first field that follows that widget in tree order
 * (the field under a label, the note field of a checklist item; empty fields show no text). */
bool fq_ui_locate_field_after(fq_ui *ui, const char *text, int nth, int *out_x, int *out_y);

/* The centre of the on-screen keyboard's key showing `label` ("5", ".", "Enter") while the
 * keyboard is shown; false when it is hidden or has no such key on its current layer. */
bool fq_ui_locate_key(fq_ui *ui, const char *label, int *out_x, int *out_y);

/* The rectangle of the first widget of class `class_name` ("canvas", "field", ...; NULL: a
 * field) after the widget showing `text`, scrolled into view. */
bool fq_ui_locate_after(fq_ui *ui, const char *text, int nth, const char *class_name,
                        fq_rect *out);

#endif
