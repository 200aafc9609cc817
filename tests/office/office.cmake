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
# issue 16: the office's languages on the catalogs this build compiled
fq_add_test(NAME test_office_lang SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_lang.c
            LIBS fq_office Threads::Threads)
target_compile_definitions(test_office_lang PRIVATE
                           FQ_TEST_LOCALEDIR="${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_LOCALEDIR}")
add_dependencies(test_office_lang fq_locale)
# issue 12: the visit report as evidence (reopen reason, superseded sign-offs, refusals,
# unanswered answers, approvals, issue owners, every reason of the order's light)
fq_add_test(NAME test_office_report SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_report.c
            LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 60)
add_dependencies(test_office_report fieldqc-office)
if(CMAKE_CROSSCOMPILING)
  set_tests_properties(test_office_report PROPERTIES DISABLED TRUE)
endif()
# issue 20: measurement specs by jobs and job pack, readings and tests back, the report's
# tables and measurements.csv / site_tests.csv with the same bytes on both backends
fq_add_test(NAME test_office_meas SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_meas.c
            LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 120)
add_dependencies(test_office_meas fieldqc-office)
if(CMAKE_CROSSCOMPILING)
  set_tests_properties(test_office_meas PROPERTIES DISABLED TRUE)
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

# ---- the same suite on PostgreSQL (issue 13) ----
# When libpq and Debian's postgresql server are there, a fixture starts a throwaway cluster in
# the build tree (Unix socket only; as root through the postgres user) and every office test
# runs a second time as <name>_pg with FIELDQC_TEST_PG_URL set: each test folder gets a fresh
# database of its own (sync_fixture.c). `ctest -L pg` runs only those.
file(GLOB FQ_PG_BINDIRS /usr/lib/postgresql/*/bin)
set(FQ_PG_SERVER OFF)
foreach(d ${FQ_PG_BINDIRS})
  if(EXISTS ${d}/pg_ctl AND EXISTS ${d}/initdb)
    set(FQ_PG_SERVER ON)
  endif()
endforeach()
if(FQ_HAVE_PG AND FQ_PG_SERVER AND NOT CMAKE_CROSSCOMPILING)
  set(FQ_PG_DIR ${CMAKE_BINARY_DIR}/pgtest)
  set(FQ_TEST_PG_URL "postgresql://postgres@/postgres?host=${FQ_PG_DIR}/sock&port=5432")
  add_test(NAME pg_cluster_start
           COMMAND sh ${FQ_OFFICE_TEST_DIR}/pg_cluster.sh start ${FQ_PG_DIR} 5432)
  add_test(NAME pg_cluster_stop COMMAND sh ${FQ_OFFICE_TEST_DIR}/pg_cluster.sh stop ${FQ_PG_DIR})
  set_tests_properties(pg_cluster_start PROPERTIES FIXTURES_SETUP fq_pg LABELS pg TIMEOUT 120)
  set_tests_properties(pg_cluster_stop PROPERTIES FIXTURES_CLEANUP fq_pg LABELS pg)
  # fq_office_pg_twin(test [ARGS a b] [LABELS l] [TIMEOUT s])
  function(fq_office_pg_twin name)
    cmake_parse_arguments(T "" "TIMEOUT" "ARGS;LABELS" ${ARGN})
    add_test(NAME ${name}_pg COMMAND ${name} ${T_ARGS})
    set_tests_properties(${name}_pg PROPERTIES
      ENVIRONMENT "FIELDQC_TESTDATA=${FQ_TESTDATA_DIR};FIELDQC_SOURCE_DIR=${CMAKE_SOURCE_DIR};FIELDQC_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp-${name}_pg;FIELDQC_TEST_PG_URL=${FQ_TEST_PG_URL}"
      FIXTURES_REQUIRED fq_pg LABELS "pg;${T_LABELS}")
    if(T_TIMEOUT)
      set_tests_properties(${name}_pg PROPERTIES TIMEOUT ${T_TIMEOUT})
    endif()
  endfunction()
  fq_office_pg_twin(test_sync_roundtrip)
  fq_office_pg_twin(test_bundle_corrupt LABELS slow TIMEOUT 600)
  fq_office_pg_twin(test_import_crash LABELS slow TIMEOUT 900)
  fq_office_pg_twin(test_office_cli ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
  fq_office_pg_twin(test_office_hostile ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 120)
  fq_office_pg_twin(test_office_photos TIMEOUT 120)
  fq_office_pg_twin(test_office_report ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 60)
  fq_office_pg_twin(test_office_meas ARGS $<TARGET_FILE:fieldqc-office> TIMEOUT 120)
  fq_office_pg_twin(test_sync_split TIMEOUT 120)
  fq_office_pg_twin(test_sync_trust)
  fq_office_pg_twin(test_ownership ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
  # the PostgreSQL schema follows the column maps: an older database gets new columns
  fq_add_test(NAME test_pg_schema SOURCES ${FQ_OFFICE_TEST_DIR}/test_pg_schema.c
              LIBS fq_office SQLite::SQLite3 LABELS pg ENV FIELDQC_TEST_PG_URL=${FQ_TEST_PG_URL})
  set_tests_properties(test_pg_schema PROPERTIES FIXTURES_REQUIRED fq_pg)
else()
  message(STATUS "office tests on PostgreSQL: off (needs libpq-dev and postgresql)")
endif()

# issue 13: device -> laptop -> push over HTTPS (a dropped connection, a killed server) ->
# server on PostgreSQL -> receipt and job pack back; only with the PostgreSQL fixture
if(FQ_HAVE_PG AND FQ_PG_SERVER AND NOT CMAKE_CROSSCOMPILING AND TARGET fq_office_serve
   AND TARGET fq_office_push)
  fq_add_test(NAME test_server_e2e SOURCES ${FQ_OFFICE_TEST_DIR}/test_server_e2e.c
              LIBS fq_sync_fixture Threads::Threads ARGS $<TARGET_FILE:fieldqc-office>
              LABELS pg slow TIMEOUT 600
              ENV FIELDQC_TEST_PG_URL=${FQ_TEST_PG_URL})
  set_tests_properties(test_server_e2e PROPERTIES FIXTURES_REQUIRED fq_pg)
  add_dependencies(test_server_e2e fieldqc-office)
endif()

# issue 13: the progress line of import, push and report (a pseudo-terminal, then a pipe)
fq_add_test(NAME test_office_progress SOURCES ${FQ_OFFICE_TEST_DIR}/test_office_progress.c
            LIBS fq_office)

# issue 13: hostile HTTP against the server (both backends) and the API's pages; it starts
# fieldqc-office itself, which a cross build's ctest cannot (an ARM binary without binfmt)
if(TARGET fq_office_serve AND NOT CMAKE_CROSSCOMPILING)
  fq_add_test(NAME test_serve_hostile SOURCES ${FQ_OFFICE_TEST_DIR}/test_serve_hostile.c
              LIBS fq_sync_fixture ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
  add_dependencies(test_serve_hostile fieldqc-office)
  if(COMMAND fq_office_pg_twin)
    fq_office_pg_twin(test_serve_hostile ARGS $<TARGET_FILE:fieldqc-office> LABELS slow
                      TIMEOUT 300)
  endif()
endif()

# issue 14: the web portal against a served office (both backends): sessions, CSRF, the login
# limit, a buyer's 404s, scripts in user text, the dashboard, a buyer's approval reaching the
# tablet at the next tether, the report and its PDF (chromium when installed)
if(TARGET fq_office_portal)
  fq_add_test(NAME test_portal_form SOURCES ${FQ_OFFICE_TEST_DIR}/test_portal_form.c
              LIBS fq_office_portal)
endif()
if(TARGET fq_office_serve AND NOT CMAKE_CROSSCOMPILING)
  fq_add_test(NAME test_portal SOURCES ${FQ_OFFICE_TEST_DIR}/test_portal.c
              LIBS fq_sync_fixture Threads::Threads ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
  add_dependencies(test_portal fieldqc-office)
  if(COMMAND fq_office_pg_twin)
    fq_office_pg_twin(test_portal ARGS $<TARGET_FILE:fieldqc-office> LABELS slow TIMEOUT 300)
  endif()
endif()
