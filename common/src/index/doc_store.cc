#include "segugio/index/doc_store.h"

#include <xapian.h>
#include <zdict.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "zstd_handles.h"

namespace segugio::index {

namespace {

constexpr std::size_t kDictIdBytes = 8;
// A stored record is an article: anything claiming more than this is damage,
// not text, and must not make us allocate it.
constexpr unsigned long long kMaxRecordBytes = 1ull << 31;

void put_u64(std::string& out, std::uint64_t v) {
  for (std::size_t i = 0; i < kDictIdBytes; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

std::uint64_t get_u64(std::string_view in) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < kDictIdBytes; ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return v;
}

[[noreturn]] void damaged(const std::string& what) {
  throw DatabaseError("stored data: " + what);
}

void check_zstd(std::size_t rc, const char* doing) {
  if (ZSTD_isError(rc)) throw DataError(std::string(doing) + ": " + ZSTD_getErrorName(rc));
}

std::string hex16(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

std::string dictionary_key(std::uint64_t id) {
  return std::string(schema::kMetaDictPrefix) + hex16(id);
}

std::optional<std::string> stored_dictionary(const Xapian::Database& db, std::uint64_t id) {
  std::string bytes = db.get_metadata(dictionary_key(id));
  if (bytes.empty()) return std::nullopt;
  return bytes;
}

std::optional<std::uint64_t> dictionary_id_of_key(std::string_view key) {
  if (key.substr(0, schema::kMetaDictPrefix.size()) != schema::kMetaDictPrefix) return std::nullopt;
  key.remove_prefix(schema::kMetaDictPrefix.size());
  if (key.size() != 16) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : key) {
    int digit;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else return std::nullopt;
    v = (v << 4) | static_cast<std::uint64_t>(digit);
  }
  return v;
}

std::size_t dictionary_capacity(std::uintmax_t corpus_bytes, unsigned shards) {
  const std::uintmax_t share = corpus_bytes / std::max(1u, shards) / 100;
  return static_cast<std::size_t>(std::clamp<std::uintmax_t>(share, kMinDictionaryCapacity,
                                                              kMaxDictionaryCapacity));
}

std::optional<Dictionary> train_dictionary(const std::vector<std::string>& records,
                                           std::size_t capacity) {
  std::string samples;
  std::vector<std::size_t> sizes;
  for (const std::string& r : records) {
    if (sizes.size() == kMaxSampleRecords || samples.size() + r.size() > kMaxSampleBytes) break;
    samples += r;
    sizes.push_back(r.size());
  }
  if (sizes.size() < kMinSampleRecords || samples.size() < kMinSampleBytes) return std::nullopt;
  std::string dict(capacity, '\0');
  const std::size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), samples.data(),
                                              sizes.data(), static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) return std::nullopt;  // e.g. samples too alike or too few: plain zstd
  dict.resize(n);
  Dictionary d;
  d.id = schema::stable_hash(dict);
  d.bytes = std::move(dict);
  return d;
}

// --- compression ---------------------------------------------------------------

struct CompressionDictionary::Impl {
  zstd::CDict cdict;
};

CompressionDictionary::CompressionDictionary(const Dictionary& dictionary) : id_(dictionary.id) {
  ZSTD_CDict* cdict =
      ZSTD_createCDict(dictionary.bytes.data(), dictionary.bytes.size(), kCompressionLevel);
  if (cdict == nullptr) throw DataError("zstd refused the dictionary " + hex16(id_));
  auto impl = std::make_shared<Impl>();
  impl->cdict.reset(cdict);
  impl_ = std::move(impl);
}

struct DocCompressor::Impl {
  zstd::CCtx cctx = zstd::make_cctx();
  std::optional<CompressionDictionary> dictionary;
};

DocCompressor::DocCompressor(std::optional<CompressionDictionary> dictionary)
    : impl_(std::make_unique<Impl>()) {
  ZSTD_CCtx* c = impl_->cctx.get();
  check_zstd(ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kCompressionLevel), "zstd level");
  check_zstd(ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1), "zstd content size");
  check_zstd(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0), "zstd checksum");
  // The header already names the dictionary: 4 bytes a document saved.
  check_zstd(ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0), "zstd dictionary id");
  if (dictionary) {
    check_zstd(ZSTD_CCtx_refCDict(c, dictionary->impl_->cdict.get()), "zstd dictionary");
    impl_->dictionary = std::move(dictionary);
  }
}

DocCompressor::~DocCompressor() = default;
DocCompressor::DocCompressor(DocCompressor&&) noexcept = default;
DocCompressor& DocCompressor::operator=(DocCompressor&&) noexcept = default;

std::optional<std::uint64_t> DocCompressor::dictionary_id() const {
  if (!impl_->dictionary) return std::nullopt;
  return impl_->dictionary->id();
}

std::string DocCompressor::compress(std::string_view record) {
  std::string out;
  const std::size_t header = impl_->dictionary ? 1 + kDictIdBytes : 1;
  out.resize(header + ZSTD_compressBound(record.size()));
  out[0] = static_cast<char>(impl_->dictionary ? kDataDictZstd : kDataPlainZstd);
  if (impl_->dictionary) {
    std::string id;
    put_u64(id, impl_->dictionary->id());
    out.replace(1, kDictIdBytes, id);
  }
  // A frame is a single-shot compression: the content size lands in its header.
  const std::size_t n = ZSTD_compress2(impl_->cctx.get(), out.data() + header, out.size() - header,
                                       record.data(), record.size());
  check_zstd(n, "zstd compression");
  out.resize(header + n);
  return out;
}

// --- decompression -------------------------------------------------------------

std::optional<std::uint64_t> dictionary_of(std::string_view data) {
  if (data.empty()) damaged("empty document data");
  const auto format = static_cast<unsigned char>(data[0]);
  if (format == kDataPlainZstd) return std::nullopt;
  if (format == kDataDictZstd) {
    if (data.size() < 1 + kDictIdBytes) damaged("truncated header");
    return get_u64(data.substr(1));
  }
  damaged("unknown format " + std::to_string(format) +
          " (a database of another Segugio version? rebuild it with --full)");
}

struct DocDecompressor::Impl {
  zstd::DCtx dctx = zstd::make_dctx();
  std::unordered_map<std::uint64_t, zstd::DDict> dictionaries;

  const ZSTD_DDict* load(const Dictionary& d) {
    ZSTD_DDict* ddict = ZSTD_createDDict(d.bytes.data(), d.bytes.size());
    if (ddict == nullptr) damaged("dictionary " + hex16(d.id) + " is not a zstd dictionary");
    return dictionaries.insert_or_assign(d.id, zstd::DDict(ddict)).first->second.get();
  }
};

DocDecompressor::DocDecompressor() : impl_(std::make_unique<Impl>()) {}
DocDecompressor::~DocDecompressor() = default;
DocDecompressor::DocDecompressor(DocDecompressor&&) noexcept = default;
DocDecompressor& DocDecompressor::operator=(DocDecompressor&&) noexcept = default;

void DocDecompressor::add_dictionary(const Dictionary& dictionary) { impl_->load(dictionary); }

std::string DocDecompressor::decompress(std::string_view data, const DictionarySource& source) {
  const std::optional<std::uint64_t> dict_id = dictionary_of(data);
  const ZSTD_DDict* ddict = nullptr;
  if (dict_id) {
    data.remove_prefix(1 + kDictIdBytes);
    if (auto it = impl_->dictionaries.find(*dict_id); it != impl_->dictionaries.end()) {
      ddict = it->second.get();
    } else {
      std::optional<std::string> bytes = source ? source(*dict_id) : std::nullopt;
      if (!bytes)
        damaged("dictionary " + hex16(*dict_id) + " is missing from the database's metadata");
      ddict = impl_->load(Dictionary{*dict_id, std::move(*bytes)});
    }
  } else {
    data.remove_prefix(1);
  }
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxRecordBytes)
    damaged("not a zstd frame of a stored article");
  std::string record(static_cast<std::size_t>(size), '\0');
  const std::size_t n =
      ddict != nullptr
          ? ZSTD_decompress_usingDDict(impl_->dctx.get(), record.data(), record.size(),
                                       data.data(), data.size(), ddict)
          : ZSTD_decompressDCtx(impl_->dctx.get(), record.data(), record.size(), data.data(),
                                data.size());
  if (ZSTD_isError(n) || n != record.size())
    damaged(std::string("zstd frame does not decompress: ") +
            (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short content"));
  return record;
}

}  // namespace segugio::index
