# libFuzzer targets for issue 6: the bundle reader and the office CSV reader (only with
# -DFQ_FUZZ=ON and CC=clang-14). Their sources are built again here with coverage and
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION (skips page checksums, the content hash and the
# signature only: mutated bundles must reach the structural checks and the iterators).
# ctest -L fuzz runs each for 15 s; fuzz_bundle starts from seeds written by fuzz_bundle_seed.
set(FQ_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -g
    -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
file(GLOB FQ_BUNDLE_FUZZ_SOURCES ${CMAKE_SOURCE_DIR}/lib/bundle/*.c)
add_library(fq_bundle_fuzzlib STATIC ${FQ_BUNDLE_FUZZ_SOURCES})
target_link_libraries(fq_bundle_fuzzlib PUBLIC fq_core fq_fsio SQLite::SQLite3 ZLIB::ZLIB
                      PkgConfig::SODIUM)
target_compile_options(fq_bundle_fuzzlib PRIVATE ${FQ_FUZZ_FLAGS})
target_compile_definitions(fq_bundle_fuzzlib PRIVATE
                           FQ_BUNDLE_APP_VERSION="fieldqc/${PROJECT_VERSION}")

add_executable(fuzz_bundle ${CMAKE_CURRENT_LIST_DIR}/fuzz_bundle.c)
target_compile_options(fuzz_bundle PRIVATE -fsanitize=fuzzer,address,undefined -g)
target_link_libraries(fuzz_bundle PRIVATE fq_bundle_fuzzlib)
target_link_options(fuzz_bundle PRIVATE -fsanitize=fuzzer,address,undefined)

add_executable(fuzz_bundle_seed ${CMAKE_CURRENT_LIST_DIR}/fuzz_bundle_seed.c)
target_compile_options(fuzz_bundle_seed PRIVATE -fsanitize=address,undefined)
target_link_options(fuzz_bundle_seed PRIVATE -fsanitize=address,undefined)
target_link_libraries(fuzz_bundle_seed PRIVATE fq_bundle_fuzzlib)

add_executable(fuzz_csv ${CMAKE_CURRENT_LIST_DIR}/fuzz_csv.c ${CMAKE_SOURCE_DIR}/office/csv.c)
target_include_directories(fuzz_csv PRIVATE ${CMAKE_SOURCE_DIR}/office)
target_link_libraries(fuzz_csv PRIVATE fq_core)
target_compile_options(fuzz_csv PRIVATE -fsanitize=fuzzer,address,undefined -g)
target_link_options(fuzz_csv PRIVATE -fsanitize=fuzzer,address,undefined)

set(FQ_BUNDLE_FUZZ_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/fuzz_bundle_corpus)
set(FQ_CSV_FUZZ_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/fuzz_csv_corpus)
file(MAKE_DIRECTORY ${FQ_BUNDLE_FUZZ_CORPUS} ${FQ_CSV_FUZZ_CORPUS})
file(WRITE ${FQ_CSV_FUZZ_CORPUS}/seed.csv
     "po_number,buyer,note\r\nPO-1,\"A, B\",\"say \"\"hi\"\"\nnext\"\r\n")
# a reading whose conversion went past the limit a typed number has (found by this fuzzer)
file(WRITE ${FQ_CSV_FUZZ_CORPUS}/converted-past-limit.csv "po_number,unit,value\nPO-1,mm,1111111111111cm\n")
# the documented measurement sheet (issue 20): units, decimals, tolerances
configure_file(${CMAKE_SOURCE_DIR}/docs/measurements.csv ${FQ_CSV_FUZZ_CORPUS}/measurements.csv
               COPYONLY)
add_test(NAME fuzz_bundle
         COMMAND sh -c "$<TARGET_FILE:fuzz_bundle_seed> '${FQ_BUNDLE_FUZZ_CORPUS}' && $<TARGET_FILE:fuzz_bundle> -max_total_time=15 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 '${FQ_BUNDLE_FUZZ_CORPUS}'")
add_test(NAME fuzz_csv
         COMMAND fuzz_csv -max_total_time=15 -max_len=4096 -print_final_stats=1
                 ${FQ_CSV_FUZZ_CORPUS})
set_tests_properties(fuzz_bundle fuzz_csv PROPERTIES LABELS fuzz TIMEOUT 120)
