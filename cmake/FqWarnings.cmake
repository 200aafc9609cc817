# Project-wide compile flags: the warning set of STYLE.md rule 28, hardening and the sanitizer
# option.
# POSIX 2008 for fsync/rename/clock_gettime/getrandom while staying -std=c11.
# 64-bit off_t and time_t on 32-bit armhf too: photos and bundles are sized with int64, and
# a 32-bit time_t wraps on 2038-01-19 (every bundle written after it would be refused).
add_compile_definitions(_POSIX_C_SOURCE=200809L _DEFAULT_SOURCE _FILE_OFFSET_BITS=64 _TIME_BITS=64)
add_compile_options(-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
                    -Wconversion -Wno-sign-conversion -Wpointer-arith -Wvla -Wformat=2)
# fixed-capacity text fields truncate by design (STYLE rule 15); gcc-only option
include(CheckCCompilerFlag)
check_c_compiler_flag(-Wformat-truncation FQ_HAVE_WFORMAT_TRUNCATION)
if(FQ_HAVE_WFORMAT_TRUNCATION)
  add_compile_options(-Wno-format-truncation)
endif()
# No build machine path in any binary (__FILE__ in asserts, debug info): the same source built
# at another path gives the same program, and nothing points into a developer's home.
add_compile_options(-ffile-prefix-map=${CMAKE_SOURCE_DIR}/= -ffile-prefix-map=${CMAKE_BINARY_DIR}/=)
if(FQ_WERROR)
  add_compile_options(-Werror)
endif()
if(FQ_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
# Hardening, as Debian builds its packages (dpkg-buildflags with hardening=+all): stack
# protector, _FORTIFY_SOURCE=2 (checked string/memory calls; it needs optimisation, so only in
# the optimised build types, and not with the sanitizers, which replace those calls), full
# RELRO (relocations read-only, no lazy binding) and position-independent executables.
option(FQ_HARDEN "Hardened build: stack protector, _FORTIFY_SOURCE=2, full RELRO, PIE" ON)
if(FQ_HARDEN)
  add_compile_options(-fstack-protector-strong)
  if(NOT FQ_SANITIZE AND NOT FQ_FUZZ)
    add_compile_definitions($<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:_FORTIFY_SOURCE=2>)
  endif()
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  include(CheckPIESupported)
  check_pie_supported()
  add_link_options(-Wl,-z,relro,-z,now)
endif()
