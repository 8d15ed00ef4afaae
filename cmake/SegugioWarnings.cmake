# Warnings and sanitizers live on an INTERFACE target that only our own targets
# link, so third-party headers and flags stay untouched.
add_library(segugio_warnings INTERFACE)
target_compile_options(segugio_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${SEGUGIO_WERROR}>:-Werror>)
# GCC 12 at -O3 (Release) reports -Wrestrict on std::string copies inside
# libstdc++'s char_traits.h, where no overlap can occur (GCC bug 105329). The
# warning is still printed; it only stops failing a -Werror build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(segugio_warnings INTERFACE
    $<$<BOOL:${SEGUGIO_WERROR}>:-Wno-error=restrict>)
endif()

add_library(segugio_sanitizers INTERFACE)
if(SEGUGIO_SANITIZE)
  target_compile_options(segugio_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(segugio_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# Fuzzing (clang): the library is instrumented for coverage, and runs under ASan
# and UBSan so that a fuzzer finds memory errors, not only crashes.
if(SEGUGIO_FUZZ)
  target_compile_options(segugio_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(segugio_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
