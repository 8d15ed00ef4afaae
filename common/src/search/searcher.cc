#include "segugio/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/error.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/schema.h"
#include "segugio/search/query_builder.h"
#include "segugio/search/query_parser.h"
#include "segugio/search/synonyms.h"

namespace segugio::search {

namespace fs = std::filesystem;
using Q = Xapian::Query;

namespace {

// Months ahead of today's that the recency boost maps (older ones get nothing).
constexpr int kRecencyMonths = 240;
// Terms of the article that --like searches for.
constexpr Xapian::termcount kLikeTerms = 40;
// Spelling: a word found in more articles than this is never a typo; one
// found in fewer is one when the suggestion is this many times as frequent.
constexpr Xapian::doccount kMaxTypoFrequency = 2;
constexpr Xapian::doccount kTypoRatio = 100;
// A database changed under us: reopen and retry this many times.
constexpr int kModifiedRetries = 10;

// --- opening -------------------------------------------------------------

struct ShardSpec {
  std::string location;  // an absolute path, HOST:PORT, or :PROGRAM ARGS (as in the stub)
  bool remote = false;
  std::string host;      // remote over TCP: the host (IPv6 without its brackets)...
  unsigned port = 0;     // ...and the port
  std::string program;   // remote through a program (`remote :PROGRAM ARGS`)
  std::string args;

  // How the stub names it: "remote 10.0.0.7:7001", "auto /srv/db/shard-02".
  std::string name() const { return (remote ? "remote " : "auto ") + location; }
};

// `HOST:PORT`, `[IPV6]:PORT`, or `:PROGRAM ARGS` (Xapian 1.4's three
// spellings after `remote`; there is no `tcp` line in 1.4 stubs).
std::optional<ShardSpec> remote_spec(const std::string& rest) {
  ShardSpec s;
  s.remote = true;
  s.location = rest;
  if (rest.empty()) return std::nullopt;
  if (rest[0] == ':') {  // `remote :xapian-progsrv /srv/db`: a program, not a port
    const std::size_t space = rest.find(' ');
    s.program = rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    if (space != std::string::npos) s.args = rest.substr(space + 1);
    return s.program.empty() ? std::nullopt : std::optional<ShardSpec>(s);
  }
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon + 1 == rest.size()) return std::nullopt;
  std::string host = rest.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  else if (host.find(':') != std::string::npos)
    return std::nullopt;  // `::1:7000`: an IPv6 address needs its brackets
  unsigned long port = 0;
  for (std::size_t i = colon + 1; i < rest.size(); ++i) {
    if (rest[i] < '0' || rest[i] > '9' || port > 65535) return std::nullopt;
    port = port * 10 + static_cast<unsigned long>(rest[i] - '0');
  }
  if (host.empty() || port == 0 || port > 65535) return std::nullopt;
  s.host = host;
  s.port = static_cast<unsigned>(port);
  return s;
}

// The shards a stub file names: `auto PATH`, `glass PATH`, `remote ...` (see
// remote_spec; a relative path is relative to the stub's folder). nullopt
// when the file is not a stub (a compacted single-file database). Throws
// DatabaseError for a text file with a line no stub has.
std::optional<std::vector<ShardSpec>> read_stub(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  for (char c : head)
    if (c == '\0') return std::nullopt;  // binary: a database file
  std::vector<ShardSpec> shards;
  std::size_t start = 0;
  unsigned number = 0;
  while (start < head.size()) {
    std::size_t end = head.find('\n', start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    start = end + 1;
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string kind = line.substr(0, space);
    const std::size_t rest_at = space == std::string::npos ? line.size()
                                                           : line.find_first_not_of(' ', space);
    const std::string rest = rest_at == std::string::npos ? "" : line.substr(rest_at);
    auto bad = [&](const std::string& why) {
      return DatabaseError(file.string() + ": line " + std::to_string(number) + " \"" + line +
                           "\": " + why);
    };
    ShardSpec s;
    if (kind == "remote") {
      // Xapian reads `remote :7001` as a program called "7001", not a port,
      // and `remote ::1:7001` as a program called ":1:7001".
      if (rest.size() > 1 && rest[0] == ':') {
        if (rest.find_first_not_of("0123456789", 1) == std::string::npos)
          throw bad("a leading colon names a program in Xapian stubs; for port " +
                    rest.substr(1) + " on this machine write remote 127.0.0.1" + rest);
        if (rest.find_first_not_of("0123456789abcdefABCDEF:.", 1) == std::string::npos)
          throw bad("a leading colon names a program in Xapian stubs; an IPv6 address is "
                    "written remote [ADDRESS]:PORT");
      }
      std::optional<ShardSpec> r = remote_spec(rest);
      if (!r) throw bad("a remote shard is written remote HOST:PORT ([IPV6]:PORT for IPv6)");
      s = std::move(*r);
    } else if (kind == "auto" || kind == "glass" || kind == "chert" || kind == "honey") {
      if (rest.empty()) throw bad("a local shard needs its path");
      fs::path p(rest);
      if (p.is_relative()) p = file.parent_path() / p;
      s.location = p.lexically_normal().string();
    } else if (kind == "inmemory") {
      s.location = "inmemory";
    } else {
      throw bad("not a stub line (auto PATH, remote HOST:PORT)");
    }
    shards.push_back(std::move(s));
  }
  return shards;
}

std::vector<ShardSpec> shards_of(const fs::path& path) {
  if (fs::is_directory(path)) {
    const fs::path stub = path / schema::kStubFile;
    if (fs::is_regular_file(stub))
      if (std::optional<std::vector<ShardSpec>> s = read_stub(stub)) return *s;
    return {ShardSpec{path.string(), false, {}, 0, {}, {}}};
  }
  if (std::optional<std::vector<ShardSpec>> s = read_stub(path)) return *s;
  return {ShardSpec{path.string(), false, {}, 0, {}, {}}};
}

std::uintmax_t size_on_disk(const fs::path& p) {
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
  std::uintmax_t total = 0;
  for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

// Why a remote shard failed, in a few words: "connection refused", "no
// answer within 10 s".
std::string failure_reason(const Xapian::Error& e, double timeout_seconds) {
  if (std::string_view(e.get_type()) == "NetworkTimeoutError") {  // Xapian::Error has no vtable
    std::ostringstream s;
    s << "no answer within " << timeout_seconds << " s";
    return s.str();
  }
  const char* detail = e.get_error_string();
  std::string reason = detail != nullptr && *detail != '\0' ? detail : e.get_msg();
  if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z')
    reason[0] = static_cast<char>(reason[0] - 'A' + 'a');  // "Connection refused"
  return reason;
}

std::string not_answering(const ShardSpec& s, const std::string& reason) {
  return "shard " + s.name() + " is not answering (" + reason + ")";
}

// The database, and each of its shards opened on its own (for DocReader, which
// finds a hit's compression dictionary in its shard), when they can be.
struct OpenedDatabase {
  Xapian::Database combined;
  std::vector<Xapian::Database> shards;  // in stub order; empty: one database
  std::vector<std::size_t> present;      // for each of `shards`, its stub line
  std::vector<MissingShard> missing;     // left out (allow_partial)
};

unsigned milliseconds(double seconds) {
  const double ms = std::clamp(seconds * 1000.0, 1.0, 86400.0 * 1000.0);
  return static_cast<unsigned>(ms);
}

Xapian::Database open_shard(const ShardSpec& s, const OpenOptions& options) {
  if (!s.remote) return Xapian::Database(s.location);
  const unsigned ms = milliseconds(options.remote_timeout_seconds);
  if (!s.program.empty()) return Xapian::Remote::open(s.program, s.args, ms);
  return Xapian::Remote::open(s.host, s.port, ms, ms);
}

// Opens the database at `path` whose shards are `specs`, leaving out the
// shards of `left_out` (their stub index and reason) and, with
// allow_partial, the remote shards that do not answer.
OpenedDatabase open_database(const fs::path& path, const std::vector<ShardSpec>& specs,
                             const OpenOptions& options,
                             const std::map<std::size_t, std::string>& left_out = {}) {
  const std::string name = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw DatabaseError(name + ": no such database (build one with: segugio-index -d " + name +
                        " FOLDER)");
  const bool any_remote =
      std::any_of(specs.begin(), specs.end(), [](const ShardSpec& s) { return s.remote; });
  try {
    OpenedDatabase opened;
    if (specs.size() > 1 || any_remote) {
      for (std::size_t n = 0; n < specs.size(); ++n) {
        const ShardSpec& s = specs[n];
        if (const auto it = left_out.find(n); it != left_out.end()) {
          opened.missing.push_back({s.name(), it->second});
          continue;
        }
        try {
          opened.shards.push_back(open_shard(s, options));
          opened.present.push_back(n);
        } catch (const Xapian::NetworkError& e) {
          if (!s.remote) throw;
          const std::string reason = failure_reason(e, options.remote_timeout_seconds);
          if (!options.allow_partial) throw DatabaseError(not_answering(s, reason));
          opened.missing.push_back({s.name(), reason});
        }
      }
      if (opened.shards.empty()) {
        std::string list;
        for (const MissingShard& m : opened.missing)
          list += (list.empty() ? "" : "; ") + m.shard + " (" + m.reason + ")";
        throw DatabaseError(name + ": no shard is answering: " + list);
      }
      for (const Xapian::Database& s : opened.shards) opened.combined.add_database(s);
      // One shard alone: DocReader needs no map.
      if (specs.size() == 1) {
        opened.shards.clear();
        opened.present.clear();
      }
    } else {
      opened.combined = Xapian::Database(name);
    }
    return opened;
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw DatabaseError(name + ": not a database (" + e.get_msg() +
                        "); build one with segugio-index");
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw DatabaseError(name + ": the database is damaged (" + e.get_msg() +
                        "); rebuild it with segugio-index --full");
  } catch (const Xapian::DatabaseVersionError& e) {
    throw DatabaseError(name + ": a database format this Xapian cannot read (" + e.get_msg() +
                        ")");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseError(name + ": cannot open the database (" + e.get_msg() + ")");
  } catch (const Xapian::NetworkError& e) {
    throw DatabaseError(name + ": a remote shard cannot be reached (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(name + ": " + e.get_type() + ": " + e.get_msg());
  }
}

int check_schema(const Xapian::Database& db, const std::string& name) {
  const std::string stored = db.get_metadata(std::string(schema::kMetaSchema));
  // A database segugio-index was creating when it was stopped, before even
  // its first commit: empty, with no metadata at all. It answers, with nothing.
  if (stored.empty() && db.get_doccount() == 0 &&
      db.metadata_keys_begin() == db.metadata_keys_end())
    return schema::kSchemaVersion;
  if (stored.empty())
    throw DatabaseError(name +
                        ": not a Segugio database (it has no segugio:schema metadata); build "
                        "one with segugio-index");
  int version = 0;
  for (char c : stored) {
    if (c < '0' || c > '9' || version > 100000)
      throw DatabaseError(name + ": unreadable schema version \"" + stored + "\"");
    version = version * 10 + (c - '0');
  }
  if (version > schema::kSchemaVersion)
    throw DatabaseError(name + ": written by a newer Segugio (schema " + stored +
                        "; this segugio-search reads schema " +
                        std::to_string(schema::kSchemaVersion) +
                        "): update segugio-search, or rebuild the database");
  if (version < 1) throw DatabaseError(name + ": unknown schema version \"" + stored + "\"");
  return version;
}

// --- ranking pieces --------------------------------------------------------

Date minus_months(Date d, int months) {
  const int total = d.year * 12 + (d.month - 1) - months;
  return Date{total / 12, total % 12 + 1, 1};
}

std::string month_key(const Date& d) { return d.iso().substr(0, 7); }

// Recency as a built-in posting source (so it runs on remote shards): each
// month's articles get the weight of its middle day's age.
Q recency_query(const RankingOptions& r, Date today) {
  auto* source = new Xapian::ValueMapPostingSource(schema::kSlotMonth);
  const long now = today.days_since_epoch();
  for (int m = 0; m < kRecencyMonths; ++m) {
    const Date first = minus_months(today, m);
    const long middle = m == 0 ? now : first.days_since_epoch() + 14;
    const double age = static_cast<double>(std::max(0L, now - middle));
    const double half_life = r.recency_half_life_days > 0 ? r.recency_half_life_days : 180;
    source->add_mapping(month_key(first), r.recency_weight * std::pow(0.5, age / half_life));
  }
  source->set_default_weight(0);
  return Q(source->release());
}

// Text terms only: index terms start with a lower-case letter or a digit;
// prefixed ones (S, XCO, Q...) with a capital.
bool text_term(const std::string& term) {
  return term.size() > 1 && !(term[0] >= 'A' && term[0] <= 'Z');
}

// --- facets ------------------------------------------------------------------

std::vector<FacetValue> ranked(const std::map<std::string, Xapian::doccount>& counts,
                               unsigned top) {
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (const auto& [v, c] : counts) out.push_back({v, c});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (top > 0 && out.size() > top) out.resize(top);
  return out;
}

void add_spy_counts(const Xapian::ValueCountMatchSpy& spy,
                    std::map<std::string, Xapian::doccount>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] += it.get_termfreq();
}

}  // namespace

Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

struct Searcher::Impl {
  fs::path path;
  OpenOptions options;
  std::vector<ShardSpec> shards;
  bool has_remote = false;
  unsigned remote_shards = 0;  // in the stub
  OpenedDatabase opened;
  Xapian::Database& db;
  int schema_version = 0;
  analysis::Analyzer analyzer;
  const SynonymTable& synonyms = SynonymTable::builtin();
  const facets::CompanyGazetteer& companies = facets::CompanyGazetteer::builtin();
  const facets::TopicTaxonomy& topics = facets::TopicTaxonomy::builtin();
  index::DocReader reader;
  std::vector<Xapian::valueno> company_slots;  // those holding values
  std::vector<Xapian::valueno> topic_slots;
  bool month_slot = false;
  bool near_duplicates = false;

  Impl(const fs::path& p, const OpenOptions& o)
      : path(p),
        options(o),
        shards(shards_of(p)),
        opened(open_database(p, shards, options)),
        db(opened.combined),
        reader(opened.combined, opened.shards) {
    for (const ShardSpec& s : shards) remote_shards += s.remote ? 1 : 0;
    has_remote = remote_shards > 0;
    const std::string name = path.string();
    for (int attempt = 0;; ++attempt) {
      try {
        // The indexer may commit twice between opening and reading (the
        // revision read is then discarded): reopen and read again.
        if (attempt > 0) db.reopen();
        schema_version = check_schema(db, name);
        read_slot_usage();
        return;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt + 1 >= kModifiedRetries)
          throw DatabaseError(name + ": the database keeps changing while opening");
      } catch (const Xapian::NetworkError& e) {
        // A shard that answered the opening and failed just after.
        if (attempt > 0) throw DatabaseError(not_answering_any(e));
        search_failed(e, false);
      } catch (const Xapian::Error& e) {
        throw DatabaseError(name + ": " + e.get_type() + ": " + e.get_msg());
      }
    }
  }

  // The remote shard whose connection `e` came from, by its context
  // ("remote:tcp(10.0.0.7:7001)"), if it names one.
  std::optional<std::size_t> shard_named_by(const Xapian::NetworkError& e) const {
    const std::string context = e.get_context();
    for (std::size_t n : opened.present) {
      const ShardSpec& s = shards[n];
      if (s.remote && s.program.empty() &&
          context.find("(" + s.host + ":" + std::to_string(s.port) + ")") != std::string::npos)
        return n;
    }
    return std::nullopt;
  }

  // A remote connection failed while opening or searching. The remote
  // shards are asked again on new connections: a server that closed an idle
  // connection (xapian-tcpsrv --idle-timeout) answers, one that is down or
  // stuck does not. Without allow_partial, one that does not answer is an
  // error naming it; otherwise the database opens again without it (and
  // without those left out before). `blame_named`: also leave out the shard
  // `e` names even if it answered the new connection (it failed twice).
  void search_failed(const Xapian::NetworkError& e, bool blame_named) {
    std::map<std::size_t, std::string> failed;
    for (std::size_t n : opened.present) {
      if (!shards[n].remote) continue;
      try {
        open_shard(shards[n], options).get_doccount();
      } catch (const Xapian::Error& probe) {
        failed[n] = failure_reason(probe, options.remote_timeout_seconds);
      }
    }
    if (blame_named)
      if (const std::optional<std::size_t> named = shard_named_by(e))
        failed.emplace(*named, failure_reason(e, options.remote_timeout_seconds));
    if (!failed.empty() && !options.allow_partial)
      throw DatabaseError(not_answering(shards[failed.begin()->first], failed.begin()->second));
    std::map<std::size_t, std::string> left_out = failed;
    for (std::size_t n = 0; n < shards.size(); ++n)
      for (const MissingShard& m : opened.missing)
        if (m.shard == shards[n].name()) left_out.emplace(n, m.reason);
    opened = open_database(path, shards, options, left_out);
    reader = index::DocReader(opened.combined, opened.shards);
    try {
      read_slot_usage();
    } catch (const Xapian::NetworkError& again) {
      throw DatabaseError(not_answering_any(again));
    } catch (const Xapian::Error& other) {
      throw DatabaseError(path.string() + ": " + other.get_type() + ": " + other.get_msg());
    }
  }

  std::string not_answering_any(const Xapian::NetworkError& e) const {
    const std::string reason = failure_reason(e, options.remote_timeout_seconds);
    if (const std::optional<std::size_t> named = shard_named_by(e))
      return not_answering(shards[*named], reason);
    return path.string() + ": a remote shard failed (" + reason + ")";
  }

  void read_slot_usage() {
    company_slots.clear();
    topic_slots.clear();
    for (unsigned i = 0; i < schema::kMaxCompanySlots; ++i)
      if (db.get_value_freq(schema::kSlotCompanyFirst + i) > 0)
        company_slots.push_back(schema::kSlotCompanyFirst + i);
    for (unsigned i = 0; i < schema::kMaxTopics; ++i)
      if (db.get_value_freq(schema::kSlotTopicFirst + i) > 0)
        topic_slots.push_back(schema::kSlotTopicFirst + i);
    month_slot = db.get_value_freq(schema::kSlotMonth) > 0;
    near_duplicates = db.get_value_freq(schema::kSlotNearDuplicate) > 0;
  }

  struct Plan {
    Q query;
    bool weighted = false;
    BuiltQuery built;
  };

  Plan plan(const SearchOptions& o, Date today) {
    const QueryNode root = o.plain_text ? parse_plain_text(o.query) : parse_query(o.query);
    QueryBuilder builder(db, analyzer, synonyms, companies, topics, o.ranking, today,
                         o.max_expansions);
    Plan p;
    p.built = builder.build(root);
    Q match = p.built.match;
    p.weighted = p.built.weighted;
    if (!o.like.empty()) {
      const Q like = like_query(o.like);
      if (match.empty()) {
        match = like;
      } else if (p.weighted) {
        match = Q(Q::OP_AND_MAYBE, match, like);
      } else {
        match = Q(Q::OP_FILTER, like, match);
      }
      p.weighted = true;
    }
    const Q filters = builder.filters(o.filters);
    for (std::string& n : builder.take_notices()) p.built.notices.push_back(std::move(n));
    if (match.empty()) match = Q::MatchAll;
    if (!filters.empty())
      match = p.weighted ? Q(Q::OP_FILTER, match, filters) : Q(Q::OP_AND, match, filters);
    if (!p.weighted) {
      p.query = Q(Q::OP_SCALE_WEIGHT, match, 0.0);
      return p;
    }
    std::vector<Q> bonuses = p.built.bonuses;
    if (o.ranking.recency_weight > 0 && month_slot)
      bonuses.push_back(recency_query(o.ranking, today));
    p.query = with_bonuses(match, bonuses);
    return p;
  }

  // The terms that best tell an article apart, weighted: its stored title,
  // lead and text analysed again (a compacted copy has no termlists), each
  // term scored by how often the article uses it against how common it is.
  Q like_query(const std::string& id) {
    const std::string id_term = schema::boolean_term(schema::kId, id);
    Xapian::PostingIterator it = db.postlist_begin(id_term);
    if (it == db.postlist_end(id_term))
      throw UsageError("--like: no article with id \"" + id + "\" in " + path.string());
    const index::StoredArticle a = reader.decode(*it, db.get_document(*it).get_data());
    const index::TextWeights field_weights;
    std::map<std::string, double> frequency;
    double length = 0;
    auto count = [&](const std::string& text, double weight) {
      for (const analysis::Word& w : analyzer.analyze(text).words) {
        if (w.stopword) continue;
        for (const std::string& t : w.terms) frequency[t] += weight;
        length += weight;
      }
    };
    count(a.title, field_weights.title);
    count(a.lead, field_weights.lead);
    count(a.text, field_weights.body);
    const double documents = db.get_doccount();
    const double relative_length = length / std::max(1.0, db.get_avlength());
    constexpr double k = 1.0;
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& [term, f] : frequency) {
      if (!text_term(term)) continue;
      const double n = db.get_termfreq(term);
      if (n == 0) continue;
      const double idf = std::log(1.0 + (documents - n + 0.5) / (n + 0.5));
      scored.emplace_back((k + 1) * f / (k * relative_length + f) * idf, term);
    }
    const std::size_t keep = std::min<std::size_t>(kLikeTerms, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(),
                      [](const auto& x, const auto& y) {
                        return x.first != y.first ? x.first > y.first : x.second < y.second;
                      });
    scored.resize(keep);
    if (scored.empty()) throw UsageError("--like: article \"" + id + "\" has no text to compare");
    std::vector<Q> terms;
    for (const auto& [weight, term] : scored)
      terms.emplace_back(Q::OP_SCALE_WEIGHT, Q(term), weight / scored.front().first);
    return Q(Q::OP_AND_NOT, Q(Q::OP_OR, terms.begin(), terms.end()), Q(id_term));
  }

  void set_order(Xapian::Enquire& e, const SearchOptions& o, bool weighted,
                 std::unique_ptr<Xapian::MultiValueKeyMaker>& keys) {
    SortOrder sort = o.sort;
    // Nothing to rank by (filters only): newest first.
    if (sort == SortOrder::relevance && !weighted) sort = SortOrder::date;
    if (sort == SortOrder::relevance) {
      e.set_sort_by_relevance_then_value(schema::kSlotId, false);
      return;
    }
    const bool newest_first = sort == SortOrder::date;
    if (has_remote) {
      // KeyMakers do not run on remote shards: undated articles sort as the
      // smallest date there (first with date-asc).
      e.set_sort_by_value_then_relevance(schema::kSlotDate, newest_first);
      return;
    }
    keys = std::make_unique<Xapian::MultiValueKeyMaker>();
    // Undated articles go last in both orders.
    keys->add_value(schema::kSlotDate, newest_first, newest_first ? "" : "99999999");
    e.set_sort_by_key_then_relevance(keys.get(), false);
  }

  SearchResult search(const SearchOptions& o) {
    int network_failures = 0;
    bool reopen = false;  // a DatabaseModifiedError was met: reopen before retrying
    for (int attempt = 0;; ++attempt) {
      try {
        if (reopen) {
          // Inside the try: reopening may meet yet another commit.
          reopen = false;
          db.reopen();
          read_slot_usage();
        }
        SearchResult result = search_once(o);
        result.missing_shards = opened.missing;
        return result;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt + 1 >= kModifiedRetries)
          throw DatabaseError(path.string() + ": the database keeps changing while searching");
        reopen = true;
      } catch (const Xapian::NetworkError& e) {
        // Also NetworkTimeoutError: a shard too slow. First reconnect (and
        // leave out, with allow_partial, what does not answer); a second
        // failure leaves out the shard it names; a third is an error.
        ++network_failures;
        if (network_failures == 1) search_failed(e, false);
        else if (network_failures == 2 && options.allow_partial && shard_named_by(e))
          search_failed(e, true);
        else
          throw DatabaseError(not_answering_any(e));
      } catch (const Xapian::DatabaseCorruptError& e) {
        throw DatabaseError(path.string() + ": the database is damaged (" + e.get_msg() +
                            "); rebuild it with segugio-index --full");
      } catch (const Xapian::Error& e) {
        throw DatabaseError(path.string() + ": " + e.get_type() + ": " + e.get_msg());
      }
    }
  }

  SearchResult search_once(const SearchOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    const Date today = o.today ? *o.today : local_today();
    Plan p = plan(o, today);

    SearchResult result;
    result.query = o.query;
    result.notices = p.built.notices;

    // The spies and the key maker outlive the Enquire that points at them.
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> company_spies, topic_spies;
    std::unique_ptr<Xapian::ValueCountMatchSpy> month_spy;
    std::unique_ptr<Xapian::MultiValueKeyMaker> keys;
    Xapian::Enquire enquire(db);
    enquire.set_query(p.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(o.ranking.k1, 0, 1, o.ranking.b, 0.5));
    set_order(enquire, o, p.weighted, keys);
    if (o.collapse) {
      if (near_duplicates) enquire.set_collapse_key(schema::kSlotNearDuplicate);
      else
        result.notices.push_back(
            "questo indice non ha chiavi per i quasi-duplicati: --collapse non ha effetto "
            "(ricostruiscilo con un segugio-index recente)");
    }

    auto add_spies = [&] {
      for (Xapian::valueno slot : company_slots) {
        company_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire.add_matchspy(company_spies.back().get());
      }
      for (Xapian::valueno slot : topic_slots) {
        topic_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire.add_matchspy(topic_spies.back().get());
      }
      if (month_slot) {
        month_spy = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotMonth);
        enquire.add_matchspy(month_spy.get());
      }
    };
    const Xapian::doccount all = db.get_doccount();
    Xapian::doccount check = o.exact_total ? all : 0;
    // At least kExactMatches matches are weighed, not only enough to fill the
    // page: Xapian 1.4.22's early termination drops documents from the top of
    // Segugio's queries (a match with bonuses on the right of AND_MAYBE), in
    // one database and in shards alike: on 2,000 synthetic articles,
    // `85,3 oste -n 10` lost its 9th hit on 4 shards, found when 20 were
    // asked for. Weighing every match is exact but costs seconds for a common
    // word on 1,000,000 articles (p99 4.2 s on 4 shards), so ranking is exact
    // for queries matching up to kExactMatches articles and may be pruned
    // past that. A search with facets weighs at least as many as it counts.
    constexpr Xapian::doccount kExactMatches = 10000;
    if (p.weighted) check = std::max(check, std::min(all, kExactMatches));
    if (o.facets) check = std::max(check, o.facet_sample == 0 ? all : std::min(all, o.facet_sample));
    Xapian::MSet mset;
    if (o.facets && has_remote) {
      // Xapian 1.4.22 with remote shards: spies on a search whose page is
      // smaller than the matches sometimes count hits twice (seen:
      // `acquisizione OR fusione -n 5 --offset 3` on the bundled corpus, with
      // one remote shard and with two). Counting in a pass of its own, with
      // an empty page, is exact.
      mset = enquire.get_mset(o.offset, o.limit, check);
      add_spies();
      enquire.get_mset(0, 0, check);
    } else {
      if (o.facets) add_spies();
      mset = enquire.get_mset(o.offset, o.limit, check);
    }
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

    std::unordered_set<std::string> highlight(p.built.highlight_terms.begin(),
                                              p.built.highlight_terms.end());
    unsigned rank = o.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = ++rank;
      hit.score = it.get_weight();
      hit.similar = o.collapse && near_duplicates ? it.get_collapse_count() : 0;
      const Xapian::Document doc = it.get_document();
      hit.id = doc.get_value(schema::kSlotId);
      if (o.articles) fill_article(hit, *it, doc, highlight, o, result);
      result.hits.push_back(std::move(hit));
    }

    if (o.facets) {
      result.facets.counted = true;
      // Every spy saw the same documents; fewer than matched past facet_sample.
      const Xapian::ValueCountMatchSpy* any_spy =
          month_spy ? month_spy.get()
                    : !company_spies.empty() ? company_spies.front().get()
                    : !topic_spies.empty()   ? topic_spies.front().get()
                                             : nullptr;
      const auto seen = static_cast<Xapian::doccount>(any_spy ? any_spy->get_total() : 0);
      const double scale = seen > 0 && seen < result.total
                               ? static_cast<double>(result.total) / seen
                               : 1.0;
      result.facets.exact = scale == 1.0;
      std::map<std::string, Xapian::doccount> counts;
      auto scaled = [&](std::map<std::string, Xapian::doccount>& m) {
        if (scale == 1.0) return;
        for (auto& [v, c] : m) c = static_cast<Xapian::doccount>(std::llround(c * scale));
      };
      for (const auto& spy : company_spies) add_spy_counts(*spy, counts);
      scaled(counts);
      result.facets.companies = ranked(counts, o.facet_top);
      counts.clear();
      for (const auto& spy : topic_spies) add_spy_counts(*spy, counts);
      scaled(counts);
      result.facets.topics = ranked(counts, o.facet_top);
      counts.clear();
      if (month_spy) add_spy_counts(*month_spy, counts);
      scaled(counts);
      for (const auto& [month, count] : counts)  // "YYYY-MM" sort before "senza-data"
        result.facets.months.push_back({month, count});
    }
    if (o.spelling && !p.built.words.empty()) result.suggestion = suggest(o.query, p.built.words);
    result.elapsed_ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    return result;
  }

  void fill_article(Hit& hit, Xapian::docid did, const Xapian::Document& doc,
                    const std::unordered_set<std::string>& highlight, const SearchOptions& o,
                    SearchResult& result) {
    index::StoredArticle a;
    try {
      a = reader.decode(did, doc.get_data());
    } catch (const DatabaseError& e) {
      result.notices.push_back("articolo " + hit.id + " illeggibile: " + e.what());
      return;
    }
    if (hit.id.empty()) hit.id = a.id;
    hit.title = std::move(a.title);
    hit.date = a.date;
    hit.url = std::move(a.url);
    hit.path = std::move(a.path);
    hit.source = std::move(a.source);
    hit.companies = std::move(a.companies);
    hit.topics = std::move(a.topics);
    if (o.snippets) {
      std::string text = std::move(a.lead);
      if (!a.text.empty()) {
        if (!text.empty()) text += "\n\n";
        text += a.text;
      }
      hit.snippet = make_snippet(analyzer, text, highlight, o.snippet_bytes);
    }
  }

  // "Forse cercavi": each word replaced by the spelling table's suggestion
  // when the word is rare and the suggestion common.
  std::optional<std::string> suggest(const std::string& query, const std::vector<QueryWord>& words) {
    struct Replacement {
      std::size_t begin, end;
      std::string text;
    };
    std::vector<Replacement> replacements;
    for (const QueryWord& w : words) {
      std::string s;
      try {
        s = db.get_spelling_suggestion(w.surface);
      } catch (const Xapian::Error&) {
        return std::nullopt;  // no spelling data (a remote first shard)
      }
      if (s.empty() || s == w.surface) continue;
      const std::vector<std::string> terms = analyzer.terms_of(s);
      if (terms.empty() || terms.front() == w.main_term) continue;
      // A word of the index is a word, however rare (`colosso` is not a typo
      // for the commoner `coloro`), unless it is nearly absent and the
      // suggestion is everywhere (a typo that slipped into an article or two).
      const Xapian::doccount suggested = db.get_termfreq(terms.front());
      const Xapian::doccount typed = db.get_termfreq(w.main_term);
      if (suggested == 0) continue;
      if (typed > 0 && (typed > kMaxTypoFrequency || suggested < kTypoRatio * typed)) continue;
      if (w.end > query.size() || w.begin >= w.end) continue;
      replacements.push_back({w.begin, w.end, s});
    }
    if (replacements.empty()) return std::nullopt;
    std::sort(replacements.begin(), replacements.end(),
              [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
    std::string corrected = query;
    std::size_t limit = corrected.size();
    for (const Replacement& r : replacements) {
      if (r.end > limit) continue;  // overlapping: keep the later one
      corrected.replace(r.begin, r.end - r.begin, r.text);
      limit = r.begin;
    }
    return corrected;
  }

  DatabaseInfo info() {
    DatabaseInfo i;
    i.path = path.string();
    i.articles = db.get_doccount();
    i.undated = db.get_termfreq(std::string(schema::kNoDate));
    i.first_day = Date::parse_iso(db.get_value_lower_bound(schema::kSlotDate));
    i.last_day = Date::parse_iso(db.get_value_upper_bound(schema::kSlotDate));
    std::map<std::string, Xapian::doccount> sources;
    const std::string p(schema::kSource);
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it)
      sources[(*it).substr(p.size())] = it.get_termfreq();
    i.sources = ranked(sources, 0);
    for (std::size_t n = 0; n < shards.size(); ++n) {
      const ShardSpec& s = shards[n];
      ShardInfo shard;
      shard.location = s.location;
      shard.remote = s.remote;
      try {
        const auto at = std::find(opened.present.begin(), opened.present.end(), n);
        if (shards.size() == 1) shard.documents = i.articles;
        else if (at != opened.present.end())
          shard.documents = opened.shards[static_cast<std::size_t>(at - opened.present.begin())]
                                .get_doccount();
        if (!s.remote) {
          shard.bytes = size_on_disk(s.location);
          i.bytes += shard.bytes;
        }
      } catch (const Xapian::Error&) {
        // An unreachable shard is shown with no count.
      }
      i.shards.push_back(std::move(shard));
    }
    i.schema_version = schema_version;
    i.creator = db.get_metadata(std::string(schema::kMetaCreator));
    i.updated = db.get_metadata(std::string(schema::kMetaUpdated));
    try {
      i.spelling = db.spellings_begin() != db.spellings_end();
    } catch (const Xapian::Error&) {
      i.spelling = false;
    }
    return i;
  }
};

Searcher::Searcher(const fs::path& db, const OpenOptions& options)
    : impl_(std::make_unique<Impl>(db, options)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchOptions& options) { return impl_->search(options); }

std::string Searcher::explain(const SearchOptions& options) {
  try {
    return impl_->plan(options, options.today ? *options.today : local_today())
        .query.get_description();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->path.string() + ": " + e.get_type() + ": " + e.get_msg());
  }
}

DatabaseInfo Searcher::info() {
  try {
    return impl_->info();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->path.string() + ": " + e.get_type() + ": " + e.get_msg());
  }
}

const Xapian::Database& Searcher::database() const { return impl_->db; }

const std::vector<MissingShard>& Searcher::missing_shards() const {
  return impl_->opened.missing;
}

}  // namespace segugio::search
