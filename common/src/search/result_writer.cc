#include "segugio/search/result_writer.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>

#include <nlohmann/json.hpp>

namespace segugio::search {

namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kMatch = "\033[1;33m";
constexpr std::string_view kDim = "\033[2m";
constexpr std::string_view kReset = "\033[0m";

std::string join(const std::vector<std::string>& list, std::string_view sep) {
  std::string out;
  for (const std::string& s : list) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
  return buf;
}

std::string format_bytes(std::uintmax_t bytes) {
  char buf[32];
  const double b = static_cast<double>(bytes);
  if (bytes >= (1u << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", b / (1u << 30));
  else if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", b / (1u << 20));
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.1f KB", b / 1024);
  else std::snprintf(buf, sizeof buf, "%ju B", bytes);
  return buf;
}

// One letter for any run of blanks, for one-line fields.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// `estimated`: the counts are scaled from a sample, each said "circa".
std::string facet_line(const std::vector<FacetValue>& values, bool estimated = false) {
  std::string out;
  for (const FacetValue& v : values) {
    if (!out.empty()) out += " \u00b7 ";
    out += v.value + (estimated ? " (circa " : " (") + std::to_string(v.count) + ")";
  }
  return out;
}

// The JSON name of a field facet, and its label in text (padded like the
// other facets' labels).
const char* field_name(FacetField f) {
  switch (f) {
    case FacetField::author: return "author";
    case FacetField::source: return "source";
    case FacetField::tag: return "tag";
    case FacetField::section: return "section";
  }
  return "";
}

const char* field_label(FacetField f) {
  switch (f) {
    case FacetField::author: return "Autori:     ";
    case FacetField::source: return "Fonti:      ";
    case FacetField::tag: return "Tag:        ";
    case FacetField::section: return "Sezioni:    ";
  }
  return "";
}

// Months spanning more than two years: one bar per year instead.
std::vector<FacetValue> histogram_rows(const std::vector<FacetValue>& months) {
  std::string first, last;
  for (const FacetValue& m : months) {
    if (m.value.size() != 7) continue;
    if (first.empty()) first = m.value;
    last = m.value;
  }
  if (first.empty()) return months;
  const int span = (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4))) * 12 +
                   std::stoi(last.substr(5, 2)) - std::stoi(first.substr(5, 2)) + 1;
  if (span <= 24) return months;
  std::map<std::string, Xapian::doccount> years;
  std::vector<FacetValue> rows;
  FacetValue undated;
  for (const FacetValue& m : months) {
    if (m.value.size() == 7) years[m.value.substr(0, 4)] += m.count;
    else undated = m;
  }
  for (const auto& [y, c] : years) rows.push_back({y, c});
  if (undated.count > 0) rows.push_back(undated);
  return rows;
}

// --explain: the score, then a line a part ("   4.102  install"), bonuses marked.
void write_score_parts(const Hit& h, std::ostream& out) {
  if (h.score_parts.empty()) return;
  char line[64];
  std::snprintf(line, sizeof line, "     punteggio %.3f =\n", h.score);
  out << line;
  for (const ScorePart& p : h.score_parts) {
    std::snprintf(line, sizeof line, "       %8.3f  ", p.weight);
    out << line << p.part << (p.bonus ? "  (bonus)" : "") << "\n";
  }
}

void write_text(const SearchResult& r, const OutputOptions& o, std::ostream& out) {
  auto styled = [&](std::string_view style, const std::string& text) {
    if (!o.color) return text;
    return std::string(style) + text + std::string(kReset);
  };
  const std::string searched = r.corrected_query ? *r.corrected_query : r.query;
  const std::string quoted = "\u00ab" + one_line(searched) + "\u00bb";
  const std::string about = r.query.empty() ? "" : " per " + quoted;
  if (r.total == 0) {
    out << "Nessun risultato" << about << " (" << format_ms(r.elapsed_ms) << ")\n";
  } else {
    out << (r.total_exact ? "" : "circa ") << r.total
        << (r.total == 1 ? " risultato" : " risultati") << about << " ("
        << format_ms(r.elapsed_ms) << ")\n";
  }
  if (r.corrected_query)
    out << "Risultati per " << styled(kBold, quoted) << "; cerca invece \u00ab" << one_line(r.query)
        << "\u00bb con --no-correct\n";
  if (r.suggestion) out << "Forse cercavi: " << styled(kBold, *r.suggestion) << "\n";
  for (const std::string& n : r.notices) out << "Nota: " << n << "\n";

  if (o.hits) {
    const std::string open = o.color ? std::string(kMatch) : "[";
    const std::string close = o.color ? std::string(kReset) : "]";
    for (const Hit& h : r.hits) {
      char number[16];
      std::snprintf(number, sizeof number, "%3u. ", h.rank);
      out << "\n" << number << styled(kBold, h.title.empty() ? h.id : one_line(h.title)) << "\n";
      std::vector<std::string> meta;
      meta.push_back(h.date ? h.date->iso() : "senza data");
      if (!h.source.empty()) meta.push_back(h.source);
      if (!h.companies.empty()) {
        std::vector<std::string> top(h.companies.begin(),
                                     h.companies.begin() +
                                         static_cast<std::ptrdiff_t>(std::min<std::size_t>(
                                             h.companies.size(), 5)));
        meta.push_back(join(top, ", "));
      }
      if (!h.topics.empty()) meta.push_back(join(h.topics, ", "));
      if (h.similar > 0) {
        std::string similar = "+";
        similar += std::to_string(h.similar);
        similar += " simili";
        meta.push_back(std::move(similar));
      }
      out << "     " << styled(kDim, join(meta, " \u00b7 ")) << "\n";
      if (!h.snippet.empty()) out << "     " << h.snippet.render(open, close) << "\n";
      write_score_parts(h, out);
      const std::string& where = !h.path.empty() ? h.path : h.url;
      out << "     " << styled(kDim, where.empty() ? "[" + h.id + "]" : where + "  [" + h.id + "]")
          << "\n";
    }
  }

  if (o.facets && r.facets.counted && r.total > 0) {
    out << "\n";
    if (!r.facets.exact) out << "(conteggi stimati su un campione dei risultati)\n";
    const bool estimated = !r.facets.exact;
    if (!r.facets.companies.empty())
      out << "Aziende:    " << facet_line(r.facets.companies, estimated) << "\n";
    if (!r.facets.topics.empty())
      out << "Argomenti:  " << facet_line(r.facets.topics, estimated) << "\n";
    for (const FieldFacet& f : r.field_facets)
      out << field_label(f.field)
          << (!f.in_index          ? "(nessun articolo dell'indice ne ha)"
              : f.values.empty() ? "(nessuno tra i risultati)"
                                 : facet_line(f.values, false))
          << "\n";
    const std::vector<FacetValue> rows = histogram_rows(r.facets.months);
    if (!rows.empty()) {
      out << "Periodo:\n";
      Xapian::doccount top = 0;
      std::size_t label = 0;
      for (const FacetValue& m : rows) {
        top = std::max(top, m.count);
        label = std::max(label, m.value.size());
      }
      for (const FacetValue& m : rows) {
        const auto cells = static_cast<unsigned>(
            std::lround(static_cast<double>(m.count) * o.bar_width / static_cast<double>(top)));
        std::string bar;
        for (unsigned i = 0; i < std::max(1u, cells); ++i) bar += "\u2588";
        std::string name = m.value;
        name.resize(label, ' ');
        out << "  " << name << "  " << styled(kMatch, bar) << (estimated ? " circa " : " ")
            << m.count << "\n";
      }
    }
  }
}

nlohmann::ordered_json facet_json(const std::vector<FacetValue>& values) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FacetValue& v : values) {
    nlohmann::ordered_json item;
    item["value"] = v.value;
    item["count"] = v.count;
    list.push_back(std::move(item));
  }
  return list;
}

void write_json(const SearchResult& r, const OutputOptions& o, std::ostream& out) {
  nlohmann::ordered_json j;
  if (!o.query_id.empty()) j["query_id"] = o.query_id;
  j["query"] = r.query;
  j["total"] = r.total;
  j["total_exact"] = r.total_exact;
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  if (o.hits) {
    for (const Hit& h : r.hits) {
      nlohmann::ordered_json hit;
      hit["id"] = h.id;
      hit["rank"] = h.rank;
      hit["score"] = h.score;
      hit["title"] = h.title;
      hit["date"] = h.date ? nlohmann::ordered_json(h.date->iso()) : nlohmann::ordered_json();
      hit["url"] = h.url;
      hit["path"] = h.path;
      hit["source"] = h.source;
      hit["companies"] = h.companies;
      hit["topics"] = h.topics;
      hit["snippet"] = h.snippet.render("<b>", "</b>", true);
      hit["similar"] = h.similar;
      nlohmann::ordered_json parts = nlohmann::ordered_json::array();
      for (const ScorePart& p : h.score_parts)
        parts.push_back({{"part", p.part}, {"weight", p.weight}, {"bonus", p.bonus}});
      hit["score_parts"] = std::move(parts);
      hits.push_back(std::move(hit));
    }
  }
  j["hits"] = std::move(hits);
  if (r.facets.counted) {
    j["facets"] = {{"company", facet_json(r.facets.companies)},
                   {"topic", facet_json(r.facets.topics)},
                   {"month", facet_json(r.facets.months)},
                   {"total", r.facets.total},
                   {"total_exact", r.facets.exact}};
    for (const FieldFacet& f : r.field_facets) j["facets"][field_name(f.field)] = facet_json(f.values);
  } else {
    j["facets"] = nullptr;
  }
  j["facets_exact"] = r.facets.counted && r.facets.exact;
  j["suggestion"] = r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nlohmann::ordered_json();
  j["notices"] = r.notices;
  j["elapsed_ms"] = std::round(r.elapsed_ms * 1000) / 1000;
  nlohmann::ordered_json missing = nlohmann::ordered_json::array();
  for (const MissingShard& m : r.missing_shards)
    missing.push_back({{"shard", m.shard}, {"reason", m.reason}});
  j["missing_shards"] = std::move(missing);
  if (r.corrected_query)
    j["correction"] = {{"query", *r.corrected_query}, {"original", r.query}};
  else
    j["correction"] = nullptr;
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_trec(const SearchResult& r, const OutputOptions& o, std::ostream& out) {
  const std::string qid = trec_id(o.query_id.empty() ? "1" : o.query_id);
  const std::string tag = o.run_tag.empty() ? "segugio" : trec_id(o.run_tag);
  // Scores in millionths, each strictly below the one before: trec_eval sorts
  // by score (ties by docid, descending), not by rank.
  std::int64_t previous = 0;
  bool first = true;
  std::string line;
  for (const Hit& h : r.hits) {
    std::int64_t micro = std::llround(h.score * 1e6);
    if (!first && micro >= previous) micro = previous - 1;
    previous = micro;
    first = false;
    char score[40];
    const std::int64_t whole = micro / 1000000;
    std::int64_t frac = micro % 1000000;
    if (frac < 0) frac = -frac;
    const bool negative_fraction = micro < 0 && whole == 0;
    std::snprintf(score, sizeof score, "%s%" PRId64 ".%06" PRId64, negative_fraction ? "-" : "",
                  whole, frac);
    line.clear();
    line += qid;
    line += " Q0 ";
    line += trec_id(h.id);
    line += ' ';
    line += std::to_string(h.rank);
    line += ' ';
    line += score;
    line += ' ';
    line += tag;
    line += '\n';
    out << line;
  }
}

}  // namespace

std::string trec_id(std::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    switch (c) {
      case ' ': out += "%20"; break;
      case '%': out += "%25"; break;
      case '\t': out += "%09"; break;
      case '\n': out += "%0A"; break;
      case '\r': out += "%0D"; break;
      default: out += c;
    }
  }
  return out;
}

void write_result(const SearchResult& result, const OutputOptions& options, std::ostream& out) {
  switch (options.format) {
    case OutputFormat::text: write_text(result, options, out); break;
    case OutputFormat::json: write_json(result, options, out); break;
    case OutputFormat::trec: write_trec(result, options, out); break;
  }
}

void write_info(const DatabaseInfo& i, OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::json) {
    nlohmann::ordered_json j;
    j["path"] = i.path;
    j["articles"] = i.articles;
    j["undated"] = i.undated;
    j["first_date"] = i.first_day ? nlohmann::ordered_json(i.first_day->iso()) : nullptr;
    j["last_date"] = i.last_day ? nlohmann::ordered_json(i.last_day->iso()) : nullptr;
    j["sources"] = facet_json(i.sources);
    nlohmann::ordered_json shards = nlohmann::ordered_json::array();
    for (const ShardInfo& s : i.shards)
      shards.push_back({{"location", s.location},
                        {"remote", s.remote},
                        {"articles", s.documents},
                        {"bytes", s.bytes}});
    j["shards"] = std::move(shards);
    j["bytes"] = i.bytes;
    j["schema"] = i.schema_version;
    j["creator"] = i.creator;
    j["updated"] = i.updated;
    j["spelling"] = i.spelling;
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  out << "Database:     " << i.path << "\n";
  out << "Articoli:     " << i.articles;
  if (i.undated > 0) out << " (" << i.undated << " senza data)";
  out << "\n";
  if (i.first_day && i.last_day)
    out << "Periodo:      " << i.first_day->iso() << " \u2013 " << i.last_day->iso() << "\n";
  if (!i.sources.empty()) out << "Fonti:        " << facet_line(i.sources) << "\n";
  out << "Shard:        " << i.shards.size() << "\n";
  for (const ShardInfo& s : i.shards) {
    out << "  " << (s.remote ? "remoto " : "locale ") << s.location << ": " << s.documents
        << " articoli";
    if (!s.remote) out << ", " << format_bytes(s.bytes);
    out << "\n";
  }
  out << "Dimensione:   " << format_bytes(i.bytes) << " (shard locali)\n";
  out << "Schema:       " << i.schema_version;
  if (!i.creator.empty()) out << " (" << i.creator << ")";
  out << "\n";
  out << "Aggiornato:   " << (i.updated.empty() ? "?" : i.updated) << "\n";
  out << "Ortografia:   " << (i.spelling ? "s\u00ec (Forse cercavi)" : "no") << "\n";
}

}  // namespace segugio::search
