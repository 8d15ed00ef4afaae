// Finding an article by its id as a user types it: exactly, else in any case
// ("Posts/A" for "posts/a"), for `id:`, `--like` and `--delete`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace segugio::index {

// The id terms (schema::kId) of `db` that `id` names: its own term when a
// document has it; else every id term equal to it but for ASCII case (found
// by a walk over the id terms, so only when the exact one fails); empty when
// none (ids over 240 bytes match only as written). Works on a shard, a combined database or a
// compacted copy.
std::vector<std::string> id_terms(const Xapian::Database& db, std::string_view id);

}  // namespace segugio::index
