# Issue 16: a whole visit in Chinese with pinyin typing, at 800x480 and 480x800. The 800x480
# one also runs under qemu in the cross CI (the Pi's pinyin engine); a sysroot build (armhf)
# finds the engine's dictionary inside the sysroot.
if(TARGET fieldqc AND TARGET fq_ime)
  foreach(size 800x480 480x800)
    add_test(NAME screens_zh_flow_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/zh_flow_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/zh_flow.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/zh-flow-${size})
    set(env "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy;FIELDQC_PINYIN_DICT=${CMAKE_SYSROOT}${FQ_PINYIN_DICT}")
    if(CMAKE_SYSROOT)
      # fontconfig inside the armhf sysroot finds no Chinese font (the sysroot has no font
      # packages): the host's font file, which qemu reads through; a Pi gets its font from the
      # package's Depends (fonts-wqy-microhei | fonts-noto-cjk)
      find_file(FQ_HOST_CJK_FONT NAMES wqy-microhei.ttc NotoSansCJK-Regular.ttc
                PATHS /usr/share/fonts/truetype/wqy /usr/share/fonts/opentype/noto
                NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
      if(FQ_HOST_CJK_FONT)
        list(APPEND env "FIELDQC_CJK_FONT=${FQ_HOST_CJK_FONT}")
      endif()
    endif()
    set_tests_properties(screens_zh_flow_${size} PROPERTIES LABELS ui TIMEOUT 240
      ENVIRONMENT "${env}")
  endforeach()
  # under qemu in both cross builds: the Pi's own pinyin engine and dictionary
  set_tests_properties(screens_zh_flow_800x480 PROPERTIES LABELS ${FQ_SCREENS_QEMU_LABEL})
endif()
