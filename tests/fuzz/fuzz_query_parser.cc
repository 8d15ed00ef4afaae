// Any bytes as a query: parse_query either gives a tree or throws
// QuerySyntaxError (nothing else, no crash, no hang); every offset it records
// lies inside the text; describe() works on whatever it gives; and
// parse_plain_text never throws.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "segugio/core/error.h"
#include "segugio/search/query_parser.h"

namespace {

void check_node(const segugio::search::QueryNode& node, std::size_t size, int depth) {
  if (node.offset > size || node.text_offset > size) std::abort();
  if (depth > 100000) std::abort();
  for (const auto& child : node.children) check_node(child, size, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  try {
    const segugio::search::QueryNode node = segugio::search::parse_query(query);
    check_node(node, size, 0);
    (void)node.describe();
  } catch (const segugio::QuerySyntaxError& e) {
    if (std::string_view(e.what()).empty()) std::abort();
  }
  const segugio::search::QueryNode plain = segugio::search::parse_plain_text(query);
  for (const auto& child : plain.children)
    if (child.kind != segugio::search::QueryNode::Kind::word) std::abort();
  (void)plain.describe();
  return 0;
}
