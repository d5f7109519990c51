# One library per folder ("module"), each with its own short CMakeLists.txt:
#
#   discolab_module(patterns registry DEPENDS discolab_patterns_health)
#
# builds discolab_<layer>_<name> from the folder's *.cpp (an INTERFACE library when it has
# none), a Catch2 executable from tests/<layer>/<name>/**/*_test.cpp registered with CTest,
# and a Google Benchmark program from tests/bench/<layer>/<name>/*_bench.cpp. A module of the
# patterns layer may link only patterns modules and header-only Boost (docs/architecture.md,
# decision 1).
function(discolab_module layer name)
  cmake_parse_arguments(ARG "" "" "DEPENDS" ${ARGN})
  set(target discolab_${layer}_${name})
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(_sources)
    add_library(${target} STATIC ${_sources})
    target_link_libraries(${target} PUBLIC ${ARG_DEPENDS})
  else()
    add_library(${target} INTERFACE)
    target_link_libraries(${target} INTERFACE ${ARG_DEPENDS})
  endif()
  if(layer STREQUAL "patterns")
    discolab_assert_pattern_links(${target})
    set_property(GLOBAL APPEND PROPERTY DISCOLAB_PATTERN_SOURCES ${_sources})
  endif()
  set_property(GLOBAL APPEND PROPERTY DISCOLAB_${layer}_MODULES ${target})
  discolab_module_tests(${layer} ${name} ${target})
endfunction()

# Tests and benchmarks of one module; also used for patterns/core (discolab_runtime).
function(discolab_module_tests layer name target)
  if(DISCOLAB_TESTS)
    file(GLOB_RECURSE _tests CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/${layer}/${name}/*_test.cpp)
    if(_tests)
      add_executable(${target}_tests ${_tests})
      target_link_libraries(${target}_tests PRIVATE ${target} discolab_catch_main Catch2::Catch2)
      target_include_directories(${target}_tests PRIVATE ${PROJECT_SOURCE_DIR})
      target_compile_definitions(${target}_tests PRIVATE DISCOLAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
      if(name STREQUAL "cli")  # end-to-end tests run the real executable
        target_compile_definitions(${target}_tests PRIVATE DISCOLAB_BINARY="$<TARGET_FILE:discolab>")
        add_dependencies(${target}_tests discolab)
      endif()
      catch_discover_tests(${target}_tests TEST_PREFIX "${layer}/${name}: " EXTRA_ARGS --warn NoTests
                           PROPERTIES TIMEOUT 900)
    endif()
  endif()
  if(DISCOLAB_BENCHMARKS)
    file(GLOB _benches CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/bench/${layer}/${name}/*_bench.cpp)
    if(_benches)
      add_executable(${target}_bench ${_benches})
      target_link_libraries(${target}_bench PRIVATE ${target} benchmark::benchmark_main)
      target_include_directories(${target}_bench PRIVATE ${PROJECT_SOURCE_DIR})
      set_target_properties(${target}_bench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
    endif()
  endif()
endfunction()

# Every folder below the current one that has a CMakeLists.txt is a module.
macro(discolab_add_module_folders)
  file(GLOB _children LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/*)
  foreach(_child IN LISTS _children)
    if(IS_DIRECTORY ${_child} AND EXISTS ${_child}/CMakeLists.txt)
      add_subdirectory(${_child})
    endif()
  endforeach()
endmacro()
