# Barcode check digits (lib/core/barcode.c) with published codes.
fq_add_test(NAME test_core_barcode SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_barcode.c LIBS fq_core)
