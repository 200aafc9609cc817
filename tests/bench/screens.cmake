# Screens bench: launch to first frame, Today / checklist redraw and peak RSS on a database
# of 500 orders, 50,000 findings and 5,000 photo records (dummy SDL driver). Figures only.
if(FQ_BUILD_UI AND TARGET fq_screens)
  add_executable(screens_bench screens_bench.c)
  target_link_libraries(screens_bench PRIVATE fq_screens fq_platform_sdl fq_app fq_store)
  if(NOT TARGET bench)
    add_custom_target(bench)
  endif()
  add_custom_target(bench_screens
    COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
            FIELDQC_SOURCE_DIR=${CMAKE_SOURCE_DIR} $<TARGET_FILE:screens_bench> 60
    DEPENDS screens_bench USES_TERMINAL)
  add_dependencies(bench bench_screens)
endif()
