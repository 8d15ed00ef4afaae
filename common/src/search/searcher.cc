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
#include "segugio/index/id_lookup.h"
#include "segugio/index/schema.h"
#include "segugio/search/query_builder.h"
#include "segugio/search/query_parser.h"
#include "segugio/search/synonyms.h"
#include "facet_spies.h"
#include "shard_opening.h"

namespace segugio::search {

namespace fs = std::filesystem;
using Q = Xapian::Query;
using namespace opening;

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
    // What facets count when it is not `query`'s matches: the articles that
    // match well enough (BuiltQuery::well_matched), weightless.
    Q facet_query;
  };

  Plan plan(const SearchOptions& o, Date today) {
    std::vector<std::string> parse_notices;
    const QueryNode root =
        o.plain_text ? parse_plain_text(o.query) : parse_query(o.query, &parse_notices);
    QueryBuilder builder(db, analyzer, synonyms, companies, topics, o.ranking, today,
                         o.max_expansions);
    Plan p;
    p.built = builder.build(root);
    p.built.notices.insert(p.built.notices.begin(), parse_notices.begin(), parse_notices.end());
    if (p.built.stopwords_only && p.built.match.empty() && o.like.empty() && o.filters.empty())
      throw UsageError("only stopwords given (like \"il\", \"di\"), which are not indexed: "
                       "type at least one other word");
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
    // A list by date or a facet count shows every match alike, so the OR
    // tail (`aggiornamento` without `firefox`) would fill it: both take the
    // articles that match well enough instead.
    if (p.weighted && !p.built.well_matched.empty()) {
      const Q well(Q::OP_FILTER, match, p.built.well_matched);
      if (o.sort == SortOrder::relevance) p.facet_query = Q(Q::OP_SCALE_WEIGHT, well, 0.0);
      else match = well;
    }
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
    // As written, else in any case (the first of the ids that differ only so).
    const std::vector<std::string> found = index::id_terms(db, id);
    const std::string id_term = found.empty() ? schema::boolean_term(schema::kId, id) : found[0];
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
    FacetSpies spies(company_slots, topic_slots, month_slot);
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
    const Xapian::doccount facet_check = o.facet_sample == 0 ? all : std::min(all, o.facet_sample);
    const bool facets_apart = o.facets && !p.facet_query.empty();
    if (o.facets && !facets_apart) check = std::max(check, facet_check);
    Xapian::MSet mset;
    Xapian::doccount facet_total = 0;  // the matches the facets describe
    if (facets_apart) {
      // Counted in a pass of their own over the well-matched articles, which
      // needs no weights.
      mset = enquire.get_mset(o.offset, o.limit, check);
      Xapian::Enquire counting(db);
      counting.set_query(p.facet_query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      counting.set_docid_order(Xapian::Enquire::DONT_CARE);
      spies.attach(counting);
      facet_total = counting.get_mset(0, 0, facet_check).get_matches_estimated();
    } else if (o.facets && has_remote) {
      // Xapian 1.4.22 with remote shards: spies on a search whose page is
      // smaller than the matches sometimes count hits twice (seen:
      // `acquisizione OR fusione -n 5 --offset 3` on the bundled corpus, with
      // one remote shard and with two). Counting in a pass of its own, with
      // an empty page, is exact.
      mset = enquire.get_mset(o.offset, o.limit, check);
      spies.attach(enquire);
      enquire.get_mset(0, 0, check);
    } else {
      if (o.facets) spies.attach(enquire);
      mset = enquire.get_mset(o.offset, o.limit, check);
    }
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (!facets_apart) facet_total = result.total;

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

    if (o.facets) result.facets = spies.counts(facet_total, o.facet_top);
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
