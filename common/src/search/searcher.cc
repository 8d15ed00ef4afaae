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
#include "facet_match.h"
#include "more_like_this.h"
#include "searched_database.h"
#include "field_facets.h"
#include "score_parts.h"
#include "spelling.h"

namespace segugio::search {

namespace fs = std::filesystem;
using Q = Xapian::Query;

namespace {

// Months ahead of today's that the recency boost maps (older ones get nothing).
constexpr int kRecencyMonths = 240;

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

// The query with each word no article holds replaced by the correction
// searched in its place (BuiltQuery::corrections).
std::string corrected(std::string query, std::vector<BuiltQuery::Correction> corrections) {
  std::sort(corrections.begin(), corrections.end(),
            [](const auto& x, const auto& y) { return x.begin > y.begin; });
  std::size_t limit = query.size();
  for (const BuiltQuery::Correction& c : corrections) {
    if (c.end > limit || c.begin >= c.end) continue;
    query.replace(c.begin, c.end - c.begin, c.word);
    limit = c.begin;
  }
  return query;
}

}  // namespace

Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

struct Searcher::Impl {
  SearchedDatabase database;
  Xapian::Database& db;  // database.db(), the same object for the Searcher's life
  analysis::Analyzer analyzer;
  const SynonymTable& synonyms = SynonymTable::builtin();
  const facets::CompanyGazetteer& companies = facets::CompanyGazetteer::builtin();
  const facets::TopicTaxonomy& topics = facets::TopicTaxonomy::builtin();

  Impl(const fs::path& p, const OpenOptions& o) : database(p, o), db(database.db()) {}

  struct Plan {
    Q query;
    bool weighted = false;
    BuiltQuery built;
    // What facets count when it is not `query`'s matches: the articles that
    // match well enough (BuiltQuery::well_matched), weightless.
    Q facet_query;
    // `query` without its proximity bonuses, and those bonuses (OR'd, for
    // their bound), when the page may be weighed on candidates (MatchRequest).
    Q without_positional;
    Q positional;
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
    Q like;
    if (!o.like.empty())
      like = like_query(db, database.reader(), analyzer, o.like, path().string());
    p.weighted = p.built.weighted || !like.empty();
    const Q filters = builder.filters(o.filters);
    for (std::string& n : builder.take_notices()) p.built.notices.push_back(std::move(n));
    // The built match with --like and the filters.
    const auto narrowed = [&](Q m) {
      if (!like.empty()) {
        if (m.empty()) m = like;
        else if (p.built.weighted) m = Q(Q::OP_AND_MAYBE, m, like);
        else m = Q(Q::OP_FILTER, like, m);
      }
      if (m.empty()) m = Q::MatchAll;
      if (!filters.empty())
        m = p.weighted ? Q(Q::OP_FILTER, m, filters) : Q(Q::OP_AND, m, filters);
      return m;
    };
    Q match = narrowed(p.built.match);
    // A list by date or a facet count shows every match alike, so the OR
    // tail (`aggiornamento` without `firefox`) would fill it: both take the
    // articles that match well enough instead.
    if (p.weighted && !p.built.well_matched.empty()) {
      const Q well(Q::OP_FILTER, match, p.built.well_matched);
      // Facets: the rule alone when it implies the match (the same articles,
      // without walking the whole OR for each: 3.5% fewer instructions over
      // 60 faceted searches, bench/RESULTS.md section 35).
      const bool alone = p.built.well_matched_within && o.like.empty() && filters.empty();
      if (o.sort == SortOrder::relevance)
        p.facet_query = alone ? p.built.well_matched : Q(Q::OP_SCALE_WEIGHT, well, 0.0);
      else match = well;
    }
    if (!p.weighted) {
      p.query = Q(Q::OP_SCALE_WEIGHT, match, 0.0);
      return p;
    }
    std::vector<Q> bonuses = p.built.bonuses;
    if (o.ranking.recency_weight > 0 && database.month_slot())
      bonuses.push_back(recency_query(o.ranking, today));
    p.query = with_bonuses(match, bonuses);
    // The same query without its proximity bonuses, for a page weighed on
    // candidates (MatchRequest).
    const BuiltQuery& b = p.built;
    if (!b.positional.empty() && o.sort == SortOrder::relevance && !o.collapse) {
      std::vector<Q> rest;
      for (std::size_t i = 0; i < bonuses.size(); ++i)
        if (i < b.positional_begin || i >= b.positional_end) rest.push_back(bonuses[i]);
      p.without_positional = with_bonuses(
          b.match_without_proximity.empty() ? match : narrowed(b.match_without_proximity), rest);
      p.positional = Q(Q::OP_OR, b.positional.begin(), b.positional.end());
    }
    return p;
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
    if (database.has_remote()) {
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

  // A search, and when it finds little and the spelling suggestion is
  // confident (SearchOptions::correct), the suggestion's search instead.
  SearchResult search(const SearchOptions& o) {
    std::optional<SpellingSuggestion> spelled;
    SearchResult result = search_retrying(o, spelled);
    if (!o.correct || !spelled || !spelled->confident || result.total >= o.correct_below)
      return result;
    SearchOptions instead = o;
    instead.query = spelled->query;
    instead.spelling = false;
    SearchResult corrected = search_retrying(instead, spelled);
    if (corrected.total <= result.total) return result;
    corrected.query = o.query;
    corrected.corrected_query = instead.query;
    return corrected;
  }

  SearchResult search_retrying(const SearchOptions& o, std::optional<SpellingSuggestion>& spelled) {
    int network_failures = 0;
    bool reopen = false;  // a DatabaseModifiedError was met: reopen before retrying
    for (int attempt = 0;; ++attempt) {
      try {
        if (reopen) {
          // Inside the try: reopening may meet yet another commit.
          reopen = false;
          database.reopen();
        }
        SearchResult result = search_once(o, spelled);
        result.missing_shards = database.missing();
        return result;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt + 1 >= opening::kModifiedAttempts)
          throw DatabaseError(path().string() + ": the database keeps changing while searching");
        reopen = true;
      } catch (const Xapian::NetworkError& e) {
        // Also NetworkTimeoutError: a shard too slow. First reconnect (and
        // leave out, with allow_partial, what does not answer); a second
        // failure leaves out the shard it names; a third is an error.
        ++network_failures;
        if (network_failures == 1) database.network_failed(e, false);
        else if (network_failures == 2 && database.options().allow_partial &&
                 database.shard_named_by(e))
          database.network_failed(e, true);
        else
          throw DatabaseError(database.not_answering_any(e));
      } catch (const Xapian::DatabaseCorruptError& e) {
        throw DatabaseError(path().string() + ": the database is damaged (" + e.get_msg() +
                            "); rebuild it with segugio-index --full");
      } catch (const Xapian::Error& e) {
        throw DatabaseError(path().string() + ": " + e.get_type() + ": " + e.get_msg());
      }
    }
  }

  SearchResult search_once(const SearchOptions& o, std::optional<SpellingSuggestion>& spelled) {
    const auto started = std::chrono::steady_clock::now();
    const Date today = o.today ? *o.today : local_today();
    // First: bringing the two handles to one revision may reopen db.
    const Xapian::Database* counting =
        o.facets && o.parallel_facets ? database.counting_db() : nullptr;
    Plan p = plan(o, today);

    SearchResult result;
    result.query = o.query;
    result.notices = p.built.notices;
    if (!p.built.corrections.empty()) result.corrected_query = corrected(o.query, p.built.corrections);

    // The key maker outlives the Enquire that points at it.
    std::unique_ptr<Xapian::MultiValueKeyMaker> keys;
    Xapian::Enquire enquire(db);
    enquire.set_query(p.query);
    const Xapian::BM25Weight weighting(o.ranking.k1, 0, 1, o.ranking.b, 0.5);
    enquire.set_weighting_scheme(weighting);
    set_order(enquire, o, p.weighted, keys);
    if (o.collapse) {
      if (database.near_duplicates()) enquire.set_collapse_key(schema::kSlotNearDuplicate);
      else
        result.notices.push_back(
            "questo indice non ha chiavi per i quasi-duplicati: --collapse non ha effetto "
            "(ricostruiscilo con un segugio-index recente)");
    }

    MatchRequest request;
    request.offset = o.offset;
    request.limit = o.limit;
    request.weighted = p.weighted;
    request.exact_total = o.exact_total;
    request.facets = o.facets;
    request.facet_top = o.facet_top;
    request.facet_sample = o.facet_sample;
    request.facet_query = p.facet_query;
    request.collapse = o.collapse && database.near_duplicates();
    request.has_remote = database.has_remote();
    request.counting = counting;
    request.without_positional = p.without_positional;
    request.positional = p.positional;
    request.candidates = o.ranking.proximity_candidates;
    request.rescore_min = o.ranking.proximity_rescore_min;
    MatchOutcome match = run_match(db, enquire, database.facet_slots(), request);
    const Xapian::MSet& mset = match.mset;
    result.total = match.total;
    result.total_exact = match.total_exact;
    if (o.facets) result.facets = std::move(match.facets);

    std::unordered_set<std::string> highlight(p.built.highlight_terms.begin(),
                                              p.built.highlight_terms.end());
    unsigned rank = o.offset;
    std::vector<Xapian::docid> docids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      docids.push_back(*it);
      Hit hit;
      hit.rank = ++rank;
      hit.score = it.get_weight();
      hit.similar = o.collapse && database.near_duplicates() ? it.get_collapse_count() : 0;
      const Xapian::Document doc = it.get_document();
      hit.id = doc.get_value(schema::kSlotId);
      if (o.articles) fill_article(hit, *it, doc, highlight, o, result);
      result.hits.push_back(std::move(hit));
    }

    if (o.explain) explain_scores(db, weighting, p.query, docids, result.hits);
    if (o.facets && !o.facet_fields.empty())
      result.field_facets = count_field_facets(db, database.reader(), !p.facet_query.empty() ? p.facet_query : p.query,
                                               o.facet_fields, o.facet_top, !database.has_remote());
    spelled.reset();
    if (o.spelling && !p.built.words.empty())
      spelled = suggest_spelling(db, analyzer, o.query, p.built.words);
    if (spelled) result.suggestion = spelled->query;
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
      a = database.reader().decode(did, doc.get_data());
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

  const fs::path& path() const { return database.path(); }
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
    throw DatabaseError(impl_->path().string() + ": " + e.get_type() + ": " + e.get_msg());
  }
}

DatabaseInfo Searcher::info() {
  try {
    return impl_->database.info();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(impl_->path().string() + ": " + e.get_type() + ": " + e.get_msg());
  }
}

const Xapian::Database& Searcher::database() const { return impl_->db; }

const std::vector<MissingShard>& Searcher::missing_shards() const {
  return impl_->database.missing();
}

}  // namespace segugio::search
