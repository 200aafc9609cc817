# The one file-safety module: durable writes, failure paths leave nothing, sweep rules.
fq_add_test(NAME test_fsio SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_fsio.c LIBS fq_fsio)
# 64-bit time on every build (armhf under qemu-arm included): after 2038-01-19
fq_add_test(NAME test_time64 SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_time64.c LIBS fq_fsio)
