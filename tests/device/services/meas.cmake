# Measurements and on-site tests in the app services (issue 20).
fq_add_test(NAME test_app_meas SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_meas.c
            LIBS fq_app_fixture ARGS ${CMAKE_SOURCE_DIR}/assets)
