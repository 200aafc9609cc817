# Debian packages with CPack (cpack -G DEB, or the package presets), one per install component
# of cmake/FqInstall.cmake:
#   fieldqc-data    (Architecture: all) the data folder /usr/share/fieldqc
#   fieldqc         the app, its man page, the kiosk unit, the USB stick udev rule and
#                   /etc/default/fieldqc (a conffile); maintainer scripts make the fieldqc user
#                   and enable the kiosk (packaging/debian/fieldqc.{postinst,prerm,postrm})
#   fieldqc-office  the office tool and its man page
# Version: the project's, with the Debian revision of the top entry of packaging/debian/changelog.
# Depends: dpkg-shlibdeps on the binaries, plus what SDL loads at run time on kmsdrm (EGL, GLES,
# GBM, Mesa's DRI drivers), Debian's fonts (the app reads them from /usr/share/fonts) and the
# data package of the same version.
# Cross builds: dpkg-shlibdeps is told the target architecture (DEB_HOST_ARCH: it then searches
# /usr/lib/<triplet> and uses <triplet>-objdump). arm64 finds the :arm64 libraries of the host's
# dpkg database (multiarch); a sysroot build (armhf) uses the sysroot's libraries (-l) and a
# copy of its dpkg database whose file lists name them as the host sees them
# (cmake/fq_sysroot_admindir.sh, at cpack time).
# The packages want CMAKE_INSTALL_PREFIX=/usr (the package presets and the cross presets).

set(FQ_DEB_MAINTAINER "fieldqc maintainers <maintainers@users.noreply.b-seed-4bafe16b.example>"
    CACHE STRING "Maintainer field of the Debian packages")

# Debian revision: "fieldqc (0.1.0-1) unstable; ..." on the changelog's first line.
set(FQ_DEB_CHANGELOG ${CMAKE_SOURCE_DIR}/packaging/debian/changelog)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${FQ_DEB_CHANGELOG})
file(STRINGS ${FQ_DEB_CHANGELOG} _fq_top LIMIT_COUNT 1)
if(_fq_top MATCHES "^fieldqc \\(([^)-]+)-([^)]+)\\)")
  set(FQ_DEB_REVISION ${CMAKE_MATCH_2})
  if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
    message(WARNING "packaging/debian/changelog starts with ${CMAKE_MATCH_1}, the project is "
                    "${PROJECT_VERSION}: add a changelog entry before making packages")
  endif()
else()
  message(FATAL_ERROR "packaging/debian/changelog: no 'fieldqc (VERSION-REVISION)' first line")
endif()
set(FQ_DEB_VERSION ${PROJECT_VERSION}-${FQ_DEB_REVISION})

# The Debian architecture: dpkg's own on a native build (right on a 32-bit Pi OS with a 64-bit
# kernel too), the toolchain's target on a cross build.
if(CMAKE_CROSSCOMPILING)
  set(_fq_arch_of_aarch64-linux-gnu arm64)
  set(_fq_arch_of_arm-linux-gnueabihf armhf)
  set(_fq_arch_of_x86_64-linux-gnu amd64)
  set(_fq_arch_of_i386-linux-gnu i386)
  set(FQ_DEB_ARCH "${_fq_arch_of_${CMAKE_LIBRARY_ARCHITECTURE}}")
  if(NOT FQ_DEB_ARCH)
    message(WARNING "no Debian architecture known for ${CMAKE_LIBRARY_ARCHITECTURE}: no packages")
  endif()
else()
  find_program(FQ_DPKG dpkg)
  if(FQ_DPKG)
    execute_process(COMMAND ${FQ_DPKG} --print-architecture OUTPUT_VARIABLE FQ_DEB_ARCH
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
  endif()
endif()

# /usr/share/doc/<package>: copyright (DEP-5) and changelog.Debian.gz in every package
# (gzip -9n: no name or time stamp, the same bytes on every build).
set(FQ_DEB_STAGE ${CMAKE_BINARY_DIR}/debian)
add_custom_command(OUTPUT ${FQ_DEB_STAGE}/changelog.Debian.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${FQ_DEB_STAGE}
  COMMAND ${CMAKE_COMMAND} -E copy ${FQ_DEB_CHANGELOG} ${FQ_DEB_STAGE}/changelog.Debian
  COMMAND gzip -9nf ${FQ_DEB_STAGE}/changelog.Debian
  DEPENDS ${FQ_DEB_CHANGELOG} VERBATIM)
add_custom_target(fq_deb_changelog ALL DEPENDS ${FQ_DEB_STAGE}/changelog.Debian.gz)
foreach(comp_dir data:${FQ_DOCDIR_DATA} device:${FQ_DOCDIR_DEVICE} office:${FQ_DOCDIR_OFFICE})
  string(REPLACE ":" ";" comp_dir ${comp_dir})
  list(GET comp_dir 0 comp)
  list(GET comp_dir 1 dir)
  if(comp STREQUAL "device" AND NOT TARGET fieldqc)
    continue()
  endif()
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/debian/copyright
                ${FQ_DEB_STAGE}/changelog.Debian.gz
          DESTINATION ${dir} COMPONENT ${comp})
  # lintian overrides, named after the package (the doc folder's name)
  get_filename_component(pkg ${dir} NAME)
  file(WRITE ${FQ_DEB_STAGE}/lintian/${pkg}
    "# Not made for the Debian archive: there is no ITP bug for a first upload to close.\n"
    "initial-upload-closes-no-bugs\n")
  install(FILES ${FQ_DEB_STAGE}/lintian/${pkg}
          DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides COMPONENT ${comp})
endforeach()

# The app's maintainer scripts and conffiles, under the names dpkg wants.
set(FQ_DEB_CONTROL ${FQ_DEB_STAGE}/device)
foreach(script postinst prerm postrm)
  configure_file(${CMAKE_SOURCE_DIR}/packaging/debian/fieldqc.${script}
                 ${FQ_DEB_CONTROL}/${script} COPYONLY)
endforeach()
file(WRITE ${FQ_DEB_CONTROL}/conffiles "${CMAKE_INSTALL_FULL_SYSCONFDIR}/default/fieldqc\n")

set(CPACK_PACKAGE_NAME fieldqc)
set(CPACK_PACKAGE_VENDOR "The fieldqc authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${FQ_DEB_MAINTAINER}")
# (no CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put it before each package's own summary)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON) # the toolchain's strip (CMAKE_STRIP), so the cross one when cross
set(CPACK_COMPONENTS_ALL data device office)
if(NOT TARGET fieldqc)
  set(CPACK_COMPONENTS_ALL data office)
endif()
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${FQ_DEB_REVISION})
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${FQ_DEB_ARCH})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${FQ_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_DATA_PACKAGE_NAME fieldqc-data)
set(CPACK_DEBIAN_DATA_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DATA_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_DATA_DESCRIPTION "checklists and demo data of the fieldqc inspection programs
The data folder of fieldqc, the touchscreen inspection app, and of
fieldqc-office, the office tool: the checklist of every visit type and the
demo orders. Both programs find it at /usr/share/fieldqc.")

set(CPACK_DEBIAN_DEVICE_PACKAGE_NAME fieldqc)
set(CPACK_DEBIAN_DEVICE_PACKAGE_SECTION misc)
# Run time, not seen by dpkg-shlibdeps: SDL's kmsdrm video driver dlopens EGL (libglvnd with
# Mesa's EGL vendor), GBM and GLES 2, and Mesa loads its DRI driver (vc4/v3d on a Pi) from
# libgl1-mesa-dri. Fonts: DejaVu Sans and a CJK fallback from their Debian packages (found
# through fontconfig, which dpkg-shlibdeps adds as libfontconfig1).
# adduser: the postinst makes the fieldqc user (deb-systemd-helper is Essential).
string(JOIN ", " CPACK_DEBIAN_DEVICE_PACKAGE_DEPENDS "fieldqc-data (= ${FQ_DEB_VERSION})"
       libegl1 libegl-mesa0 libgbm1 libgles2 libgl1-mesa-dri
       fonts-dejavu-core "fonts-wqy-microhei | fonts-noto-cjk" adduser)
# a Pi CSI camera is reached through libcamera's V4L2 layer (FIELDQC_LIBCAMERA=1)
set(CPACK_DEBIAN_DEVICE_PACKAGE_SUGGESTS libcamera-v4l2)
set(CPACK_DEBIAN_DEVICE_PACKAGE_CONTROL_EXTRA ${FQ_DEB_CONTROL}/postinst ${FQ_DEB_CONTROL}/prerm
    ${FQ_DEB_CONTROL}/postrm ${FQ_DEB_CONTROL}/conffiles)
set(CPACK_DEBIAN_DEVICE_DESCRIPTION "offline factory inspection app for a Raspberry Pi touchscreen
fieldqc records what a buyer-side quality inspector finds on a factory floor:
checkpoint findings, production counts, ISO 2859-1 AQL samples, cartons, open
issues, photos and sign-offs, with no network. Work goes to the office as
bundles on a USB stick.
.
The package makes the device a kiosk: fieldqc-kiosk.service runs the app full
screen on tty1 with SDL's kmsdrm driver (no X) as the system user fieldqc,
restarts it after any exit and is enabled at boot; its options are in
/etc/default/fieldqc. A USB stick labelled FIELDQC is mounted at
/media/fieldqc while it is plugged in.")

set(CPACK_DEBIAN_OFFICE_PACKAGE_NAME fieldqc-office)
set(CPACK_DEBIAN_OFFICE_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_OFFICE_PACKAGE_DEPENDS "fieldqc-data (= ${FQ_DEB_VERSION})")
# the portal's PDF is printed by chromium, and a Chinese report needs a CJK font for it
# (issue 16: fontconfig finds it; the HTML pages use the reader's own fonts)
string(JOIN ", " CPACK_DEBIAN_OFFICE_PACKAGE_RECOMMENDS chromium "fonts-wqy-microhei | fonts-noto-cjk")
set(CPACK_DEBIAN_OFFICE_DESCRIPTION "office tool for fieldqc inspection bundles
fieldqc-office is the office side of fieldqc, the touchscreen inspection
app: it verifies and imports the bundles the devices export to a USB stick,
acknowledges them, hands down the next visits as job packs, and turns visits
into static HTML reports and CSV files. Its database is a sqlite file on a
laptop or PostgreSQL on the office server, which serves an HTTPS API for the
laptops that forward their bundles and for scripts.")

# Cross builds: what dpkg-shlibdeps needs is set in cpack's environment when it runs.
set(FQ_CPACK_PROJECT_CONFIG ${CMAKE_BINARY_DIR}/CPackProjectConfig.cmake)
set(FQ_CPACK_ENV "")
if(CMAKE_CROSSCOMPILING AND FQ_DEB_ARCH)
  string(APPEND FQ_CPACK_ENV "set(ENV{DEB_HOST_ARCH} \"${FQ_DEB_ARCH}\")\n")
  if(CMAKE_OBJDUMP)
    string(APPEND FQ_CPACK_ENV "set(ENV{OBJDUMP} \"${CMAKE_OBJDUMP}\")\n")
  endif()
  if(CMAKE_SYSROOT)
    set(_fq_triplet ${CMAKE_LIBRARY_ARCHITECTURE})
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_SYSROOT}/lib/${_fq_triplet}
        ${CMAKE_SYSROOT}/usr/lib/${_fq_triplet} ${CMAKE_SYSROOT}/lib ${CMAKE_SYSROOT}/usr/lib)
    set(_fq_admindir ${CMAKE_BINARY_DIR}/dpkg-sysroot-admindir)
    string(APPEND FQ_CPACK_ENV
      "execute_process(COMMAND sh \"${CMAKE_SOURCE_DIR}/cmake/fq_sysroot_admindir.sh\" "
      "\"${CMAKE_SYSROOT}\" \"${_fq_admindir}\" RESULT_VARIABLE _fq_rc)\n"
      "if(NOT _fq_rc EQUAL 0)\n"
      "  message(FATAL_ERROR \"no dpkg database for the sysroot ${CMAKE_SYSROOT}\")\n"
      "endif()\n"
      "set(ENV{DPKG_ADMINDIR} \"${_fq_admindir}\")\n")
  endif()
endif()
file(WRITE ${FQ_CPACK_PROJECT_CONFIG}
  "# Written by cmake/FqPackage.cmake; cpack reads it when it runs.\n"
  "if(CPACK_GENERATOR STREQUAL \"DEB\")\n${FQ_CPACK_ENV}endif()\n")
set(CPACK_PROJECT_CONFIG_FILE ${FQ_CPACK_PROJECT_CONFIG})

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "Debian packages want CMAKE_INSTALL_PREFIX=/usr (this build: "
                 "${CMAKE_INSTALL_PREFIX}); use a package preset")
endif()
include(CPack)
