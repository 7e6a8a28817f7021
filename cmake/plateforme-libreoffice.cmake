# The LibreOffice platform the add-in is built for, and where that platform's LibreOffice and SDK
# are (included by addin/CMakeLists.txt). README « Construire pour Windows et macOS ».
#
# ECI_PLATEFORME   LibreOffice's platform token (desktop/source/deployment/misc/dp_platform.cxx):
#                  linux_x86_64, linux_aarch64, windows_x86_64, windows_aarch64, macosx_x86_64,
#                  macosx_aarch64. Detected from the compiler's target (CMAKE_SYSTEM_NAME,
#                  CMAKE_SYSTEM_PROCESSOR, CMAKE_OSX_ARCHITECTURES); -DECI_PLATEFORME=... overrides it.
#                  It names the package's folder of the library (<token>/) and goes, as is, into
#                  manifest.xml (platform=) and description.xml (<platform value=>).
#
# Where LibreOffice is, per platform (each one a cache variable; OO_SDK_HOME and OFFICE_HOME are
# also read from the environment, as the SDK's setsdkenv scripts set them):
#                  Linux (Debian)       Windows (official msi)          macOS (official dmg)
#   OFFICE_HOME    /usr/lib/libreoffice C:/Program Files/LibreOffice    /Applications/LibreOffice.app
#   LO_SDK_DIR     $OFFICE_HOME/sdk     $OFFICE_HOME/sdk                $OO_SDK_HOME (the SDK dmg's folder)
#   LO_LIB_DIR     $LO_SDK_DIR/lib      $LO_SDK_DIR/lib (i*.lib)        $OFFICE_HOME/Contents/Frameworks
#   types.rdb      program/             program/                        Contents/Resources/
# LO_LIB_DIR is the only target-specific one: a cross build points it at a sysroot
# (cmake/toolchains/aarch64-linux-gnu.cmake); the headers are the same on every platform and
# cppumaker / unoidl-write run on the build machine.

# ---- the platform token --------------------------------------------------------------------------
set(ECI_PLATEFORMES_CONNUES linux_x86_64 linux_aarch64 windows_x86_64 windows_aarch64 macosx_x86_64 macosx_aarch64)
if(NOT ECI_PLATEFORME)
  set(_proc ${CMAKE_SYSTEM_PROCESSOR})
  if(APPLE AND CMAKE_OSX_ARCHITECTURES)
    list(LENGTH CMAKE_OSX_ARCHITECTURES _n)
    if(NOT _n EQUAL 1)
      message(FATAL_ERROR "One .oxt library per architecture: set CMAKE_OSX_ARCHITECTURES to arm64 or x86_64 "
                          "(not a universal build: LibreOffice picks the library by platform= in manifest.xml)")
    endif()
    set(_proc ${CMAKE_OSX_ARCHITECTURES})
  endif()
  if(WIN32 AND CMAKE_GENERATOR_PLATFORM)  # Visual Studio generators: -A x64 / -A ARM64
    set(_proc ${CMAKE_GENERATOR_PLATFORM})
  endif()
  string(TOLOWER "${_proc}" _proc)
  if(_proc MATCHES "^(x86_64|amd64|x64)$")
    set(_cpu x86_64)
  elseif(_proc MATCHES "^(aarch64|arm64)$")
    set(_cpu aarch64)
  else()
    message(FATAL_ERROR "No LibreOffice platform token for the processor « ${_proc} »: set -DECI_PLATEFORME=...")
  endif()
  if(WIN32)
    set(_os windows)
  elseif(APPLE)
    set(_os macosx)
  elseif(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(_os linux)
  else()
    message(FATAL_ERROR "No LibreOffice platform token for ${CMAKE_SYSTEM_NAME}: set -DECI_PLATEFORME=...")
  endif()
  set(ECI_PLATEFORME_DETECTEE ${_os}_${_cpu})
endif()
set(ECI_PLATEFORME "${ECI_PLATEFORME_DETECTEE}" CACHE STRING
    "LibreOffice platform token of the target (${ECI_PLATEFORMES_CONNUES})")
if(ECI_PLATEFORME MATCHES "^macos_")  # a common misspelling: LibreOffice's token is macosx_
  string(REPLACE "macos_" "macosx_" ECI_PLATEFORME "${ECI_PLATEFORME}")
endif()
if(NOT ECI_PLATEFORME IN_LIST ECI_PLATEFORMES_CONNUES)
  message(FATAL_ERROR "ECI_PLATEFORME=${ECI_PLATEFORME}: not one of ${ECI_PLATEFORMES_CONNUES}")
endif()
message(STATUS "LibreOffice platform of the add-in: ${ECI_PLATEFORME}")

# ---- LibreOffice and its SDK ---------------------------------------------------------------------
# Defaults: the environment's OFFICE_HOME / OO_SDK_HOME, else each platform's usual place.
if(DEFINED ENV{OFFICE_HOME})
  set(_office "$ENV{OFFICE_HOME}")
elseif(WIN32)
  set(_office "C:/Program Files/LibreOffice")
elseif(APPLE)
  set(_office "/Applications/LibreOffice.app")
else()
  set(_office "/usr/lib/libreoffice")
endif()
set(OFFICE_HOME "${_office}" CACHE PATH "LibreOffice installation (OFFICE_HOME of the SDK)")
file(TO_CMAKE_PATH "${OFFICE_HOME}" OFFICE_HOME)
if(DEFINED ENV{OO_SDK_HOME})
  set(_sdk "$ENV{OO_SDK_HOME}")
elseif(APPLE)
  set(_sdk "${OFFICE_HOME}/../LibreOffice_SDK")  # the SDK dmg's folder, copied anywhere: set OO_SDK_HOME
else()
  set(_sdk "${OFFICE_HOME}/sdk")
endif()
set(LO_SDK_DIR "${_sdk}" CACHE PATH "LibreOffice SDK (OO_SDK_HOME)")
file(TO_CMAKE_PATH "${LO_SDK_DIR}" LO_SDK_DIR)
if(APPLE)
  set(LO_LIB_DIR "${OFFICE_HOME}/Contents/Frameworks" CACHE PATH "LibreOffice's UNO libraries to link to")
  set(LO_PROGRAM_DIR "${OFFICE_HOME}/Contents/MacOS" CACHE PATH "LibreOffice's soffice / unopkg")
  set(_rdb_dirs "${OFFICE_HOME}/Contents/Resources")
else()
  set(LO_LIB_DIR "${LO_SDK_DIR}/lib" CACHE PATH "LibreOffice's UNO libraries to link to")
  set(LO_PROGRAM_DIR "${OFFICE_HOME}/program" CACHE PATH "LibreOffice's program/ directory")
  set(_rdb_dirs "${LO_PROGRAM_DIR}")
endif()

# The type libraries of the office (types.rdb: UDK, types/offapi.rdb: office API).
find_file(LO_TYPES_RDB types.rdb HINTS ${_rdb_dirs} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
find_file(LO_OFFAPI_RDB offapi.rdb HINTS ${_rdb_dirs}/types NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT LO_TYPES_RDB OR NOT LO_OFFAPI_RDB OR NOT EXISTS ${LO_SDK_DIR}/include/sal/types.h)
  message(FATAL_ERROR "LibreOffice or its SDK not found (OFFICE_HOME=${OFFICE_HOME}, LO_SDK_DIR=${LO_SDK_DIR}): "
                      "types.rdb=${LO_TYPES_RDB}, offapi.rdb=${LO_OFFAPI_RDB}, include/sal/types.h. "
                      "Debian: apt-get install libreoffice-dev (scripts/setup.sh); elsewhere set OFFICE_HOME and OO_SDK_HOME.")
endif()

# The SDK's tools run on the build machine (never from a cross build's sysroot).
find_program(UNOIDL_WRITE unoidl-write HINTS ${LO_SDK_DIR}/bin NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH REQUIRED)
find_program(CPPUMAKER cppumaker HINTS ${LO_SDK_DIR}/bin NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH REQUIRED)
# They load the office's UNO libraries: on Windows from PATH (program/), on macOS from
# DYLD_LIBRARY_PATH (Contents/Frameworks), as the SDK's setsdkenv scripts arrange.
if(WIN32)
  if(CMAKE_VERSION VERSION_LESS 3.25)
    message(FATAL_ERROR "CMake 3.25 or later is needed on Windows (cmake -E env --modify)")
  endif()
  set(LO_OUTIL ${CMAKE_COMMAND} -E env --modify "PATH=path_list_prepend:${LO_PROGRAM_DIR}" --)
elseif(APPLE)
  set(LO_OUTIL ${CMAKE_COMMAND} -E env "DYLD_LIBRARY_PATH=${OFFICE_HOME}/Contents/Frameworks" --)
else()
  set(LO_OUTIL)
endif()

# The UNO libraries: import libraries on Windows (isal.lib ...), the versioned libraries elsewhere
# (the SDK's lib/ links on Linux, Contents/Frameworks/libuno_*.dylib.3 on macOS, a sysroot's .so.3).
set(_libs_uno sal cppu cppuhelper salhelper)
set(LO_LIBS_UNO)
foreach(lib ${_libs_uno})
  if(WIN32)
    set(_noms i${lib})
  else()
    set(_base uno_${lib})
    if(lib MATCHES "helper$")
      set(_base uno_${lib}gcc3)
    endif()
    set(_noms ${_base} lib${_base}.so.3 lib${_base}.dylib.3 lib${_base}.dylib)
  endif()
  find_library(LO_LIB_${lib} NAMES ${_noms} HINTS ${LO_LIB_DIR} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(NOT LO_LIB_${lib})
    message(FATAL_ERROR "UNO library ${lib} not found in LO_LIB_DIR=${LO_LIB_DIR} (tried ${_noms})")
  endif()
  list(APPEND LO_LIBS_UNO ${LO_LIB_${lib}})
endforeach()

# What the SDK's headers expect of the compiler (odk/settings/settings.mk): the OS macro and the
# C++ bridge of the compiler's ABI (msci: MSVC; gcc3: GCC and clang, macOS included).
if(MSVC)
  set(LO_DEFINITIONS WIN32 WNT _DLL CPPU_ENV=msci)
elseif(APPLE)
  set(LO_DEFINITIONS UNX GCC MACOSX CPPU_ENV=gcc3)
else()
  set(LO_DEFINITIONS UNX GCC LINUX CPPU_ENV=gcc3)
endif()
