# Cross build for Linux arm64 (LibreOffice platform linux_aarch64) with Debian's
# g++-aarch64-linux-gnu. Used by scripts/plateformes.sh:
#
#   bash scripts/sysroot-arm64.sh build-aarch64/sysroot      # arm64 UNO libraries (apt-get download + dpkg -x)
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
#         -DECI_SYSROOT_UNO=$PWD/build-aarch64/sysroot
#
# The add-in links to the arm64 UNO libraries of the sysroot (LO_LIB_DIR); the SDK's headers are
# the host's (the same on every architecture), and cppumaker / unoidl-write and the Python
# generators run on the host. The unit tests run under qemu-aarch64 when it is installed
# (CMAKE_CROSSCOMPILING_EMULATOR), with the cross toolchain's libc and libstdc++.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(ECI_CROSS_TRIPLET aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${ECI_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${ECI_CROSS_TRIPLET}-g++)

# Target libraries only from the cross toolchain's tree; programs (python3, cppumaker) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${ECI_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The arm64 UNO libraries (scripts/sysroot-arm64.sh).
set(ECI_SYSROOT_UNO "" CACHE PATH "Folder where the arm64 UNO .deb packages are unpacked")
if(ECI_SYSROOT_UNO)
  set(LO_LIB_DIR ${ECI_SYSROOT_UNO}/usr/lib/libreoffice/program CACHE PATH "arm64 UNO libraries")
endif()

find_program(ECI_QEMU NAMES qemu-aarch64-static qemu-aarch64 NO_CMAKE_FIND_ROOT_PATH)
if(ECI_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${ECI_QEMU} -L /usr/${ECI_CROSS_TRIPLET})
endif()
