# The error screen (issue 12): a damaged, a 0-byte, an index-damaged and an unopenable
# database through the real binary at both orientations; backup, damage, restore.
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_error_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/error_test.sh ${FQ_FIELDQC_RUN} ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/error-${size})
    set_tests_properties(screens_error_${size} PROPERTIES LABELS ui TIMEOUT 120
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()
