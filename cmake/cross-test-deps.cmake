# The unit tests' two dependencies in a cross build (MinGW-w64, scripts/windows.sh), where the
# host's packages cannot serve:
#   GoogleTest    the host's libgtest.a is a Linux library: compiled here for the target from the
#                 sources Debian's libgtest-dev ships (/usr/src/googletest), same version as the host's.
#   nlohmann-json header-only: only its own folder is exposed to the target compiler, through a
#                 link, never the whole of the host's /usr/include (glibc's headers would shadow
#                 MinGW's).
# Both end up as the targets find_package() would give (GTest::gtest, GTest::gtest_main,
# nlohmann_json::nlohmann_json), so tests/unit links them unchanged.
set(ECI_GTEST_SOURCES /usr/src/googletest/googletest CACHE PATH
    "GoogleTest sources compiled for the target of a cross build")
if(NOT EXISTS ${ECI_GTEST_SOURCES}/CMakeLists.txt)
  message(FATAL_ERROR "GoogleTest sources not found in ${ECI_GTEST_SOURCES} (apt-get install libgtest-dev)")
endif()
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
add_subdirectory(${ECI_GTEST_SOURCES} ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
if(NOT TARGET GTest::gtest)  # GoogleTest >= 1.11 defines them itself
  add_library(GTest::gtest ALIAS gtest)
  add_library(GTest::gtest_main ALIAS gtest_main)
endif()

find_path(ECI_NLOHMANN_JSON_INCLUDE nlohmann/json.hpp PATHS /usr/include /usr/local/include
          NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT ECI_NLOHMANN_JSON_INCLUDE)
  message(FATAL_ERROR "nlohmann/json.hpp not found (apt-get install nlohmann-json3-dev)")
endif()
set(ECI_HOST_HEADERS ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${ECI_HOST_HEADERS})
file(CREATE_LINK ${ECI_NLOHMANN_JSON_INCLUDE}/nlohmann ${ECI_HOST_HEADERS}/nlohmann SYMBOLIC)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
                      INTERFACE_INCLUDE_DIRECTORIES ${ECI_HOST_HEADERS})
