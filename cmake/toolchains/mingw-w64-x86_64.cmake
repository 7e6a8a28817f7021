# Cross build for Windows x86-64 with Debian's MinGW-w64 (g++-mingw-w64-x86-64-posix), tests run
# under Wine. Used by scripts/windows.sh:
#
#   cmake -S . -B build-windows -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake \
#         -DECI_BUILD_ADDIN=OFF
#
# The executables are linked statically (libgcc, libstdc++, winpthread) so that they run under
# Wine, or on Windows, without any MinGW DLL next to them. The UNO add-in is not built this way:
# a LibreOffice component for Windows needs MSVC and the Windows LibreOffice SDK (README,
# « Construire pour Windows et macOS »).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(ECI_MINGW_TRIPLET x86_64-w64-mingw32)
# The "-posix" flavour: std::thread / std::mutex over winpthreads (the "-win32" one lacks them in GCC 12).
set(CMAKE_C_COMPILER ${ECI_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${ECI_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${ECI_MINGW_TRIPLET}-windres)

# Target headers and libraries only from the MinGW sysroot; programs (python3) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${ECI_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# add_test() of an executable target runs it through Wine (ctest in the cross build directory).
find_program(ECI_WINE NAMES wine wine64 PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(ECI_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${ECI_WINE})
endif()
