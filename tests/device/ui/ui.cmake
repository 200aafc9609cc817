# fq_ui toolkit (headless, fake text measurer) and the SDL platform under the dummy driver.
fq_add_test(NAME test_ui SOURCES test_ui.c LIBS fq_ui LABELS ui)
# The gallery renders every widget with SDL's dummy driver and writes PNGs into the test's
# tmp dir (build/<dir>/tests/ui/tmp-ui_gallery); look at them after UI changes.
fq_add_test(NAME ui_gallery SOURCES ui_gallery.c LIBS fq_platform_sdl LABELS ui TIMEOUT 120)
fq_add_test(NAME test_platform SOURCES test_platform.c LIBS fq_platform_sdl Threads::Threads LABELS ui TIMEOUT 60)
target_include_directories(test_platform PRIVATE ${CMAKE_SOURCE_DIR}/device/platform)
# The virtual list (issue 18): rows built only in view, scrolling, taps and locating.
fq_add_test(NAME test_ui_vlist SOURCES test_ui_vlist.c LIBS fq_ui LABELS ui)
