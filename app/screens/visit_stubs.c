/* temporary */
#include "screens/screens_internal.h"
void tab_cartons(fq_screens *s, fq_widget *body, visit_ctx *vc) { (void)s; (void)vc; fq_label_new(body, "todo"); }
