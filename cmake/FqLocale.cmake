# The message catalogs (issue 16): po/<lang>.po (the device's words, domain fieldqc) and
# po/office/<lang>.po (the portal's and the report's, domain fieldqc-office) compiled by
# msgfmt (-c checks every translation's printf format against its msgid) into the build
# tree's share/locale, the same layout as installed (/usr/share/locale/<lang>/LC_MESSAGES/
# <domain>.mo, Debian's path), so a built program finds them beside its data folder like an
# installed one. fieldqc.mo goes in fieldqc-data: the office reads it too (the names of
# defects, verdicts, visit types in its Chinese reports); fieldqc-office.mo in the office's.
find_program(FQ_MSGFMT msgfmt REQUIRED)
set(FQ_LANGUAGES en zh_CN)
set(FQ_LOCALE_STAGE ${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_LOCALEDIR})
set(FQ_MO_FILES "")
foreach(lang ${FQ_LANGUAGES})
  foreach(cat fieldqc:po:data fieldqc-office:po/office:office)
    string(REPLACE ":" ";" cat ${cat})
    list(GET cat 0 domain)
    list(GET cat 1 dir)
    list(GET cat 2 component)
    set(mo ${FQ_LOCALE_STAGE}/${lang}/LC_MESSAGES/${domain}.mo)
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${FQ_LOCALE_STAGE}/${lang}/LC_MESSAGES
      COMMAND ${FQ_MSGFMT} -c -o ${mo} ${CMAKE_SOURCE_DIR}/${dir}/${lang}.po
      DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/${lang}.po VERBATIM)
    list(APPEND FQ_MO_FILES ${mo})
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES
            COMPONENT ${component})
  endforeach()
endforeach()
add_custom_target(fq_locale ALL DEPENDS ${FQ_MO_FILES})
# po/fieldqc.pot after a change of strings (then msgmerge the .po files; README "Languages")
add_custom_target(pot
  COMMAND sh ${CMAKE_SOURCE_DIR}/po/extract.sh ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/po/fieldqc.pot
  COMMAND msgmerge --quiet --update --no-wrap --no-location --backup=none
          ${CMAKE_SOURCE_DIR}/po/zh_CN.po ${CMAKE_SOURCE_DIR}/po/fieldqc.pot
  COMMAND msgmerge --quiet --update --no-wrap --no-location --backup=none
          ${CMAKE_SOURCE_DIR}/po/en.po ${CMAKE_SOURCE_DIR}/po/fieldqc.pot
  COMMAND sh ${CMAKE_SOURCE_DIR}/po/office/extract.sh ${CMAKE_SOURCE_DIR}
          ${CMAKE_SOURCE_DIR}/po/office/fieldqc-office.pot
  COMMAND msgmerge --quiet --update --no-wrap --no-location --backup=none
          ${CMAKE_SOURCE_DIR}/po/office/zh_CN.po ${CMAKE_SOURCE_DIR}/po/office/fieldqc-office.pot
  COMMAND msgmerge --quiet --update --no-wrap --no-location --backup=none
          ${CMAKE_SOURCE_DIR}/po/office/en.po ${CMAKE_SOURCE_DIR}/po/office/fieldqc-office.pot
  VERBATIM)
