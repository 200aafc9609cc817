# Report and spreadsheet text hygiene: bidi controls, formula cells.
fq_add_test(NAME test_core_text SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_text.c LIBS fq_core)
