# Photo pipeline bench (figures, no assertions): `cmake --build <dir> --target bench_media`
# or the umbrella `bench` target. Build with -DCMAKE_BUILD_TYPE=Release for real figures.
add_executable(media_bench ${CMAKE_CURRENT_LIST_DIR}/media_bench.c)
target_link_libraries(media_bench PRIVATE fq_media)
if(NOT TARGET bench)
  add_custom_target(bench)
endif()
add_custom_target(bench_media
  COMMAND media_bench ${FQ_TESTDATA_DIR}/photos ${CMAKE_CURRENT_BINARY_DIR}/media-bench-tmp
  DEPENDS media_bench USES_TERMINAL)
add_dependencies(bench bench_media)
