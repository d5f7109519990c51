# Usage: cmake -DSOURCE_DIR=... -DOUTPUT=... -DBASE_VERSION=... -P write_version.cmake
# Writes the version header at build time (not configure time), so a results folder names
# the commit the binary was really built from; rewrites it only when the text changes.
execute_process(COMMAND git describe --always --dirty --abbrev=12
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE _describe OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(_describe)
  set(_version "${BASE_VERSION}+${_describe}")
else()
  set(_version "${BASE_VERSION}")
endif()
set(_text "// Generated at build time by cmake/write_version.cmake: the version results folders record.
#pragma once

namespace discolab {
inline constexpr const char* kVersion = \"${_version}\";
}
")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} _old)
endif()
if(NOT "${_old}" STREQUAL "${_text}")
  file(WRITE ${OUTPUT} "${_text}")
endif()
