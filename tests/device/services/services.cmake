# The app on a fresh demo database, shared by the app and screen contract tests.
add_library(fq_app_fixture STATIC ${CMAKE_CURRENT_LIST_DIR}/app_fixture.c)
target_link_libraries(fq_app_fixture PUBLIC fq_app fq_store fq_test_harness)
target_include_directories(fq_app_fixture PUBLIC ${CMAKE_CURRENT_LIST_DIR})
fq_add_test(NAME test_app_services SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_services.c
            LIBS fq_app_fixture ARGS ${CMAKE_SOURCE_DIR}/assets)
fq_add_test(NAME test_app_sync SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_sync.c
            LIBS fq_app fq_office ARGS ${CMAKE_SOURCE_DIR}/assets)
fq_add_test(NAME test_app_photos SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_photos.c
            LIBS fq_app_fixture fq_fsio PkgConfig::TURBOJPEG LABELS photos
            ARGS ${CMAKE_SOURCE_DIR}/assets)
fq_add_test(NAME test_app_words SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_words.c
            LIBS fq_app_fixture ARGS ${CMAKE_SOURCE_DIR}/assets
            ENV "FIELDQC_LOCALEDIR=${FQ_LOCALE_STAGE}")
# The Today read model paged (issue 18).
fq_add_test(NAME test_app_today SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_today.c
            LIBS fq_app_fixture ARGS ${CMAKE_SOURCE_DIR}/assets)
