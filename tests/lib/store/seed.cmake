fq_add_test(NAME test_store_seed SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_seed.c LIBS fq_store
            ARGS ${CMAKE_SOURCE_DIR}/assets)
