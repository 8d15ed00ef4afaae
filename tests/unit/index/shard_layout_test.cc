// Shard layout: routing ids, docid interleaving, what a folder holds.
#include <doctest/doctest.h>

#include <xapian.h>

#include <fstream>
#include <string>
#include <vector>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"
#include "temp_dir.h"

using namespace segugio::index;
using segugio::testing::TempDir;

TEST_CASE("ids go to shards by FNV-1a, the same on every machine") {
  // Pinned: changing the hash would move documents between shards.
  CHECK(segugio::schema::stable_hash("") == 0xcbf29ce484222325ULL);
  CHECK(segugio::schema::stable_hash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(shard_of("a", 4) == 0xaf63dc4c8601ec8cULL % 4);
  CHECK(shard_of("qualsiasi", 1) == 0);
  int counts[4] = {};
  for (int i = 0; i < 4000; ++i) ++counts[shard_of("articoli/" + std::to_string(i), 4)];
  for (int c : counts) CHECK(c > 800);  // spread evenly enough
}

TEST_CASE("combined docids interleave the shards") {
  CHECK(split_docid(1, 3) == std::pair<unsigned, Xapian::docid>{0, 1});
  CHECK(split_docid(2, 3) == std::pair<unsigned, Xapian::docid>{1, 1});
  CHECK(split_docid(3, 3) == std::pair<unsigned, Xapian::docid>{2, 1});
  CHECK(split_docid(4, 3) == std::pair<unsigned, Xapian::docid>{0, 2});
  CHECK(split_docid(7, 1) == std::pair<unsigned, Xapian::docid>{0, 7});
}

TEST_CASE("what a path holds: nothing, one database, shards, or something foreign") {
  TempDir dir;
  CHECK(read_layout(dir.path() / "nuovo").shards == 0);
  CHECK(read_layout(dir.path()).shards == 0);  // an empty folder

  { Xapian::WritableDatabase db((dir.path() / "uno").string(), Xapian::DB_CREATE); }
  const ShardLayout one = read_layout(dir.path() / "uno");
  CHECK(one.shards == 1);
  CHECK_FALSE(one.stub);
  CHECK(one.shard_paths() == std::vector<std::filesystem::path>{dir.path() / "uno"});

  const auto many = dir.path() / "tre";
  std::filesystem::create_directories(many);
  for (unsigned i = 0; i < 3; ++i)
    Xapian::WritableDatabase((many / shard_folder_name(i)).string(), Xapian::DB_CREATE);
  CHECK(read_layout(many).shards == 3);  // no stub yet: a run killed before writing it
  CHECK_FALSE(read_layout(many).stub);
  write_shard_stub(many, 3);
  const ShardLayout three = read_layout(many);
  CHECK(three.shards == 3);
  CHECK(three.stub);
  CHECK(three.shard_paths().back() == many / "shard-02");
  CHECK(segugio::testing::read_file(many / "XAPIANDB") ==
        "auto shard-00\nauto shard-01\nauto shard-02\n");
  CHECK(Xapian::Database(many.string()).size() == 3);  // Xapian opens it through the stub

  dir.write("altro/foto.jpg", "x");
  CHECK_THROWS_AS(read_layout(dir.path() / "altro"), segugio::DatabaseError);
  dir.write("stub/XAPIANDB", "remote localhost:9000\n");
  CHECK_THROWS_AS(read_layout(dir.path() / "stub"), segugio::DatabaseError);
}

TEST_CASE("the names Xapian and segugio-index write in a database folder, and no others") {
  for (const char* ours : {"iamglass", "flintlock", "postlist.glass", "position.glass",
                           "termlist.glass", "iamglass.tmp", "XAPIANDB", "XAPIANDB.tmp",
                           "shard-00", "shard-17", "docdata.glass.rtmp"})
    CHECK_MESSAGE(database_entry(ours), ours);
  // A user's files in a database folder survive a relayout and a rebuild.
  for (const char* theirs : {"notes.txt", "README", "glass", "my.glassy", "xapiandb", "shards",
                             "backup"})
    CHECK_MESSAGE(!database_entry(theirs), theirs);
}

// The one stub reader (schema.h) that the indexer's layout, DocReader, the
// -d file check and the searcher share: blank lines and comments skipped,
// blanks and CRs trimmed, lines numbered as the file has them.
TEST_CASE("stub lines: kind, rest and line number, whatever the blanks") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;  // "number kind|rest"
  };
  const Case cases[] = {
      {"auto shard-00\nauto shard-01\n", {"1 auto|shard-00", "2 auto|shard-01"}},
      {"# shards\n\n  auto   shard-00  \r\n", {"3 auto|shard-00"}},
      {"remote\t10.0.0.7:7001\n", {"1 remote|10.0.0.7:7001"}},
      {"remote :xapian-progsrv /srv/db", {"1 remote|:xapian-progsrv /srv/db"}},
      {"inmemory\n", {"1 inmemory|"}},
      {"\n\n# nothing\n", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<std::string> got;
    for (const segugio::schema::StubLine& l : segugio::schema::stub_lines(c.text))
      got.push_back(std::to_string(l.number) + " " + l.kind + "|" + l.rest);
    CHECK(got == c.expected);
  }
  TempDir dir;
  dir.write("XAPIANDB", "auto shard-00\n");
  dir.write("binario", std::string("auto\0shard", 10));
  CHECK(segugio::schema::read_stub(dir.path() / "XAPIANDB").value().size() == 1);
  CHECK_FALSE(segugio::schema::read_stub(dir.path() / "binario"));  // a database file
  CHECK_FALSE(segugio::schema::read_stub(dir.path() / "assente"));
}
