# The installable plugin SDK (docs/plugins.md, "The SDK"):
#
#   cmake --install build/release --prefix /opt/plexus
#
# installs
#   bin/router                         the stock router (and its `project` / `plugin` scaffold)
#   lib/libplexus_*.a                  the static libraries of the router and the test harness
#   include/plexus-sdk/include/...     the SDK headers (include/plexus/*.h) and the internal
#   include/plexus-sdk/src/**/*.h      headers they include (repository paths, as in the tree)
#   lib/cmake/Plexus/                  the CMake package: find_package(Plexus), Plexus::sdk,
#                                      Plexus::testing, plexus_add_router, plexus_add_plugin_test
#
# The exported libraries are found by walking the link closure of the router's libraries, so a
# library added to the tree later is exported without a change here.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(PLEXUS_SDK_INCLUDE_DIR ${CMAKE_INSTALL_INCLUDEDIR}/plexus-sdk)
set(PLEXUS_CMAKE_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Plexus)

# The project's own targets that `roots` link, directly or not (imported targets excluded).
function(_plexus_link_closure out)
  set(seen "")
  set(queue ${ARGN})
  while(queue)
    list(POP_FRONT queue name)
    if(NOT TARGET "${name}")
      continue()
    endif()
    get_target_property(aliased "${name}" ALIASED_TARGET)
    if(aliased)
      set(name "${aliased}")
    endif()
    get_target_property(imported "${name}" IMPORTED)
    if(imported OR "${name}" IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${name}")
    get_target_property(deps "${name}" INTERFACE_LINK_LIBRARIES)
    get_target_property(type "${name}" TYPE)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(own "${name}" LINK_LIBRARIES)
      if(own)
        list(APPEND deps ${own})
      endif()
    endif()
    foreach(dep IN LISTS deps)
      # Private dependencies of a static library read $<LINK_ONLY:name>.
      string(REGEX REPLACE "^\\$<LINK_ONLY:([^>]*)>$" "\\1" dep "${dep}")
      if(TARGET "${dep}")
        list(APPEND queue "${dep}")
      endif()
    endforeach()
  endwhile()
  set(${out} "${seen}" PARENT_SCOPE)
endfunction()

# Include directories in the tree (the repository root, build directories, llhttp's sources)
# are build-time only; installed, the repository root becomes include/plexus-sdk.
function(_plexus_relocate_includes target)
  foreach(property INTERFACE_INCLUDE_DIRECTORIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES)
    get_target_property(dirs ${target} ${property})
    if(NOT dirs)
      continue()
    endif()
    set(relocated "")
    foreach(dir IN LISTS dirs)
      if(dir MATCHES "^\\$<")
        list(APPEND relocated "${dir}")
      elseif(dir STREQUAL PROJECT_SOURCE_DIR)
        list(APPEND relocated "$<BUILD_INTERFACE:${dir}>" "$<INSTALL_INTERFACE:${PLEXUS_SDK_INCLUDE_DIR}>")
      else()
        list(APPEND relocated "$<BUILD_INTERFACE:${dir}>")
      endif()
    endforeach()
    list(REMOVE_DUPLICATES relocated)
    set_property(TARGET ${target} PROPERTY ${property} "${relocated}")
  endforeach()
endfunction()

set(_plexus_roots plexus_server plexus_testing plexus_telemetry)
set(_plexus_present_roots "")
foreach(root IN LISTS _plexus_roots)
  if(TARGET ${root})
    list(APPEND _plexus_present_roots ${root})
  endif()
endforeach()
_plexus_link_closure(PLEXUS_SDK_TARGETS ${_plexus_present_roots})
foreach(target IN LISTS PLEXUS_SDK_TARGETS)
  _plexus_relocate_includes(${target})
endforeach()

install(TARGETS ${PLEXUS_SDK_TARGETS}
  EXPORT PlexusTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
if(TARGET router)
  install(TARGETS router RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT PlexusTargets NAMESPACE Plexus:: DESTINATION ${PLEXUS_CMAKE_PACKAGE_DIR})

# Headers keep their repository paths ("include/plexus/plugin.h", "src/json/value.h").
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/plexus
  DESTINATION ${PLEXUS_SDK_INCLUDE_DIR}/include FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src
  DESTINATION ${PLEXUS_SDK_INCLUDE_DIR} FILES_MATCHING PATTERN "*.h")

# Plexus::sdk links every exported library but the harness; Plexus::testing adds the harness.
set(PLEXUS_SDK_LINK_TARGETS ${PLEXUS_SDK_TARGETS})
list(REMOVE_ITEM PLEXUS_SDK_LINK_TARGETS plexus_testing)
list(TRANSFORM PLEXUS_SDK_LINK_TARGETS PREPEND "Plexus::")
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/PlexusConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/PlexusConfig.cmake
  INSTALL_DESTINATION ${PLEXUS_CMAKE_PACKAGE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/PlexusConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/PlexusConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/PlexusConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/PlexusRouter.cmake
  DESTINATION ${PLEXUS_CMAKE_PACKAGE_DIR})
