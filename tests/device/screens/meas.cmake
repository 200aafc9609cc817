# Measurements and on-site tests (issue 20): specs by job pack, readings on the pad and by a
# caliper typing as a keyboard, the AQL tally, the report (Chromium) and the CSV export, at
# both orientations.
if(TARGET fieldqc AND TARGET fieldqc-office)
  foreach(size 800x480 480x800)
    add_test(NAME screens_meas_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/meas_test.sh ${FQ_FIELDQC_RUN}
              $<TARGET_FILE:fieldqc-office> ${CMAKE_SOURCE_DIR} ${FQ_TESTDATA_DIR}/photos ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/meas-${size})
    set_tests_properties(screens_meas_${size} PROPERTIES LABELS ui TIMEOUT 180
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()
