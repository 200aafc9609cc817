# AQL and Cartons tabs: replayed through fieldqc at both orientations, checked in the db
# (plan, tally, lot result, carton in g/mm, valid barcode only) and by screenshots.
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_aql_cartons_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/aql_cartons_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/aql_cartons.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/aql_cartons-${size})
    set_tests_properties(screens_aql_cartons_${size} PROPERTIES LABELS ui TIMEOUT 60
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()

# A Z1.4 order's reduced lot accepted between Ac and Re (issue 19).
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_aql_z14_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/aql_z14_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/aql_z14.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/aql_z14-${size})
    set_tests_properties(screens_aql_z14_${size} PROPERTIES LABELS ui TIMEOUT 60
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()
