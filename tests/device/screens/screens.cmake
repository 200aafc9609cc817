# Screens: headless end-to-end flows replayed through the fieldqc executable (dummy video
# driver), checked in the database and by screenshots under the build tree.
if(TARGET fieldqc)
  foreach(size 800x480 480x800 720x1280)
    add_test(NAME screens_flow_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/flow_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/flow.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/flow-${size})
    set_tests_properties(screens_flow_${size} PROPERTIES LABELS "ui;photos" TIMEOUT 60
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy;FIELDQC_TESTDATA=${FQ_TESTDATA_DIR}")
  endforeach()
endif()
if(TARGET fieldqc)
  add_test(NAME screens_kill
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/kill_test.sh ${FQ_FIELDQC_RUN}
            ${CMAKE_CURRENT_SOURCE_DIR}/kill.script ${CMAKE_CURRENT_BINARY_DIR}/kill)
  set_tests_properties(screens_kill PROPERTIES LABELS "ui;slow" TIMEOUT 60
    ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  add_test(NAME screens_kill_typed_note
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/kill_test.sh ${FQ_FIELDQC_RUN}
            ${CMAKE_CURRENT_SOURCE_DIR}/kill_note.script ${CMAKE_CURRENT_BINARY_DIR}/kill-note 2
            "select count(*) from findings where note='Handle glue from a new supplier'")
  set_tests_properties(screens_kill_typed_note PROPERTIES LABELS "ui;slow" TIMEOUT 60
    ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endif()
# A kiosk started on a driver that shows nothing stops with the reason (it ran invisibly).
if(TARGET fieldqc)
  add_test(NAME app_refuses_headless_kiosk
    COMMAND sh -c "rm -rf '${CMAKE_CURRENT_BINARY_DIR}/headless.db'* && ! '${FQ_FIELDQC_RUN}' --db '${CMAKE_CURRENT_BINARY_DIR}/headless.db' 2> '${CMAKE_CURRENT_BINARY_DIR}/headless.err' && grep -q 'shows nothing' '${CMAKE_CURRENT_BINARY_DIR}/headless.err'")
  set_tests_properties(app_refuses_headless_kiosk PROPERTIES LABELS ui TIMEOUT 30
    ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endif()
# Photos (issue 17): 250 photos of a DCIM tree imported at once, view, zoom, swipe, mark-up
# (arrow + label, the original untouched and the copy linked), delete, a photo on a defect
# type and on an issue; at both orientations.
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_photos_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/photos_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/photos.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/photos-${size})
    set_tests_properties(screens_photos_${size} PROPERTIES LABELS "ui;photos" TIMEOUT 120
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy;FIELDQC_TESTDATA=${FQ_TESTDATA_DIR}")
  endforeach()
endif()
# The viewfinder (issue 17) on a recorded 1280x720 MJPEG stream through the camera worker,
# Take photo, and a tablet without a camera; at both orientations.
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_camera_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/camera_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/camera.script
              ${CMAKE_CURRENT_SOURCE_DIR}/camera_none.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/camera-${size})
    set_tests_properties(screens_camera_${size} PROPERTIES LABELS "ui;photos" TIMEOUT 180
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy;FIELDQC_TESTDATA=${FQ_TESTDATA_DIR}")
  endforeach()
endif()
if(TARGET fieldqc)
  add_test(NAME screens_kill_typed_count_title
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/kill_typed_test.sh ${FQ_FIELDQC_RUN}
            ${CMAKE_CURRENT_BINARY_DIR}/kill-typed)
  set_tests_properties(screens_kill_typed_count_title PROPERTIES LABELS "ui;slow" TIMEOUT 90
    ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endif()
# Settings and Office settings (issue 15), both orientations.
if(TARGET fieldqc)
  foreach(size 800x480 480x800)
    add_test(NAME screens_settings_${size}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/settings_test.sh ${FQ_FIELDQC_RUN}
              ${CMAKE_CURRENT_SOURCE_DIR}/settings.script ${size}
              ${CMAKE_CURRENT_BINARY_DIR}/settings-${size})
    set_tests_properties(screens_settings_${size} PROPERTIES LABELS ui TIMEOUT 120
      ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
  endforeach()
endif()
# The tether on a real FAT file system (FUSE fusefat), issue 15.
if(TARGET fieldqc AND TARGET fieldqc-office)
  add_test(NAME tether_fat
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tether_fat_test.sh ${FQ_FIELDQC_RUN}
            $<TARGET_FILE:fieldqc-office> ${CMAKE_CURRENT_BINARY_DIR}/tether-fat)
  set_tests_properties(tether_fat PROPERTIES LABELS ui TIMEOUT 180 SKIP_RETURN_CODE 77
    ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endif()
