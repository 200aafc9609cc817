# Sync bundle and office tool tests (issue 6).
set(FQ_SYNC_TEST_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(fq_sync_fixture STATIC ${FQ_SYNC_TEST_DIR}/sync_fixture.c)
target_link_libraries(fq_sync_fixture PUBLIC fq_office fq_bundle fq_store fq_test_harness
                      SQLite::SQLite3)
target_include_directories(fq_sync_fixture PUBLIC ${FQ_SYNC_TEST_DIR}
                           ${CMAKE_SOURCE_DIR}/sync/office ${CMAKE_SOURCE_DIR}/sync/bundle)

fq_add_test(NAME test_sync_roundtrip SOURCES ${FQ_SYNC_TEST_DIR}/test_sync_roundtrip.c
            LIBS fq_sync_fixture)
fq_add_test(NAME test_bundle_corrupt SOURCES ${FQ_SYNC_TEST_DIR}/test_bundle_corrupt.c
            LIBS fq_sync_fixture LABELS slow TIMEOUT 600)
fq_add_test(NAME test_import_crash SOURCES ${FQ_SYNC_TEST_DIR}/test_import_crash.c
            LIBS fq_sync_fixture SQLite::SQLite3 LABELS slow TIMEOUT 900)
fq_add_test(NAME test_office_cli SOURCES ${FQ_SYNC_TEST_DIR}/test_office_cli.c
            LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
add_dependencies(test_office_cli fieldqc-office)
