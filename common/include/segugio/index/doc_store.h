// Stored data: how a StoredArticle becomes a document's data, and back.
//
// A document's data is a small header followed by one zstd frame holding
// encode(StoredArticle) (stored_article.h):
//
//   byte 0      format: kDataPlainZstd (1): a frame made without a dictionary
//                       kDataDictZstd (2): a frame made with a dictionary
//   bytes 1..8  format 2 only: the dictionary id, little endian
//   the rest    one zstd frame (level kCompressionLevel, content size in its
//               header, no checksum, no dictionary id in the frame)
//
// The dictionary is trained on the collection's own records (64 to 256 KiB;
// news articles share much phrasing, so small records compress to about a
// quarter instead of about half) and kept in the metadata of every shard that
// holds documents made with it, under dictionary_key(id); the id is
// schema::stable_hash() of the dictionary's bytes.
//
// Thread contract: a CompressionDictionary is immutable and shared by every
// thread; a DocCompressor or DocDecompressor owns a zstd context and belongs to
// one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/index/stored_article.h"

namespace Xapian {
class Database;
}

namespace segugio::index {

inline constexpr unsigned char kDataPlainZstd = 1;
inline constexpr unsigned char kDataDictZstd = 2;
// Level 6 instead of zstd's default 3: with the dictionary, stored articles
// take about 12% less for about 1% more indexing CPU (bench/RESULTS.md,
// section 72). Any level decompresses alike: no format change.
inline constexpr int kCompressionLevel = 6;

// Training: a sample of the records of the first batch big enough. Below the
// minimums a dictionary does not pay for itself and documents are plain zstd.
// The dictionary is kept once per shard, so its capacity grows with the
// collection (dictionary_capacity()): 64 KiB up to 256 KiB.
inline constexpr std::size_t kMinDictionaryCapacity = 64 * 1024;
inline constexpr std::size_t kMaxDictionaryCapacity = 256 * 1024;
inline constexpr std::size_t kMinSampleRecords = 100;
inline constexpr std::size_t kMinSampleBytes = 100 * 1024;
inline constexpr std::size_t kMaxSampleRecords = 2000;
inline constexpr std::size_t kMaxSampleBytes = 16u << 20;

struct Dictionary {
  std::uint64_t id = 0;  // schema::stable_hash(bytes)
  std::string bytes;
};

// "segugio:dict:" + 16 lower-case hex digits.
std::string dictionary_key(std::uint64_t id);
// The dictionary `id` as `db`'s metadata holds it; nullopt when it has none.
std::optional<std::string> stored_dictionary(const Xapian::Database& db, std::uint64_t id);
// The id in such a key; nullopt for any other key.
std::optional<std::uint64_t> dictionary_id_of_key(std::string_view key);

// The capacity of the dictionary of a run that reads `corpus_bytes` of
// articles into `shards` shards: a hundredth of each shard's share, within
// kMinDictionaryCapacity..kMaxDictionaryCapacity. A larger dictionary holds
// more of the collection's words and phrasing (stored articles about 9% smaller
// at 256 KiB than at 64 KiB, on real and on synthetic news), but every shard
// stores it: below about 26 MB of articles per shard the gain would not pay
// for the copies.
std::size_t dictionary_capacity(std::uintmax_t corpus_bytes, unsigned shards);

// Trains a dictionary of at most `capacity` bytes on `records` (encoded
// StoredArticles; only the first kMaxSampleRecords and kMaxSampleBytes are
// used). nullopt when the sample is below kMinSampleRecords or
// kMinSampleBytes, or zstd cannot train on it.
std::optional<Dictionary> train_dictionary(const std::vector<std::string>& records,
                                           std::size_t capacity = kMinDictionaryCapacity);

// A dictionary digested for compression (a ZSTD_CDict). Copies share it.
class CompressionDictionary {
 public:
  // Throws DataError when zstd refuses the bytes.
  explicit CompressionDictionary(const Dictionary& dictionary);
  std::uint64_t id() const { return id_; }

 private:
  friend class DocCompressor;
  struct Impl;
  std::uint64_t id_ = 0;
  std::shared_ptr<const Impl> impl_;
};

// Turns encoded records into document data. One per thread.
class DocCompressor {
 public:
  // Without a dictionary, frames are plain zstd (format 1).
  explicit DocCompressor(std::optional<CompressionDictionary> dictionary = std::nullopt);
  ~DocCompressor();
  DocCompressor(DocCompressor&&) noexcept;
  DocCompressor& operator=(DocCompressor&&) noexcept;
  DocCompressor(const DocCompressor&) = delete;
  DocCompressor& operator=(const DocCompressor&) = delete;

  std::string compress(std::string_view record);
  // The dictionary used, if any.
  std::optional<std::uint64_t> dictionary_id() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where a decompressor gets the bytes of a dictionary it has not seen yet:
// nullopt when no database it knows holds that id.
using DictionarySource = std::function<std::optional<std::string>(std::uint64_t id)>;

// The dictionary id named in the header of document `data`; nullopt for a
// frame without dictionary. Throws DatabaseError for data that is not in a
// format of this schema.
std::optional<std::uint64_t> dictionary_of(std::string_view data);

// Turns document data back into records. Keeps every dictionary it has loaded
// (a ZSTD_DDict, by id), so each is fetched and digested once. One per thread.
class DocDecompressor {
 public:
  DocDecompressor();
  ~DocDecompressor();
  DocDecompressor(DocDecompressor&&) noexcept;
  DocDecompressor& operator=(DocDecompressor&&) noexcept;
  DocDecompressor(const DocDecompressor&) = delete;
  DocDecompressor& operator=(const DocDecompressor&) = delete;

  // The encoded record in `data`. `source` is asked only for a dictionary not
  // loaded yet. Throws DatabaseError for damaged data or a missing dictionary.
  std::string decompress(std::string_view data, const DictionarySource& source);
  StoredArticle decode(std::string_view data, const DictionarySource& source) {
    return index::decode(decompress(data, source));
  }
  // Loads a dictionary ahead of time (tests, or a reader that has it at hand).
  void add_dictionary(const Dictionary& dictionary);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace segugio::index
