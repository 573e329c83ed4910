add_compile_options(-Wall -Wextra -Wno-unused-parameter)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false positives on std::variant / std::string in optimized builds.
  add_compile_options(-Wno-maybe-uninitialized -Wno-stringop-overflow -Wno-restrict)
endif()
