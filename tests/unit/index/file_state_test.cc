// Incremental state: one record per source file, and the paths it is keyed by.
#include <doctest/doctest.h>

#include "segugio/index/file_state.h"
#include "segugio/index/schema.h"
#include "temp_dir.h"

using namespace segugio::index;
using segugio::testing::TempDir;

TEST_CASE("a file state round-trips, spaces and commas in the path included") {
  FileState s;
  s.path = "/dati/articoli/2017-04-06-pausacaffè ubuntu,-unity.md";
  s.size = 12345;
  s.mtime_ns = 1709112345123456789;
  s.content_hash = 0xfedcba9876543210ULL;
  s.articles = 3;
  const std::optional<FileState> back = decode_file_state(encode_file_state(s));
  REQUIRE(back.has_value());
  CHECK(*back == s);
}

TEST_CASE("values of another version or damaged are not states") {
  for (const char* v : {"", "2 1 2 0123456789abcdef 1 /a", "1 x 2 0123456789abcdef 1 /a",
                        "1 1 2 zz 1 /a", "1 1 2 0123456789abcdef 1", "1 1 2 0123456789abcdef"}) {
    CAPTURE(v);
    CHECK_FALSE(decode_file_state(v).has_value());
  }
}

TEST_CASE("state keys fit Xapian's limit however long the path") {
  CHECK(file_state_key("/a/b.md") == "segugio:file:/a/b.md");
  const std::string long_path = "/" + std::string(400, 'x') + ".md";
  const std::string key = file_state_key(long_path);
  CHECK(key.size() <= segugio::schema::kMaxMetadataKeyBytes);
  CHECK(key != file_state_key(long_path + "x"));
}

TEST_CASE("path_is_under: a root covers itself and what lies below it, nothing else") {
  const struct {
    const char* path;
    const char* root;
    bool under;
  } cases[] = {
      {"/a/b/c.md", "/a/b", true},  {"/a/b", "/a/b", true},      {"/a/bc/d.md", "/a/b", false},
      {"/a/c.md", "/a/b", false},   {"/a/b/c.md", "/", true},    {"/a", "/a/b", false},
      {"/a/b/c.md", "/a/b/c.md", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CAPTURE(c.root);
    CHECK(path_is_under(c.path, c.root) == c.under);
  }
}

TEST_CASE("state paths are absolute and normal, whatever way the path was typed") {
  TempDir dir;
  const auto file = dir.write("a/b.md", "x");
  CHECK(state_path(file) == file.generic_string());
  CHECK(state_path(dir.path() / "a" / "." / ".." / "a" / "b.md") == file.generic_string());
  CHECK(state_path(dir.path() / "a" / "") == (dir.path() / "a").generic_string());
}

TEST_CASE("hash_file hashes the bytes, and knows when it cannot") {
  TempDir dir;
  const auto a = dir.write("a.txt", "stesso contenuto");
  const auto b = dir.write("b.txt", "stesso contenuto");
  const auto c = dir.write("c.txt", "altro contenuto");
  CHECK(hash_file(a) == segugio::schema::stable_hash("stesso contenuto"));
  CHECK(hash_file(a) == hash_file(b));
  CHECK(hash_file(a) != hash_file(c));
  CHECK_FALSE(hash_file(dir.path() / "manca.txt").has_value());
  const std::string big(300000, 'z');  // more than one read block
  CHECK(hash_file(dir.write("big.txt", big)) == segugio::schema::stable_hash(big));
}
