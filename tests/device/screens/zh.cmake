# Issue 16: a whole visit in Chinese with pinyin typing, at 800x480 and 480x800. The 800x480
# one also runs under qemu in the cross CI (the Pi's pinyin engine); a sysroot build (armhf)
# finds the engine's dictionary inside the sysroot.
if(TARGET fieldqc AND TARGET fq_ime)
  foreach(size 800x480 480x800)
    add_test(NAME screens_zh_flow_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/zh_flow_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/zh_flow.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/zh-flow-${size})
    set_tests_properties(screens_zh_flow_${size} PROPERTIES LABELS ui TIMEOUT 240
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy;FIELDQC_PINYIN_DICT=${CMAKE_SYSROOT}${FQ_PINYIN_DICT}")
  endforeach()
  set_tests_properties(screens_zh_flow_800x480 PROPERTIES LABELS ${FQ_SCREENS_QEMU_LABEL})
endif()
