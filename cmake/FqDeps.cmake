# Third-party libraries. Method per library follows ../PLATFORM notes: SDL2 by its CMake
# config, SDL2_ttf and TurboJPEG by pkg-config (libjpeg-turbo's CMake config needs
# libjpeg-dev too), sqlite3 and zlib by CMake's find modules.
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
# cmocka only for the tests (FQ_BUILD_TESTS): a package build needs the run-time libraries only.
if(FQ_BUILD_TESTS)
  pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
endif()
# libsodium (Debian's libsodium-dev): Ed25519 signatures of bundles, receipts and job packs.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# libcrypto (Debian's libssl-dev): SHA-256 with the CPU's SHA extensions, for every program.
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)
if(FQ_BUILD_UI)
  find_package(SDL2 REQUIRED CONFIG)
  pkg_check_modules(SDL2TTF REQUIRED IMPORTED_TARGET SDL2_ttf)
  # the CJK fallback font through fontconfig (libfontconfig-dev); without it, known paths
  pkg_check_modules(FONTCONFIG IMPORTED_TARGET fontconfig)
  if(NOT FONTCONFIG_FOUND)
    message(WARNING "fontconfig not found: the CJK font is looked for at known paths only")
  endif()
endif()
find_package(Threads REQUIRED)
