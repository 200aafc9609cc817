# UI redraw bench (dummy SDL driver, software renderer): prints figures, asserts nothing.
if(FQ_BUILD_UI)
  add_executable(ui_bench ui_bench.c)
  target_link_libraries(ui_bench PRIVATE fq_platform_sdl)
  if(NOT TARGET bench)
    add_custom_target(bench)
  endif()
  add_custom_target(bench_ui
    COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=dummy FIELDQC_SOURCE_DIR=${CMAKE_SOURCE_DIR}
            $<TARGET_FILE:ui_bench> 800 480 60
    COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=dummy FIELDQC_SOURCE_DIR=${CMAKE_SOURCE_DIR}
            $<TARGET_FILE:ui_bench> 480 800 60
    DEPENDS ui_bench USES_TERMINAL)
  add_dependencies(bench bench_ui)
endif()
