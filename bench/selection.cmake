# Benchmark of the candidate selection (CRITERES): include from bench/CMakeLists.txt with
#   include(${CMAKE_CURRENT_SOURCE_DIR}/selection.cmake)
add_executable(eci_bench_selection ${CMAKE_CURRENT_LIST_DIR}/bench_selection.cpp)
target_link_libraries(eci_bench_selection PRIVATE eci_calc)
