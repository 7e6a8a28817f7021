# macOS only, run after linking the component (cmake -DBIBLIOTHEQUE=<dylib> -P this file): the
# office's UNO libraries are recorded in the component under their own install name, which in an
# official LibreOffice.app is relative (a placeholder @____...URELIB/ in the SDK's settings.mk, or
# @loader_path/); either would be resolved next to the component, in the extension's folder. Each
# one is pointed at soffice's Contents/Frameworks instead (soffice and unopkg are in Contents/MacOS),
# whatever it was.
execute_process(COMMAND otool -L ${BIBLIOTHEQUE} OUTPUT_VARIABLE _liens RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "otool -L ${BIBLIOTHEQUE} failed")
endif()
string(REPLACE "\n" ";" _liens "${_liens}")
foreach(_ligne ${_liens})
  if(_ligne MATCHES "^[ \t]*(@[^ ]*/(libuno_[a-z]+(gcc3)?\\.dylib\\.3)) ")
    set(_ancien ${CMAKE_MATCH_1})
    set(_nouveau "@executable_path/../Frameworks/${CMAKE_MATCH_2}")
    if(NOT _ancien STREQUAL _nouveau)
      message(STATUS "${BIBLIOTHEQUE}: ${_ancien} -> ${_nouveau}")
      execute_process(COMMAND install_name_tool -change ${_ancien} ${_nouveau} ${BIBLIOTHEQUE}
                      RESULT_VARIABLE _rc)
      if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "install_name_tool -change ${_ancien} failed")
      endif()
    endif()
  endif()
endforeach()
# macOS on arm64 runs only signed code, and install_name_tool voids the linker's ad-hoc signature:
# sign again, ad hoc (LibreOffice.app is signed with library validation off, so that extensions'
# libraries load; not verified here, README « Construire pour Windows et macOS »).
execute_process(COMMAND codesign --force --sign - ${BIBLIOTHEQUE} RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "codesign --sign - ${BIBLIOTHEQUE} failed")
endif()
