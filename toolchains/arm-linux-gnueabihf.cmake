# Cross toolchain: Debian 12 armhf (ARMv7-A hard float: Pi 2/3/4 32-bit OS; not ARMv6 Pi
# 1/Zero), built with NEON: Debian's armhf baseline is VFPv3-D16 without NEON, which turns the
# photo pipeline's vector code scalar, and every Pi from the Pi 2 (Cortex-A7) up has
# NEON-VFPv4. Tests run under qemu as a Cortex-A7, the Pi 2's CPU (the oldest this build is
# for). Two ways to find the target libraries:
#  - SYSROOT (cache var or env) pointing at a sysroot made by .ci/make-sysroot.sh armhf DIR;
#    used by CI because armhf multiarch is broken on the package mirror right now;
#  - otherwise Debian multiarch (-dev libs installed as :armhf).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(CROSS_TRIPLET arm-linux-gnueabihf)
set(CMAKE_C_COMPILER ${CROSS_TRIPLET}-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE ${CROSS_TRIPLET})
set(CMAKE_C_FLAGS_INIT "-mfpu=neon-vfpv4")

if(NOT SYSROOT)
  set(SYSROOT "$ENV{SYSROOT}")
endif()
# try_compile() projects re-read this file: forward SYSROOT to them
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SYSROOT)

if(SYSROOT)
  if(NOT EXISTS "${SYSROOT}/usr/lib/${CROSS_TRIPLET}")
    message(FATAL_ERROR "SYSROOT=${SYSROOT} is not an armhf sysroot (.ci/make-sysroot.sh armhf DIR)")
  endif()
  set(CMAKE_SYSROOT ${SYSROOT})
  set(CMAKE_FIND_ROOT_PATH ${SYSROOT})
  set(ENV{PKG_CONFIG_SYSROOT_DIR} ${SYSROOT})
  set(ENV{PKG_CONFIG_LIBDIR} ${SYSROOT}/usr/lib/${CROSS_TRIPLET}/pkgconfig:${SYSROOT}/usr/share/pkgconfig)
  set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -cpu cortex-a7 -L ${SYSROOT})
else()
  set(CMAKE_FIND_ROOT_PATH /usr/${CROSS_TRIPLET} /)
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
  set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
  set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -cpu cortex-a7 -L /usr/${CROSS_TRIPLET})
endif()
set(ENV{PKG_CONFIG_PATH} "")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
