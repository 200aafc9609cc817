# The office library and CLI, and the device <-> office chain (bundles, receipts, job packs).
set(FQ_OFFICE_TEST_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(fq_sync_fixture STATIC ${FQ_OFFICE_TEST_DIR}/sync_fixture.c)
target_link_libraries(fq_sync_fixture PUBLIC fq_office fq_app fq_bundle fq_store fq_fsio PkgConfig::TURBOJPEG fq_test_harness
                      SQLite::SQLite3)
target_include_directories(fq_sync_fixture PUBLIC ${FQ_OFFICE_TEST_DIR})

fq_add_test(NAME test_sync_roundtrip SOURCES ${FQ_OFFICE_TEST_DIR}/test_sync_roundtrip.c
            LIBS fq_sync_fixture)
fq_add_test(NAME test_bundle_corrupt SOURCES ${FQ_OFFICE_TEST_DIR}/test_bundle_corrupt.c
            LIBS fq_sync_fixture LABELS slow TIMEOUT 600)
fq_add_test(NAME test_import_crash SOURCES ${FQ_OFFICE_TEST_DIR}/test_import_crash.c
            LIBS fq_sync_fixture SQLite::SQLite3 LABELS slow TIMEOUT 900)
fq_add_test(NAME test_office_cli SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_cli.c
            LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
add_dependencies(test_office_cli fieldqc-office)
# re-stamps page checksums of a tampered bundle, so it reaches the deeper checks
target_include_directories(test_bundle_corrupt PRIVATE ${CMAKE_SOURCE_DIR}/lib/bundle)
fq_add_test(NAME test_office_hostile SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_hostile.c
            LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 120)
add_dependencies(test_office_hostile fieldqc-office)
if(CMAKE_CROSSCOMPILING)
  # it runs fieldqc-office through the shell, which cannot start an ARM binary (no binfmt)
  set_tests_properties(test_office_hostile PROPERTIES DISABLED TRUE)
endif()
# issue 12: the visit report as evidence (reopen reason, superseded sign-offs, refusals,
# unanswered answers, approvals, issue owners, every reason of the order's light)
fq_add_test(NAME test_office_report SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_report.c
            LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 60)
add_dependencies(test_office_report fieldqc-office)
if(CMAKE_CROSSCOMPILING)
  set_tests_properties(test_office_report PROPERTIES DISABLED TRUE)
endif()
fq_add_test(NAME test_office_photos SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_photos.c
            LIBS fq_sync_fixture SQLite::SQLite3 TIMEOUT 120)
fq_add_test(NAME test_sync_split SOURCES ${FQ_OFFICE_TEST_DIR}/test_sync_split.c
            LIBS fq_sync_fixture SQLite::SQLite3 TIMEOUT 120)
# issue 11: forged bundles, receipts and job packs, revoked devices, ranges that must not lock
# a device out, the office key learnt once and changed only by the inspector
fq_add_test(NAME test_sync_trust SOURCES ${FQ_OFFICE_TEST_DIR}/test_sync_trust.c
            LIBS fq_sync_fixture SQLite::SQLite3)
target_include_directories(test_sync_trust PRIVATE ${CMAKE_SOURCE_DIR}/lib/bundle)
# issue 11: ownership, revisions against their base, conflicts, stable checklist ids
fq_add_test(NAME test_ownership SOURCES ${FQ_OFFICE_TEST_DIR}/test_ownership.c
            LIBS fq_sync_fixture SQLite::SQLite3 ARGS $<TARGET_FILE:fieldqc-office>
            LABELS slow TIMEOUT 300)
add_dependencies(test_ownership fieldqc-office)
