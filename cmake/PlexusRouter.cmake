# CMake functions of the Plexus package (included by PlexusConfig.cmake; docs/plugins.md):
#
#   plexus_add_router(TARGET router            # the executable's name (default: router)
#                     MAIN main.cc             # default: a generated one-line main
#                     PLUGINS plugins/a.cc …   # compiled into the binary (see below)
#                     [ALLOCATOR jemalloc|mimalloc|system]   # default: ${PLEXUS_ALLOCATOR}
#                     [LIBS …])                # more libraries the plugins need
#
#   plexus_add_plugin_test(plugin_tests
#                          SOURCES plugins/a_test.cc …
#                          [ROUTER router]     # the router's plugins, linked into the test
#                          [PLUGINS plugins/b.cc …] [LIBS …])
#
# Plugins register themselves from static initializers (PLEXUS_REGISTER_PLUGIN), so their object
# files must be linked as such: plexus_add_router compiles them into an OBJECT library,
# <TARGET>_plugins, whose objects go into the executable (and into tests given ROUTER) whole; a
# static archive would drop them.
#
# PLEXUS_ALLOCATOR (cache variable): the process's malloc, as Apollo's `global-allocator` feature.
# jemalloc (default on Linux; Debian package libjemalloc-dev, runtime libjemalloc2), mimalloc
# (libmimalloc-dev, runtime libmimalloc2.0) or system (glibc's malloc).
include_guard(GLOBAL)

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(_plexus_default_allocator jemalloc)
else()
  set(_plexus_default_allocator system)
endif()
set(PLEXUS_ALLOCATOR ${_plexus_default_allocator} CACHE STRING
    "malloc of routers built with plexus_add_router: jemalloc, mimalloc or system")
set_property(CACHE PLEXUS_ALLOCATOR PROPERTY STRINGS jemalloc mimalloc system)

# Links `allocator`'s library into `target`, or fails naming the package to install.
function(_plexus_link_allocator target allocator)
  if(allocator STREQUAL "system")
    return()
  elseif(allocator STREQUAL "jemalloc")
    find_library(PLEXUS_JEMALLOC_LIBRARY NAMES jemalloc)
    set(library "${PLEXUS_JEMALLOC_LIBRARY}")
    set(package libjemalloc-dev)
  elseif(allocator STREQUAL "mimalloc")
    find_library(PLEXUS_MIMALLOC_LIBRARY NAMES mimalloc)
    set(library "${PLEXUS_MIMALLOC_LIBRARY}")
    set(package libmimalloc-dev)
  else()
    message(FATAL_ERROR
      "PLEXUS_ALLOCATOR / ALLOCATOR: '${allocator}' is not one of jemalloc, mimalloc, system")
  endif()
  if(NOT library)
    message(FATAL_ERROR
      "plexus_add_router(${target}): allocator ${allocator} not found; install ${package} "
      "(apt-get install ${package}) or configure with -DPLEXUS_ALLOCATOR=system")
  endif()
  # Linked before libc, the library's malloc/free replace glibc's for the whole process.
  target_link_libraries(${target} PRIVATE "${library}")
endfunction()

function(plexus_add_router)
  cmake_parse_arguments(R "" "TARGET;MAIN;ALLOCATOR" "PLUGINS;LIBS" ${ARGN})
  if(R_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "plexus_add_router: unexpected arguments ${R_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT R_TARGET)
    set(R_TARGET router)
  endif()
  if(NOT R_ALLOCATOR)
    set(R_ALLOCATOR ${PLEXUS_ALLOCATOR})
  endif()
  if(NOT R_MAIN)
    set(R_MAIN ${CMAKE_CURRENT_BINARY_DIR}/${R_TARGET}_main.cc)
    file(CONFIGURE OUTPUT ${R_MAIN} CONTENT
      "#include \"include/plexus/main.h\"\nint main(int argc, char** argv) { return plexus::routerMain(argc, argv); }\n")
  endif()

  add_executable(${R_TARGET} ${R_MAIN})
  if(R_PLUGINS)
    add_library(${R_TARGET}_plugins OBJECT ${R_PLUGINS})
    target_link_libraries(${R_TARGET}_plugins PUBLIC Plexus::sdk ${R_LIBS})
    target_link_libraries(${R_TARGET} PRIVATE ${R_TARGET}_plugins)
  endif()
  target_link_libraries(${R_TARGET} PRIVATE Plexus::sdk ${R_LIBS})
  _plexus_link_allocator(${R_TARGET} ${R_ALLOCATOR})
  set_target_properties(${R_TARGET} PROPERTIES PLEXUS_PLUGIN_SOURCES "${R_PLUGINS}")
endfunction()

function(plexus_add_plugin_test name)
  cmake_parse_arguments(T "" "ROUTER" "SOURCES;PLUGINS;LIBS" ${ARGN})
  if(NOT TARGET Plexus::testing)
    message(FATAL_ERROR "plexus_add_plugin_test(${name}): GoogleTest not found (libgtest-dev)")
  endif()
  add_executable(${name} ${T_SOURCES} ${T_PLUGINS})
  if(T_ROUTER)
    get_target_property(plugin_sources ${T_ROUTER} PLEXUS_PLUGIN_SOURCES)
    if(plugin_sources)
      target_link_libraries(${name} PRIVATE ${T_ROUTER}_plugins)
    endif()
  endif()
  target_link_libraries(${name} PRIVATE Plexus::testing GTest::gtest_main ${T_LIBS})
  include(GoogleTest)
  gtest_discover_tests(${name} WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                       DISCOVERY_MODE PRE_TEST)
endfunction()
