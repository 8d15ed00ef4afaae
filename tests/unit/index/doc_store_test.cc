// Stored data: zstd frames with and without a trained dictionary, and reading
// them back through DocReader, sharded databases included.
#include <doctest/doctest.h>

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "segugio/core/error.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/doc_store.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"
#include "temp_dir.h"

using namespace segugio::index;
using segugio::testing::TempDir;

namespace {

// Deterministic news-like records: a few hundred words of made-up Italian,
// drawn from a small vocabulary so that a dictionary has something to learn.
class RecordMaker {
 public:
  explicit RecordMaker(std::uint32_t seed) : state_(seed) {}

  StoredArticle article(int n) {
    StoredArticle a;
    a.id = "articoli/" + std::to_string(n);
    a.title = sentence(8);
    a.lead = sentence(20);
    a.date = segugio::Date{2024, 1 + n % 12, 1 + n % 28};
    a.url = "https://notizie.example.it/tecnologia/" + std::to_string(n);
    a.path = "/dati/articoli/" + std::to_string(n) + ".md";
    a.source = "Notizie Esempio";
    a.tags = {"tecnologia", "mercati"};
    for (int p = 0; p < 6; ++p) a.text += sentence(30) + "\n\n";
    return a;
  }

 private:
  std::string sentence(int words) {
    static constexpr const char* kWords[] = {
        "l'azienda", "annuncia", "nuovi", "investimenti", "nel", "settore", "dei",
        "semiconduttori", "secondo", "gli", "analisti", "il", "mercato", "cresce", "rapidamente",
        "mentre", "la", "concorrenza", "europea", "prepara", "una", "risposta", "con", "fondi",
        "pubblici", "e", "privati", "intelligenza", "artificiale", "dati", "cloud", "sicurezza",
        "utenti", "rete", "governo", "regole", "trimestre", "ricavi", "milioni", "di", "euro"};
    std::string s;
    for (int i = 0; i < words; ++i) {
      state_ = state_ * 1664525u + 1013904223u;
      s += (i ? " " : "") + std::string(kWords[(state_ >> 16) % std::size(kWords)]);
    }
    return s + ".";
  }
  std::uint32_t state_;
};

std::vector<std::string> records(std::uint32_t seed, int n) {
  RecordMaker maker(seed);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(encode(maker.article(i)));
  return out;
}

std::optional<std::string> no_source(std::uint64_t) { return std::nullopt; }

}  // namespace

TEST_CASE("plain zstd: data round-trips and names no dictionary") {
  DocCompressor compressor;
  DocDecompressor decompressor;
  for (const std::string& r : records(1, 20)) {
    const std::string data = compressor.compress(r);
    CHECK(static_cast<unsigned char>(data[0]) == kDataPlainZstd);
    CHECK_FALSE(dictionary_of(data).has_value());
    CHECK(decompressor.decompress(data, no_source) == r);
  }
}

TEST_CASE("a trained dictionary round-trips, shrinks the data and is fetched once") {
  const std::vector<std::string> sample = records(7, 400);
  const std::optional<Dictionary> dict = train_dictionary(sample);
  REQUIRE(dict.has_value());
  CHECK(dict->bytes.size() <= kMinDictionaryCapacity);
  CHECK(dict->id == segugio::schema::stable_hash(dict->bytes));

  DocCompressor with{CompressionDictionary(*dict)};
  DocCompressor without;
  CHECK(with.dictionary_id() == dict->id);
  int fetched = 0;
  const DictionarySource source = [&](std::uint64_t id) -> std::optional<std::string> {
    ++fetched;
    if (id != dict->id) return std::nullopt;
    return dict->bytes;
  };
  DocDecompressor decompressor;
  std::size_t plain_bytes = 0, dict_bytes = 0;
  for (const std::string& r : records(99, 50)) {  // records not in the sample
    const std::string data = with.compress(r);
    CHECK(static_cast<unsigned char>(data[0]) == kDataDictZstd);
    CHECK(dictionary_of(data) == dict->id);
    CHECK(decompressor.decompress(data, source) == r);
    dict_bytes += data.size();
    plain_bytes += without.compress(r).size();
  }
  CHECK(fetched == 1);
  CHECK(dict_bytes < plain_bytes);
  MESSAGE("plain zstd ", plain_bytes, " bytes, with dictionary ", dict_bytes);
}

TEST_CASE("the dictionary grows with the collection, a hundredth of each shard's share") {
  CHECK(dictionary_capacity(0, 1) == kMinDictionaryCapacity);
  CHECK(dictionary_capacity(5'000'000, 1) == kMinDictionaryCapacity);  // a small archive
  CHECK(dictionary_capacity(10'000'000, 1) == 100'000);
  CHECK(dictionary_capacity(10'000'000, 2) == kMinDictionaryCapacity);  // each shard keeps a copy
  CHECK(dictionary_capacity(100'000'000, 1) == kMaxDictionaryCapacity);
  CHECK(dictionary_capacity(100'000'000, 4) == 250'000);
  CHECK(dictionary_capacity(4'000'000'000ull, 0) == kMaxDictionaryCapacity);  // 0 shards read as 1

  // The capacity is what training may use: a larger one keeps more of the
  // sample, and the records it was not trained on come out smaller.
  const std::vector<std::string> sample = records(21, 1500);
  const std::optional<Dictionary> small = train_dictionary(sample, kMinDictionaryCapacity);
  const std::optional<Dictionary> large = train_dictionary(sample, kMaxDictionaryCapacity);
  REQUIRE(small.has_value());
  REQUIRE(large.has_value());
  CHECK(small->bytes.size() <= kMinDictionaryCapacity);
  CHECK(large->bytes.size() > kMinDictionaryCapacity);
  CHECK(large->bytes.size() <= kMaxDictionaryCapacity);
  std::size_t small_bytes = 0, large_bytes = 0;
  DocCompressor with_small{CompressionDictionary(*small)};
  DocCompressor with_large{CompressionDictionary(*large)};
  for (const std::string& r : records(98, 100)) {
    small_bytes += with_small.compress(r).size();
    large_bytes += with_large.compress(r).size();
  }
  MESSAGE("64 KiB dictionary ", small_bytes, " bytes, 256 KiB ", large_bytes);
  CHECK(large_bytes < small_bytes);
}

TEST_CASE("too small a sample trains no dictionary") {
  CHECK_FALSE(train_dictionary(records(3, kMinSampleRecords - 1)).has_value());
  std::vector<std::string> tiny(500, std::string(50, 'x'));  // many records, few bytes
  CHECK_FALSE(train_dictionary(tiny).has_value());
}

TEST_CASE("damaged data and missing dictionaries are DatabaseErrors") {
  const std::optional<Dictionary> dict = train_dictionary(records(5, 300));
  REQUIRE(dict.has_value());
  const std::string r = records(6, 1)[0];
  const std::string data = DocCompressor(CompressionDictionary(*dict)).compress(r);
  DocDecompressor d;
  CHECK_THROWS_AS(d.decompress(data, no_source), segugio::DatabaseError);
  CHECK_THROWS_AS(d.decompress("", no_source), segugio::DatabaseError);
  CHECK_THROWS_AS(d.decompress("\x09whatever", no_source), segugio::DatabaseError);
  CHECK_THROWS_AS(d.decompress(std::string("\x02\x01", 2), no_source), segugio::DatabaseError);
  std::string cut = DocCompressor().compress(r);
  cut.resize(cut.size() - 3);
  CHECK_THROWS_AS(d.decompress(cut, no_source), segugio::DatabaseError);
  // The foundation's thin path stored "title\nid": refused, not misread.
  CHECK_THROWS_AS(d.decompress("Titolo\nid", no_source), segugio::DatabaseError);
}

TEST_CASE("dictionary keys carry the id in hex") {
  CHECK(dictionary_key(0x0123456789abcdefULL) == "segugio:dict:0123456789abcdef");
  CHECK(dictionary_id_of_key("segugio:dict:0123456789abcdef") == 0x0123456789abcdefULL);
  CHECK_FALSE(dictionary_id_of_key("segugio:dict:0123").has_value());
  CHECK_FALSE(dictionary_id_of_key("segugio:file:0123456789abcdef").has_value());
  CHECK_FALSE(dictionary_id_of_key("segugio:dict:0123456789ABCDEF").has_value());
}

namespace {

// A two-shard database whose shards hold different dictionaries (as two
// databases built apart and joined by a stub would): the case where
// Database::get_metadata, which reads only the first shard, is not enough.
struct TwoShards {
  TempDir dir;
  std::vector<std::string> ids[2];

  explicit TwoShards(bool second_dictionary_in_first_shard_only = false) {
    const std::optional<Dictionary> dicts[2] = {train_dictionary(records(11, 300)),
                                                train_dictionary(records(12, 300))};
    REQUIRE(dicts[0].has_value());
    REQUIRE(dicts[1].has_value());
    REQUIRE(dicts[0]->id != dicts[1]->id);
    for (unsigned s = 0; s < 2; ++s) {
      Xapian::WritableDatabase db((dir.path() / shard_folder_name(s)).string(),
                                  Xapian::DB_CREATE_OR_OVERWRITE);
      if (second_dictionary_in_first_shard_only) {
        if (s == 0)
          for (const auto& d : dicts) db.set_metadata(dictionary_key(d->id), d->bytes);
      } else {
        db.set_metadata(dictionary_key(dicts[s]->id), dicts[s]->bytes);
      }
      DocCompressor compressor{CompressionDictionary(*dicts[s])};
      RecordMaker maker(100 + s);
      for (int i = 0; i < 5; ++i) {
        StoredArticle a = maker.article(i);
        a.id = "shard" + std::to_string(s) + "/" + std::to_string(i);
        Xapian::Document doc;
        doc.set_data(compressor.compress(encode(a)));
        db.add_document(doc);
        ids[s].push_back(a.id);
      }
      db.commit();
    }
    write_shard_stub(dir.path(), 2);
  }

  // The id a combined docid must decode to.
  std::string expected(Xapian::docid did) const {
    const auto [shard, local] = split_docid(did, 2);
    return ids[shard][local - 1];
  }
};

}  // namespace

TEST_CASE("DocReader reads each document with the dictionary of its own shard") {
  TwoShards db;
  DocReader reader = DocReader::open(db.dir.path());
  REQUIRE(reader.shards().size() == 2);
  REQUIRE(reader.database().get_doccount() == 10);
  for (Xapian::docid did = 1; did <= 10; ++did) {
    CAPTURE(did);
    CHECK(reader.read(did).id == db.expected(did));
    const std::string data = reader.database().get_document(did).get_data();
    CHECK(reader.decode(did, data).id == db.expected(did));
  }
}

TEST_CASE("without its shards, a combined database cannot find the second dictionary") {
  TwoShards db;
  DocReader reader{Xapian::Database(db.dir.path().string())};  // opened through the stub
  CHECK(reader.read(1).id == db.expected(1));                   // shard 0: first shard's metadata
  CHECK_THROWS_AS(reader.read(2), segugio::DatabaseError);      // shard 1: not visible
}

TEST_CASE("a dictionary is found by id in any shard that has it") {
  TwoShards db(/*second_dictionary_in_first_shard_only=*/true);
  DocReader reader = DocReader::open(db.dir.path());
  for (Xapian::docid did = 1; did <= 10; ++did) CHECK(reader.read(did).id == db.expected(did));
}

TEST_CASE("DocReader refuses shards that do not match the database") {
  TwoShards db;
  Xapian::Database combined(db.dir.path().string());
  std::vector<Xapian::Database> one{Xapian::Database((db.dir.path() / "shard-00").string())};
  CHECK_THROWS_AS(DocReader(combined, one), std::invalid_argument);
  CHECK_THROWS_AS(DocReader::open(db.dir.path() / "missing"), segugio::DatabaseError);
}
