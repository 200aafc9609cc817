# The one file-safety module: durable writes, failure paths leave nothing, sweep rules.
fq_add_test(NAME test_fsio SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_fsio.c LIBS fq_fsio)
