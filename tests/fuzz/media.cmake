# libFuzzer target for the JPEG/EXIF input path of fq_media (only with -DFQ_FUZZ=ON and
# CC=clang-14). fq_media's sources are built again here with coverage instrumentation.
# ctest -L fuzz runs it for 20 s, seeded by fuzz_media_seed (small complete JPEGs of every
# subsampling, baseline and progressive, EXIF orientation 1..8: the whole pipeline is fuzzed)
# and the shared photos (cut to 64 KB by -max_len: headers and first scans of real cameras).
file(GLOB FQ_MEDIA_FUZZ_SOURCES ${CMAKE_SOURCE_DIR}/lib/media/*.c)
add_library(fq_media_fuzzlib STATIC ${FQ_MEDIA_FUZZ_SOURCES})
target_link_libraries(fq_media_fuzzlib PUBLIC fq_core fq_fsio PkgConfig::TURBOJPEG m)
target_compile_options(fq_media_fuzzlib PRIVATE -fsanitize=fuzzer-no-link,address,undefined -g)
add_executable(fuzz_media ${CMAKE_CURRENT_LIST_DIR}/fuzz_media.c)
target_compile_options(fuzz_media PRIVATE -fsanitize=fuzzer,address,undefined -g)
target_link_libraries(fuzz_media PRIVATE fq_media_fuzzlib)
target_link_options(fuzz_media PRIVATE -fsanitize=fuzzer,address,undefined)
set(FQ_MEDIA_FUZZ_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/fuzz_media_corpus)
file(MAKE_DIRECTORY ${FQ_MEDIA_FUZZ_CORPUS})
add_executable(fuzz_media_seed ${CMAKE_CURRENT_LIST_DIR}/fuzz_media_seed.c)
target_link_libraries(fuzz_media_seed PRIVATE PkgConfig::TURBOJPEG)
set(FQ_MEDIA_FUZZ_SEEDS ${CMAKE_CURRENT_BINARY_DIR}/fuzz_media_seeds)
file(MAKE_DIRECTORY ${FQ_MEDIA_FUZZ_SEEDS})
add_test(NAME fuzz_media
         COMMAND sh -c "$<TARGET_FILE:fuzz_media_seed> '${FQ_MEDIA_FUZZ_SEEDS}' && $<TARGET_FILE:fuzz_media> -max_total_time=20 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 '${FQ_MEDIA_FUZZ_CORPUS}' '${FQ_MEDIA_FUZZ_SEEDS}' '${FQ_TESTDATA_DIR}/photos'")
set_tests_properties(fuzz_media PROPERTIES LABELS fuzz TIMEOUT 120)
