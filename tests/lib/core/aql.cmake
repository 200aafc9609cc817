# AQL engine (lib/core/aql*.c) and the office "aql" command.
fq_add_test(NAME test_aql_tables SOURCES test_aql_tables.c LIBS fq_core)
fq_add_test(NAME test_aql_verdict SOURCES test_aql_verdict.c LIBS fq_core)
fq_add_test(NAME test_aql_switch SOURCES test_aql_switch.c LIBS fq_core)
if(TARGET fieldqc-office)
  # The emulator prefix (qemu for cross builds) is empty on native builds.
  add_test(NAME test_aql_office_cli
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/aql_cli_test.sh
                   ${CMAKE_CROSSCOMPILING_EMULATOR} $<TARGET_FILE:fieldqc-office>)
endif()
