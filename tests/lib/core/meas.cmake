# Measurement tolerance rules (lib/core/meas.c): inclusive limits, asymmetric tolerances,
# units and conversions, parsing typed and gauge-typed readings, defective units per severity.
fq_add_test(NAME test_core_meas SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_meas.c LIBS fq_core)
