/* Widget gallery: builds one screen with every widget, renders it with the SDL platform
 * (SDL_VIDEODRIVER=dummy under ctest) and saves PNGs for people to look at:
 *   gallery_<W>x<H>.png       header, tabs, list rows with lights, verdicts, form, buttons
 *   keyboard_<W>x<H>.png      text field focused: the on-screen keyboard
 *   numpad_<W>x<H>.png        numeric field focused: the numeric pad
 *   dialog_<W>x<H>.png        a modal dialog over the screen
 *   signature_<W>x<H>.png     signature canvas after a scripted stroke (script replay)
 *   dark_<W>x<H>.png          the dark theme
 * at 800x480 and 480x800 (and 720x1280 at its own DPI). Output dir: argv[1], else
 * $FIELDQC_TEST_TMP, else ".". Exit 0 when every PNG was written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "platform/platform.h"
#include "ui/ui.h"

typedef struct gallery {
    char name[32], po[16], qty[12], weight[12];
    fq_widget *name_field, *qty_field, *canvas;
    int image_id;
} gallery;

static const char *out_dir;
static int failures;

static void shot(fq_platform *p, fq_ui *ui, const char *what, int w, int h)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s_%dx%d.png", out_dir, what, w, h);
    fq_platform_render(p, ui);
    if (fq_platform_screenshot(p, path) != FQ_UI_OK) {
        fprintf(stderr, "gallery: %s: %s\n", path, fq_platform_errmsg(p));
        failures++;
        return;
    }
    printf("gallery: wrote %s\n", path);
}

static void add_row(fq_widget *list, fq_ui_light_state light, const char *title, const char *sub)
{
    fq_widget *row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    fq_widget_set_clickable(row, true);
    fq_ui_light_new(row, light);
    fq_widget *text = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_gap_mm(text, 0);
    fq_widget_set_grow(text, 1);
    fq_label_set_role(fq_label_new(text, title), FQ_TEXT_STRONG);
    fq_label_set_role(fq_label_new(text, sub), FQ_TEXT_SMALL);
    fq_label_set_role(fq_label_new(row, "\xE2\x80\xBA"), FQ_TEXT_TITLE); /* › */
}

static int make_image(fq_platform *p)
{
    enum { W = 96, H = 64 };
    static uint8_t px[W * H * 3];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *q = &px[(y * W + x) * 3];
            bool check = ((x / 16) + (y / 16)) % 2;
            q[0] = (uint8_t)(check ? 200 : 40 + x);
            q[1] = (uint8_t)(check ? 160 : 60 + y);
            q[2] = (uint8_t)(check ? 90 : 140);
        }
    int id = 0;
    if (fq_platform_register_image(p, px, W, H, W * 3, false, &id) != FQ_UI_OK)
        failures++;
    return id;
}

static void build(fq_ui *ui, gallery *g)
{
    fq_widget *root = fq_ui_root(ui);
    fq_widget *hdr = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_HEADER);
    fq_button_new(hdr, "\xE2\x80\xB9 Back", FQ_BUTTON_NORMAL);
    fq_widget *title = fq_label_new(hdr, "Visit 12 \xC2\xB7 \xE5\xAE\x81\xE6\xB3\xA2\xE7\xBA\xBA\xE7\xBB\x87 Ningbo Textiles Co., Ltd.");
    fq_label_set_role(title, FQ_TEXT_TITLE);
    fq_widget_set_grow(title, 1);
    fq_ui_light_new(hdr, FQ_UI_LIGHT_YELLOW);

    const char *tabs[] = {"Orders", "Checklist", "AQL", "Photos"};
    fq_widget *tb = fq_tabbar_new(root, tabs, 4);
    fq_choice_set_selected(tb, 1);

    fq_widget *list = fq_scroll_new(root);
    fq_widget_set_grow(list, 1);
    add_row(list, FQ_UI_LIGHT_GREEN, "PO 4411 \xC2\xB7 Cotton T-shirts", "Final inspection \xC2\xB7 due 14 Mar");
    add_row(list, FQ_UI_LIGHT_RED, "PO 4415 \xC2\xB7 \xE6\xB7\xB1\xE5\x9C\xB3\xE5\xB8\x82\xE5\x8D\x8E\xE5\x85\xB4\xE5\x8C\x85\xE8\xA3\x85\xE6\x9C\x89\xE9\x99\x90\xE5\x85\xAC\xE5\x8F\xB8 cartons and labels for EU market", "Packaging materials missing at 45 % complete");
    add_row(list, FQ_UI_LIGHT_GREY, "PO 4420 \xC2\xB7 Enamel mugs", "Not started");

    fq_widget *card = fq_box_new(list, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, "3.2 Shipping marks match the order"), FQ_TEXT_STRONG);
    fq_widget *note = fq_label_new(card, "Check order reference, destination, CE mark and the country-of-origin label on two cartons per pallet.");
    fq_label_set_wrap(note, 3);
    fq_label_set_role(note, FQ_TEXT_MUTED);
    fq_widget *verdict = fq_choice_new_verdict(card, "Pass", "Fail", "N/A");
    fq_choice_set_selected(verdict, 1);

    fq_widget *form = fq_box_new(list, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_new(form, "Inspector");
    g->name_field = fq_ui_field_new(form, g->name, sizeof g->name, FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(g->name_field, "Name as on the badge");
    fq_widget *nums = fq_box_new(form, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *c1 = fq_box_new(nums, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(c1, 1);
    fq_label_new(c1, "Cartons");
    g->qty_field = fq_ui_field_new(c1, g->qty, sizeof g->qty, FQ_UI_FIELD_INTEGER);
    fq_widget *c2 = fq_box_new(nums, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(c2, 1);
    fq_label_new(c2, "Gross kg");
    fq_ui_field_new(c2, g->weight, sizeof g->weight, FQ_UI_FIELD_DECIMAL);
    const char *seg[] = {"Normal", "Tightened", "Reduced"};
    fq_choice_set_selected(fq_choice_new(form, seg, 3, FQ_CHOICE_SEGMENTED), 0);

    fq_widget *media = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    fq_widget *img = fq_image_new(media, g->image_id, 96, 64);
    fq_widget_set_size_mm(img, 24, 16);
    fq_widget *tog = fq_box_new(media, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(tog, 1);
    fq_button_set_checked(fq_button_new(tog, "Pass", FQ_BUTTON_PASS), true);
    fq_button_new(tog, "Fail", FQ_BUTTON_FAIL);

    fq_label_new(list, "Factory representative signature");
    g->canvas = fq_canvas_new(list);
    fq_widget *lights = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_ui_light_new(lights, FQ_UI_LIGHT_GREEN);
    fq_ui_light_new(lights, FQ_UI_LIGHT_YELLOW);
    fq_ui_light_new(lights, FQ_UI_LIGHT_RED);
    fq_ui_light_new(lights, FQ_UI_LIGHT_GREY);

    fq_widget *btns = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_pad_mm(btns, 1.5f);
    fq_widget_set_grow(fq_button_new(btns, "Delete", FQ_BUTTON_DANGER), 1);
    fq_widget_set_grow(fq_button_new(btns, "Photo", FQ_BUTTON_NORMAL), 1);
    fq_widget_set_grow(fq_button_new(btns, "Save finding", FQ_BUTTON_PRIMARY), 1);
}

static int run_size(int w, int h, float dpi)
{
    fq_platform_config pc = {.width_px = w, .height_px = h, .title = "fieldqc gallery"};
    char font_dir[1024];
    const char *src = getenv("FIELDQC_SOURCE_DIR");
    snprintf(font_dir, sizeof font_dir, "%s/assets/fonts", src ? src : ".");
    pc.font_dir = font_dir;
    fq_platform *p = NULL;
    char err[256];
    if (fq_platform_open(&pc, &p, err, sizeof err) != FQ_UI_OK) {
        fprintf(stderr, "gallery: %s\n", err);
        return 1;
    }
    fq_ui_config uc = {.width_px = w, .height_px = h, .dpi = dpi, .osk = true};
    fq_ui *ui = fq_ui_new(&uc, NULL);
    fq_platform_attach(p, ui);
    gallery g;
    memset(&g, 0, sizeof g);
    snprintf(g.name, sizeof g.name, "Li Wei");
    g.image_id = make_image(p);
    build(ui, &g);
    shot(p, ui, "gallery", w, h);

    fq_ui_focus(ui, g.name_field);
    shot(p, ui, "keyboard", w, h);
    fq_ui_focus(ui, g.qty_field);
    shot(p, ui, "numpad", w, h);
    fq_ui_focus(ui, NULL);

    /* signature via the script runner: scroll the canvas into view, draw, toast */
    fq_scroll_to_child(fq_widget_parent(g.canvas), g.canvas);
    fq_ui_layout(ui);
    fq_rect r = fq_widget_rect(g.canvas);
    char script_path[1024];
    snprintf(script_path, sizeof script_path, "%s/sign_%dx%d.txt", out_dir, w, h);
    FILE *f = fopen(script_path, "w");
    if (f) {
        int x0 = r.x + r.w / 8;
        int y0 = r.y + r.h / 2;
        fprintf(f, "# signature stroke\n"
                   "drag %d %d %d %d 300\n"
                   "drag %d %d %d %d 300\n"
                   "wait 100\n",
                x0, y0 + 20, x0 + r.w / 3, y0 - 25, x0 + r.w / 3, y0 - 25, x0 + r.w * 2 / 3, y0 + 15);
        fclose(f);
    }
    fq_ui_toast(ui, "Finding saved \xE2\x80\x94 3 photos attached", FQ_TOAST_OK, 3000);
    if (fq_platform_run_script(p, ui, script_path, out_dir, NULL, NULL) != FQ_UI_OK) {
        fprintf(stderr, "gallery: script: %s\n", fq_platform_errmsg(p));
        failures++;
    }
    if (fq_canvas_stroke_count(g.canvas) != 2) {
        fprintf(stderr, "gallery: expected 2 strokes, got %zu\n", fq_canvas_stroke_count(g.canvas));
        failures++;
    }
    shot(p, ui, "signature", w, h);

    const char *buttons[] = {"Cancel", "Delete"};
    fq_dialog_open(ui, "Delete this photo?", "The photo is removed from finding 3.2. This cannot be undone.", buttons, 2, NULL, NULL);
    shot(p, ui, "dialog", w, h);

    fq_ui_free(ui);
    ui = fq_ui_new(&uc, NULL);
    fq_platform_attach(p, ui);
    fq_ui_set_theme(ui, FQ_THEME_DARK);
    build(ui, &g);
    shot(p, ui, "dark", w, h);
    fq_ui_free(ui);
    fq_platform_close(p);
    return 0;
}

int main(int argc, char **argv)
{
    out_dir = argc > 1 ? argv[1] : getenv("FIELDQC_TEST_TMP");
    if (!out_dir)
        out_dir = ".";
    mkdir(out_dir, 0755);
    int rc = run_size(800, 480, 133.0f);
    rc |= run_size(480, 800, 133.0f);
    rc |= run_size(720, 1280, 267.0f);
    if (rc || failures) {
        fprintf(stderr, "gallery: %d failure(s)\n", failures + rc);
        return 1;
    }
    printf("gallery: all PNGs written to %s\n", out_dir);
    return 0;
}
