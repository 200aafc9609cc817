/* On-screen keyboard layouts as data, compiled in.
 *
 * Why compiled in rather than assets/keyboards/ text files: the ui may not do I/O, a layout file
 * missing on a device would leave an inspector with no way to type, and the tables are tiny.
 * They are still plain data in the same text format a file would hold, parsed at start-up by
 * keyboard.c, so moving them to files later means only handing the text in.
 *
 * Format: rows separated by '\n', keys by ' '. A key is its output text (its label too), or
 * a {special}; either may end in ":W", a width in key units (default 1; e.g. {space:3},
 * 0:2). Specials: {shift} {bksp} {sym} {abc} {space} {enter} {hide} {left} {right}, and
 * {ime} (pinyin / English) in the _ime layouts used while an input method is set.
 * Rows narrower than the widest row are centred. */
#include "ui_internal.h"

const char *const fq_ui_kb_layout_lower =
    "q w e r t y u i o p\n"
    "a s d f g h j k l\n"
    "{shift:1.5} z x c v b n m {bksp:1.5}\n"
    "{sym:1.5} {hide:1.5} , {space:3} . {enter:2}";

const char *const fq_ui_kb_layout_upper =
    "Q W E R T Y U I O P\n"
    "A S D F G H J K L\n"
    "{shift:1.5} Z X C V B N M {bksp:1.5}\n"
    "{sym:1.5} {hide:1.5} , {space:3} . {enter:2}";

const char *const fq_ui_kb_layout_symbols =
    "1 2 3 4 5 6 7 8 9 0\n"
    "@ # & * ( ) / - : ;\n"
    "{abc:1.5} % + = ' \" ? ! {bksp:1.5}\n"
    "{abc:1.5} {hide:1.5} _ {space:3} . {enter:2}";

const char *const fq_ui_kb_layout_integer =
    "7 8 9 {bksp:1.5}\n"
    "4 5 6 {hide:1.5}\n"
    "1 2 3 {left:0.75} {right:0.75}\n"
    "0:3 {enter:1.5}";

const char *const fq_ui_kb_layout_decimal =
    "7 8 9 {bksp:1.5}\n"
    "4 5 6 {hide:1.5}\n"
    "1 2 3 {left:0.75} {right:0.75}\n"
    "- 0 . {enter:1.5}";

/* With an input method (pinyin): the 中/EN key beside 123, the same letters */
const char *const fq_ui_kb_layout_lower_ime =
    "q w e r t y u i o p\n"
    "a s d f g h j k l\n"
    "{shift:1.5} z x c v b n m {bksp:1.5}\n"
    "{sym:1.3} {ime:1.2} {hide:1.2} , {space:2.8} . {enter:1.5}";

const char *const fq_ui_kb_layout_upper_ime =
    "Q W E R T Y U I O P\n"
    "A S D F G H J K L\n"
    "{shift:1.5} Z X C V B N M {bksp:1.5}\n"
    "{sym:1.3} {ime:1.2} {hide:1.2} , {space:2.8} . {enter:1.5}";

const char *const fq_ui_kb_layout_symbols_ime =
    "1 2 3 4 5 6 7 8 9 0\n"
    "@ # & * ( ) / - : ;\n"
    "{abc:1.5} % + = ' \" ? ! {bksp:1.5}\n"
    "{abc:1.3} {ime:1.2} {hide:1.2} _ {space:2.8} . {enter:1.5}";
