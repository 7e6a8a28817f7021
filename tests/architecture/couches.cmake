# Checks that the layers of the core depend only downwards (run by ctest as eci_couches):
#   core/domaine  may include only the standard library and eci/<domain headers>
#   core/calc     may include the domain and eci/calc/, never UNO
# The include paths already make a violation fail to compile; this check also catches a
# relative include ("../../calc/...") and names the file.
set(ECHECS "")
# verifier(FICHIERS INTERDIT): every #include line of the files matching the INTERDIT regex is a failure.
function(verifier fichiers interdit)
  foreach(f ${fichiers})
    file(STRINGS ${f} lignes REGEX "^[ \t]*#[ \t]*include")
    foreach(l ${lignes})
      if(l MATCHES "${interdit}")
        list(APPEND ECHECS "${f}: ${l}")
      endif()
    endforeach()
  endforeach()
  set(ECHECS ${ECHECS} PARENT_SCOPE)
endfunction()
file(GLOB_RECURSE DOMAINE ${RACINE}/core/domaine/*.cpp ${RACINE}/core/domaine/*.hpp)
file(GLOB_RECURSE CALC ${RACINE}/core/calc/*.cpp ${RACINE}/core/calc/*.hpp)
verifier("${DOMAINE}" "eci/calc/|calc/include|com/sun/star|rtl/|cppu|uno/|osl/")
verifier("${CALC}" "com/sun/star|rtl/|cppu|uno/|osl/|addin/")
if(ECHECS)
  string(REPLACE ";" "\n  " texte "${ECHECS}")
  message(FATAL_ERROR "layer violation(s):\n  ${texte}")
endif()
list(LENGTH DOMAINE nd)
list(LENGTH CALC nc)
message(STATUS "layers: ${nd} domain files, ${nc} function-layer files, no upward include")
