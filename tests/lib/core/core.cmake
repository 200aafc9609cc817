fq_add_test(NAME test_core_lights SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_lights.c LIBS fq_core)
fq_add_test(NAME test_core_civil SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_civil.c LIBS fq_core)
fq_add_test(NAME test_core_evidence SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_evidence.c LIBS fq_core)
