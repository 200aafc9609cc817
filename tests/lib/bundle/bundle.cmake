# The bundle format itself: the record list is pinned to the format version, and a newer
# format is refused as newer (not corrupt).
fq_add_test(NAME test_bundle_format SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_bundle_format.c
            LIBS fq_bundle SQLite::SQLite3)
target_include_directories(test_bundle_format PRIVATE ${CMAKE_SOURCE_DIR}/lib/bundle)
fq_add_test(NAME test_bundle_limits SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_bundle_limits.c
            LIBS fq_bundle TIMEOUT 120)
# Signatures: forged content with every checksum recomputed is not trusted, the signer key
# is named, ranges are what the bundle carries, fingerprints.
fq_add_test(NAME test_bundle_sign SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_bundle_sign.c
            LIBS fq_bundle SQLite::SQLite3)
target_include_directories(test_bundle_sign PRIVATE ${CMAKE_SOURCE_DIR}/lib/bundle)
