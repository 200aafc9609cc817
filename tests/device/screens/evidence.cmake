# Issue 12's "Found" as the inspector sees it (evidence.script), at both orientations; the
# database is checked for what was stored and what was refused.
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_evidence_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/evidence_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/evidence.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/evidence-${size})
    set_tests_properties(screens_evidence_${size} PROPERTIES LABELS ui TIMEOUT 60
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()
