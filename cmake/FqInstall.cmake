# Install rules (GNUInstallDirs): three components, which CPack turns into Debian packages
# (cmake/FqPackage.cmake):
#   data    the data folder share/fieldqc (checklists, demo data): both programs read it
#   device  fieldqc, its man page, the kiosk unit, /etc/default/fieldqc, the USB stick rule
#   office  fieldqc-office and its man page
# Fonts come from Debian's font packages (fonts-dejavu-core, a CJK font), not from copies.

set(FQ_DOCDIR_DEVICE ${CMAKE_INSTALL_DATADIR}/doc/fieldqc)
set(FQ_DOCDIR_OFFICE ${CMAKE_INSTALL_DATADIR}/doc/fieldqc-office)
set(FQ_DOCDIR_DATA ${CMAKE_INSTALL_DATADIR}/doc/fieldqc-data)

install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/checklists ${CMAKE_SOURCE_DIR}/assets/demo
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fieldqc COMPONENT data)

# man pages with the version filled in, compressed as Debian wants them
foreach(page fieldqc.1 fieldqc-office.1)
  configure_file(${CMAKE_SOURCE_DIR}/packaging/man/${page}
                 ${CMAKE_BINARY_DIR}/man/${page} @ONLY)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/man/${page}.gz
    COMMAND gzip -9nf -k ${CMAKE_BINARY_DIR}/man/${page}
    DEPENDS ${CMAKE_BINARY_DIR}/man/${page} VERBATIM)
  list(APPEND FQ_MAN_GZ ${CMAKE_BINARY_DIR}/man/${page}.gz)
endforeach()
add_custom_target(fq_man ALL DEPENDS ${FQ_MAN_GZ})

if(TARGET fieldqc)
  install(TARGETS fieldqc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT device)
  install(FILES ${CMAKE_BINARY_DIR}/man/fieldqc.1.gz
          DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/systemd/fieldqc-kiosk.service
          DESTINATION lib/systemd/system COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/udev/60-fieldqc-stick.rules
                ${CMAKE_SOURCE_DIR}/packaging/udev/61-fieldqc-backlight.rules
          DESTINATION lib/udev/rules.d COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/systemd/fieldqc-usb-gadget.service
          DESTINATION lib/systemd/system COMPONENT device)
  install(PROGRAMS ${CMAKE_SOURCE_DIR}/packaging/gadget/usb-gadget
          DESTINATION lib/fieldqc COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/polkit/49-fieldqc.rules
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/polkit-1/rules.d COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/tether.md DESTINATION ${FQ_DOCDIR_DEVICE}
          COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/default/fieldqc
          DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/default COMPONENT device)
  install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${FQ_DOCDIR_DEVICE} COMPONENT device)
endif()
install(TARGETS fieldqc-office RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT office)
install(FILES ${CMAKE_BINARY_DIR}/man/fieldqc-office.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT office)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/lib/bundle/FORMAT.md
        DESTINATION ${FQ_DOCDIR_OFFICE} COMPONENT office)
