# fq_ui toolkit (headless, fake text measurer) and the SDL platform under the dummy driver.
fq_add_test(NAME test_ui SOURCES test_ui.c LIBS fq_ui LABELS ui)
