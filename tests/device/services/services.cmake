fq_add_test(NAME test_app_services SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_services.c
            LIBS fq_app fq_store ARGS ${CMAKE_SOURCE_DIR}/assets)
fq_add_test(NAME test_app_sync SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_sync.c
            LIBS fq_app fq_office ARGS ${CMAKE_SOURCE_DIR}/assets)
fq_add_test(NAME test_app_photos SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_app_photos.c
            LIBS fq_app fq_store fq_fsio PkgConfig::TURBOJPEG LABELS photos
            ARGS ${CMAKE_SOURCE_DIR}/assets)
