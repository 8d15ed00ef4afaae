#include "segugio/index/doc_reader.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

// One line of a stub, opened on its own; nullopt for a kind we cannot open
// separately (then the caller falls back to the combined database alone).
std::optional<Xapian::Database> open_stub_line(const schema::StubLine& line,
                                               const fs::path& base) {
  const std::string& kind = line.kind;
  const std::string where = line.rest.substr(0, line.rest.find_first_of(" \t"));
  if (kind == "auto" || kind == "glass") {
    fs::path p(where);
    if (p.is_relative()) p = base / p;
    return Xapian::Database(p.string());
  }
  if (kind == "remote" && !where.empty() && where[0] != ':') {
    const std::size_t colon = where.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    const std::string host = where.substr(0, colon);
    const unsigned port = static_cast<unsigned>(std::stoul(where.substr(colon + 1)));
    return Xapian::Remote::open(host, port);
  }
  return std::nullopt;
}

}  // namespace

DocReader::DocReader(Xapian::Database database, std::vector<Xapian::Database> shards)
    : database_(std::move(database)), shards_(std::move(shards)) {
  if (!shards_.empty() && shards_.size() != database_.size())
    throw std::invalid_argument("DocReader: " + std::to_string(shards_.size()) +
                                " shards given for a database of " +
                                std::to_string(database_.size()));
}

DocReader DocReader::open(const fs::path& path) {
  try {
    const fs::path stub = path / schema::kStubFile;
    std::error_code ec;
    if (fs::is_directory(path, ec) && fs::exists(stub, ec)) {
      std::vector<Xapian::Database> shards;
      bool all_opened = true;
      for (const schema::StubLine& line :
           schema::read_stub(stub).value_or(std::vector<schema::StubLine>{})) {
        std::optional<Xapian::Database> shard = open_stub_line(line, path);
        if (!shard) {
          all_opened = false;
          break;
        }
        shards.push_back(std::move(*shard));
      }
      if (all_opened && !shards.empty()) {
        Xapian::Database combined;
        for (const Xapian::Database& s : shards) combined.add_database(s);
        return DocReader(std::move(combined), std::move(shards));
      }
    }
    return DocReader(Xapian::Database(path.string()));
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path.string() + ": " + e.get_msg());
  } catch (const std::logic_error& e) {  // a port that is not a number
    throw DatabaseError(path.string() + ": bad stub line (" + e.what() + ")");
  }
}

std::optional<std::string> DocReader::find_dictionary(std::uint64_t id, Xapian::docid did) {
  const auto from = [id](const Xapian::Database& db) { return stored_dictionary(db, id); };
  // Where it should be first: the shard holding the document.
  std::size_t home = shards_.size();
  if (!shards_.empty()) {
    home = split_docid(did, static_cast<unsigned>(shards_.size())).first;
    if (auto d = from(shards_[home])) return d;
  }
  if (auto d = from(database_)) return d;
  for (std::size_t i = 0; i < shards_.size(); ++i)
    if (i != home)
      if (auto d = from(shards_[i])) return d;
  return std::nullopt;
}

StoredArticle DocReader::decode(Xapian::docid did, std::string_view data) {
  try {
    return decompressor_.decode(
        data, [this, did](std::uint64_t id) { return find_dictionary(id, did); });
  } catch (const DatabaseError& e) {
    throw DatabaseError("document " + std::to_string(did) + ": " + e.what());
  } catch (const Xapian::Error& e) {
    throw DatabaseError("document " + std::to_string(did) + ": " + e.get_msg());
  }
}

StoredArticle DocReader::read(Xapian::docid did) {
  std::string data;
  try {
    data = database_.get_document(did).get_data();
  } catch (const Xapian::Error& e) {
    throw DatabaseError("document " + std::to_string(did) + ": " + e.get_msg());
  }
  return decode(did, data);
}

}  // namespace segugio::index
