# The device app's message catalogs (issue 16): po/<lang>.po compiled by msgfmt (-c checks
# every translation's printf format against its msgid) into the build tree's share/locale,
# the same layout as installed (/usr/share/locale/<lang>/LC_MESSAGES/fieldqc.mo, Debian's
# path), so a built fieldqc finds them beside its data folder like an installed one.
find_program(FQ_MSGFMT msgfmt REQUIRED)
set(FQ_LANGUAGES en zh_CN)
set(FQ_LOCALE_STAGE ${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_LOCALEDIR})
set(FQ_MO_FILES "")
foreach(lang ${FQ_LANGUAGES})
  set(mo ${FQ_LOCALE_STAGE}/${lang}/LC_MESSAGES/fieldqc.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FQ_LOCALE_STAGE}/${lang}/LC_MESSAGES
    COMMAND ${FQ_MSGFMT} -c -o ${mo} ${CMAKE_SOURCE_DIR}/po/${lang}.po
    DEPENDS ${CMAKE_SOURCE_DIR}/po/${lang}.po VERBATIM)
  list(APPEND FQ_MO_FILES ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES
          COMPONENT device)
endforeach()
add_custom_target(fq_locale ALL DEPENDS ${FQ_MO_FILES})
# po/fieldqc.pot after a change of strings (then msgmerge the .po files; README "Languages")
add_custom_target(pot
  COMMAND sh ${CMAKE_SOURCE_DIR}/po/extract.sh ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/po/fieldqc.pot
  COMMAND msgmerge --quiet --update --no-wrap --no-location --backup=none
          ${CMAKE_SOURCE_DIR}/po/zh_CN.po ${CMAKE_SOURCE_DIR}/po/fieldqc.pot
  COMMAND msgmerge --quiet --update --no-wrap --no-location --backup=none
          ${CMAKE_SOURCE_DIR}/po/en.po ${CMAKE_SOURCE_DIR}/po/fieldqc.pot
  VERBATIM)
