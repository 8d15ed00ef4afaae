# libedit (line editing and history for segugio-search's interactive prompt):
# wrap it as the IMPORTED target Libedit::libedit. Its readline-compatible
# header is <editline/readline.h>.
find_path(LIBEDIT_INCLUDE_DIR editline/readline.h)
find_library(LIBEDIT_LIBRARY NAMES edit)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libedit REQUIRED_VARS LIBEDIT_LIBRARY LIBEDIT_INCLUDE_DIR)
if(Libedit_FOUND AND NOT TARGET Libedit::libedit)
  add_library(Libedit::libedit UNKNOWN IMPORTED)
  set_target_properties(Libedit::libedit PROPERTIES
    IMPORTED_LOCATION "${LIBEDIT_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBEDIT_INCLUDE_DIR}")
endif()
