# Order, Photos and Sync screens end to end: photo import (good, truncated, non-JPEG), full
# screen view, export, enrolment with the fingerprint the Sync screen shows, office pull +
# receipt, inbox read and the office key shown, a job pack for another tablet refused, a new
# office key refused, offered and trusted; at both orientations.
if(TARGET fieldqc AND TARGET fieldqc-office)
  foreach(size 800x480 480x800)
    add_test(NAME screens_roundtrip_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/roundtrip_test.sh ${FQ_FIELDQC_RUN}
              $<TARGET_FILE:fieldqc-office> ${CMAKE_CURRENT_SOURCE_DIR}/roundtrip.script
              ${CMAKE_CURRENT_SOURCE_DIR}/roundtrip_inbox.script ${FQ_TESTDATA_DIR}/photos
              ${size} ${CMAKE_CURRENT_BINARY_DIR}/roundtrip-${size})
    set_tests_properties(screens_roundtrip_${size} PROPERTIES LABELS "ui;photos" TIMEOUT 120
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()
