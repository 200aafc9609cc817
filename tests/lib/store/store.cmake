fq_add_test(NAME test_store_repo SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_repo.c LIBS fq_store)
fq_add_test(NAME test_store_migrate SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_migrate.c
            LIBS fq_store SQLite::SQLite3 ARGS ${CMAKE_SOURCE_DIR}/tests/fixtures/store_v1.sql)
fq_add_test(NAME test_store_crash SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_crash.c
            LIBS fq_store SQLite::SQLite3 LABELS slow TIMEOUT 600)
fq_add_test(NAME test_store_nomem SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_nomem.c
            LIBS fq_store SQLite::SQLite3)
# white box: runs a future migration step list over the v1 fixture (fq_store_open_steps)
target_include_directories(test_store_migrate PRIVATE ${CMAKE_SOURCE_DIR}/lib/store)
fq_add_test(NAME test_store_ownership SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_ownership.c
            LIBS fq_store SQLite::SQLite3)
fq_add_test(NAME test_store_backup SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_backup.c
            LIBS fq_store SQLite::SQLite3)
fq_add_test(NAME test_store_checkpoint SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_store_checkpoint.c
            LIBS fq_store SQLite::SQLite3)
