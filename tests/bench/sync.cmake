# Sync bench (issue 6), figures only: export and import of 2,000 records and 200 photos
# against cp of the same bytes, and an unchanged re-export. `cmake --build <dir> --target
# bench_sync` (or `bench`); build Release for real figures.
add_executable(sync_bench ${CMAKE_CURRENT_LIST_DIR}/sync_bench.c)
target_link_libraries(sync_bench PRIVATE fq_office fq_app fq_bundle fq_store fq_media fq_fsio)
if(NOT TARGET bench)
  add_custom_target(bench)
endif()
add_custom_target(bench_sync
  COMMAND sync_bench ${CMAKE_CURRENT_BINARY_DIR}/sync-bench-tmp ${FQ_TESTDATA_DIR}/photos
  DEPENDS sync_bench USES_TERMINAL)
add_dependencies(bench bench_sync)
