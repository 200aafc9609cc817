# photos-big: decodes of 8-20 MP photos; too slow under qemu, so cross runs skip them.
# fq_media tests. test_media_units needs no shared data; the others use the real photos in
# FQ_TESTDATA_DIR (label "photos"; they skip with a message when the photos are absent).
add_library(fq_media_test_util STATIC ${CMAKE_CURRENT_LIST_DIR}/media_test_util.c)
target_link_libraries(fq_media_test_util PUBLIC fq_media fq_test_harness)
fq_add_test(NAME test_media_units SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_media_units.c
            LIBS fq_media fq_media_test_util TIMEOUT 120)
fq_add_test(NAME test_media_photos SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_media_photos.c
            LIBS fq_media fq_media_test_util LABELS photos photos-big TIMEOUT 300)
fq_add_test(NAME test_media_memory SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_media_memory.c
            LIBS fq_media LABELS photos photos-big TIMEOUT 120)
fq_add_test(NAME test_media_caption SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_media_caption.c
            LIBS fq_media fq_media_test_util TIMEOUT 60)
fq_add_test(NAME test_media_limits SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_media_limits.c
            LIBS fq_media fq_media_test_util TIMEOUT 120)
fq_add_test(NAME test_media_camera SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_media_camera.c
            LIBS fq_media fq_media_test_util TIMEOUT 60)
