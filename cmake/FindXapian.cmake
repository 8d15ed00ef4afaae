# Xapian's Debian package ships a config file with variables, not a target:
# wrap it as the IMPORTED target Xapian::xapian.
find_package(xapian CONFIG QUIET)
find_path(XAPIAN_HEADER_DIR xapian.h HINTS ${XAPIAN_INCLUDE_DIR})
find_library(XAPIAN_LIB NAMES xapian HINTS ${XAPIAN_SHARED_LIBRARY})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Xapian REQUIRED_VARS XAPIAN_LIB XAPIAN_HEADER_DIR)
if(Xapian_FOUND AND NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    IMPORTED_LOCATION "${XAPIAN_LIB}"
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_HEADER_DIR}")
endif()
