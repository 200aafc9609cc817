# Cross toolchain: Debian 12 multiarch arm64 (Raspberry Pi OS 64-bit, Pi 3/4/5, Zero 2 W).
# Host packages: gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user + the -dev libs :arm64
# (.ci/setup.sh --cross). Compiler and search paths only; project options live in presets.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CROSS_TRIPLET aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${CROSS_TRIPLET}-gcc)

# Target libs live in /usr/lib/<triplet> with headers in /usr/include, so the find root is
# the host's / (plus the cross libc) and CMAKE_LIBRARY_ARCHITECTURE picks the arch subdir.
set(CMAKE_LIBRARY_ARCHITECTURE ${CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH /usr/${CROSS_TRIPLET} /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# ctest runs the ARM test binaries through qemu-user (binfmt_misc is not assumed).
# The multiarch arm64 libc (libc6:arm64, which the :arm64 -dev packages bring) is what the
# binaries link against: qemu finds its loader at /lib/ld-linux-aarch64.so.1 on its own. With
# -L /usr/aarch64-linux-gnu (the cross toolchain's libc) a dynamically linked child of fork()
# hung in qemu 7.2, so -L is only the fallback for a machine without the multiarch libc.
if(EXISTS /lib/ld-linux-aarch64.so.1)
  set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
else()
  set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/${CROSS_TRIPLET})
endif()
