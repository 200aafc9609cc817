# Clock plausibility (issue 15): build time, the office's clock, a clock that went back.
fq_add_test(NAME test_clock SOURCES test_clock.c LIBS fq_core)
