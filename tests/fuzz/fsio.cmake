# libFuzzer target for fq_fsio's mountinfo reader (the tether's "is the stick mounted" check).
add_executable(fuzz_mountinfo ${CMAKE_CURRENT_LIST_DIR}/fuzz_mountinfo.c
               ${CMAKE_SOURCE_DIR}/lib/fsio/mounts.c)
target_include_directories(fuzz_mountinfo PRIVATE ${CMAKE_SOURCE_DIR}/lib)
target_link_libraries(fuzz_mountinfo PRIVATE fq_fsio fq_core)
target_compile_options(fuzz_mountinfo PRIVATE -fsanitize=fuzzer,address,undefined -g)
target_link_options(fuzz_mountinfo PRIVATE -fsanitize=fuzzer,address,undefined)
set(FQ_MOUNTINFO_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/fuzz_mountinfo_corpus)
file(MAKE_DIRECTORY ${FQ_MOUNTINFO_CORPUS})
file(WRITE ${FQ_MOUNTINFO_CORPUS}/pi
     "22 1 179:2 / / rw,noatime shared:1 - ext4 /dev/mmcblk0p2 rw\n"
     "41 22 8:1 / /media/fieldqc rw master:9 - vfat /dev/sda1 rw,sync\n"
     "42 22 8:17 / /mnt/a\\040b rw - exfat /dev/sdb1 rw\n")
add_test(NAME fuzz_mountinfo
         COMMAND fuzz_mountinfo -max_total_time=10 -max_len=2048 ${FQ_MOUNTINFO_CORPUS})
set_tests_properties(fuzz_mountinfo PROPERTIES LABELS fuzz TIMEOUT 120)
