# Dependencies run one way: gui/ -> sim/ -> patterns/ (docs/architecture.md, decision 1).
# Checked at configure time (fatal) and again by a CTest test, so a violation cannot land.
set(DISCOLAB_LAYERING_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/check_layering.cmake)
execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} -P ${DISCOLAB_LAYERING_SCRIPT}
                RESULT_VARIABLE _layering_result)
if(NOT _layering_result EQUAL 0)
  message(FATAL_ERROR "Layering rule broken (see above).")
endif()

# A library of patterns/ may link only patterns/ libraries and header-only Boost.
function(discolab_assert_pattern_links target)
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(_libs ${target} INTERFACE_LINK_LIBRARIES)
  else()
    get_target_property(_libs ${target} LINK_LIBRARIES)
  endif()
  if(NOT _libs)
    return()
  endif()
  foreach(_lib IN LISTS _libs)
    if(NOT _lib MATCHES "^(discolab_runtime|discolab_patterns.*|Boost::headers)$")
      message(FATAL_ERROR "${target} links ${_lib}; patterns/ may link only discolab_runtime and Boost::headers")
    endif()
  endforeach()
endfunction()
