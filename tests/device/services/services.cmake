fq_add_test(NAME test_app_services SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_services.c
            LIBS fq_app fq_store ARGS ${CMAKE_SOURCE_DIR}/assets)
