# Report and spreadsheet text hygiene: bidi controls, formula cells.
fq_add_test(NAME test_core_text SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_text.c LIBS fq_core)
# Core's sentences in the catalog a thread hands it (the office's per-request language).
fq_add_test(NAME test_core_tr SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_tr.c LIBS fq_core Threads::Threads)
