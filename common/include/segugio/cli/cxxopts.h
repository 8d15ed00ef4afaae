// cxxopts as Segugio's programs use it. cxxopts splits every vector value at
// commas by default, which would cut `5,6 miliardi` in a query or a file named
// `ubuntu,-unity.md` in two; Segugio splits lists itself, so split only at NUL,
// which no argument can hold. Include this instead of <cxxopts.hpp>.
#pragma once

#define CXXOPTS_VECTOR_DELIMITER '\0'
#include <cxxopts.hpp>
