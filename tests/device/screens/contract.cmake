# Screens contracts, headless (app + ui, no platform): handlers never rebuild the tree they
# run in, and building a screen (the AQL step included) writes nothing.
if(TARGET fq_screens)
  fq_add_test(NAME test_screens_contract
              SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_screens_contract.c
              LIBS fq_screens fq_app_fixture fq_ui LABELS ui ARGS ${CMAKE_SOURCE_DIR}/assets)
endif()
