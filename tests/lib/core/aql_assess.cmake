# A visit's AQL plan (lib/core/aql_assess.c): default plan, assessment, lot result.
fq_add_test(NAME test_aql_assess SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_aql_assess.c LIBS fq_core)
