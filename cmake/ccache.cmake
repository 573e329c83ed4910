# ccache, when installed. CCACHE_BASEDIR and CCACHE_NOHASHDIR let a second checkout of the
# repository (another path, e.g. CI's fresh clone) hit the same cache entries.
find_program(PLEXUS_CCACHE ccache)
if(PLEXUS_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=1
      CCACHE_SLOPPINESS=pch_defines,time_macros ${PLEXUS_CCACHE})
  set(CMAKE_C_COMPILER_LAUNCHER ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()
