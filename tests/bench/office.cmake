# Office bench (issue 13), figures and ratios only: a day of 50 tablets imported on sqlite and
# on PostgreSQL, the growth of a day's import after a (scaled) year, and the server under wrk
# with an upload. Needs libpq, libmicrohttpd, the postgresql server, wrk, curl and openssl.
# `cmake --build --preset release --target bench_office` (sizes: see office_bench.c).
file(GLOB FQ_BENCH_PG_CTL /usr/lib/postgresql/*/bin/pg_ctl)
if(TARGET fq_office_pg AND TARGET fq_office_serve AND FQ_BENCH_PG_CTL)
  add_executable(office_bench ${CMAKE_CURRENT_LIST_DIR}/office_bench.c)
  target_link_libraries(office_bench PRIVATE fq_office fq_app fq_bundle fq_store fq_fsio
                        PkgConfig::TURBOJPEG)
  if(NOT TARGET bench)
    add_custom_target(bench)
  endif()
  add_custom_target(bench_office
    COMMAND office_bench ${CMAKE_CURRENT_BINARY_DIR}/office-bench-tmp
            ${CMAKE_SOURCE_DIR}/tests/office/pg_cluster.sh $<TARGET_FILE:fieldqc-office>
    DEPENDS office_bench fieldqc-office USES_TERMINAL)
  add_dependencies(bench bench_office)
endif()
