# libFuzzer target for issue 13: the server's request parsing and the JSON member reader;
# issue 14: the portal's form bodies and account names.
add_executable(fuzz_serve ${CMAKE_CURRENT_LIST_DIR}/fuzz_serve.c
               ${CMAKE_SOURCE_DIR}/office/serve/route.c ${CMAKE_SOURCE_DIR}/office/portal/form.c
               ${CMAKE_SOURCE_DIR}/office/ostore.c
               ${CMAKE_SOURCE_DIR}/office/ostore_sqlite.c ${CMAKE_SOURCE_DIR}/office/ostore_generic.c
               ${CMAKE_SOURCE_DIR}/lib/core/json_read.c)
target_include_directories(fuzz_serve PRIVATE ${CMAKE_SOURCE_DIR})
target_link_libraries(fuzz_serve PRIVATE fq_store fq_core)
target_compile_options(fuzz_serve PRIVATE -fsanitize=fuzzer,address,undefined -g)
target_link_options(fuzz_serve PRIVATE -fsanitize=fuzzer,address,undefined)
set(FQ_SERVE_FUZZ_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/fuzz_serve_corpus)
file(MAKE_DIRECTORY ${FQ_SERVE_FUZZ_CORPUS})
file(WRITE ${FQ_SERVE_FUZZ_CORPUS}/path "/api/v1/devices/tab-1/receipt")
file(WRITE ${FQ_SERVE_FUZZ_CORPUS}/form "csrf=00ff&name=anna&password=a%20b+c%2B&comment=%3Cscript%3E&&x")
file(WRITE ${FQ_SERVE_FUZZ_CORPUS}/json
     "Bearer fqt_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n{\"uuid\":\"a\",\"revision\":3,\"_base\":{\"revision\":2},\"_changed\":\"note\",\"note\":\"x\\u00e9\\ud83d\\ude00\"}")
add_test(NAME fuzz_serve
         COMMAND fuzz_serve -max_total_time=15 -max_len=4096 -print_final_stats=1
                 ${FQ_SERVE_FUZZ_CORPUS})
set_tests_properties(fuzz_serve PROPERTIES LABELS fuzz TIMEOUT 120)
