#include "segugio/eval/trec.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <istream>
#include <ostream>

#include "segugio/core/error.h"

namespace segugio::eval {

namespace {

std::vector<std::string_view> split_blanks(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

[[noreturn]] void bad_line(const std::string& name, std::size_t line_no, const std::string& what) {
  throw DataError(name + ":" + std::to_string(line_no) + ": " + what);
}

template <typename Number>
bool parse_number(std::string_view field, Number& value) {
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, value);
  return ec == std::errc() && ptr == end;
}

// Calls take(fields, line number) for each line of `in` that is not blank;
// a line without `count` blank-separated fields is a DataError naming `name`.
template <typename Take>
void for_each_record(std::istream& in, const std::string& name, std::size_t count,
                     const char* expected, Take&& take) {
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const auto fields = split_blanks(line);
    if (fields.empty()) continue;
    if (fields.size() != count) bad_line(name, line_no, expected);
    take(fields, line_no);
  }
}

}  // namespace

std::string encode_trec_id(std::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (const char c : id) {
    if (c == '%')
      out += "%25";
    else if (c == ' ')
      out += "%20";
    else
      out += c;
  }
  return out;
}

std::string decode_trec_id(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '%' && i + 2 < field.size() && field[i + 1] == '2' &&
        (field[i + 2] == '0' || field[i + 2] == '5')) {
      out += field[i + 2] == '0' ? ' ' : '%';
      i += 2;
    } else {
      out += field[i];
    }
  }
  return out;
}

Qrels read_qrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  for_each_record(
      in, name, 4, "expected 'qid 0 docid grade'", [&](const auto& fields, std::size_t line_no) {
        int grade = 0;
        if (!parse_number(fields[3], grade)) bad_line(name, line_no, "grade is not an integer");
        Judgements& judged = qrels[decode_trec_id(fields[0])];
        if (!judged.emplace(decode_trec_id(fields[2]), grade).second)
          bad_line(name, line_no, "document " + std::string(fields[2]) + " judged twice");
      });
  return qrels;
}

Qrels read_qrels_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot read the qrels");
  return read_qrels(in, path);
}

Run read_run(std::istream& in, const std::string& name) {
  Run run;
  for_each_record(in, name, 6, "expected 'qid Q0 docid rank score tag'",
                  [&](const auto& fields, std::size_t line_no) {
                    long rank = 0;
                    double score = 0;
                    if (!parse_number(fields[3], rank))
                      bad_line(name, line_no, "rank is not an integer");
                    if (!parse_number(fields[4], score))
                      bad_line(name, line_no, "score is not a number");
                    run[decode_trec_id(fields[0])].push_back({decode_trec_id(fields[2]), score});
                  });
  for (auto& [qid, docs] : run) {
    // trec_eval's order: decreasing score, ties by decreasing docid.
    std::stable_sort(docs.begin(), docs.end(), [](const RankedDoc& a, const RankedDoc& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.id > b.id;
    });
  }
  return run;
}

void write_run(std::ostream& out, const Run& run, std::string_view tag) {
  char score_text[64];
  for (const auto& [qid, docs] : run) {
    const std::string encoded_qid = encode_trec_id(qid);
    // Scores in millionths: exact in print, and strictly decreasing.
    long long previous = 0;
    std::size_t rank = 0;
    for (const RankedDoc& doc : docs) {
      long long micro = std::llround(doc.score * 1e6);
      if (rank > 0 && micro >= previous) micro = previous - 1;
      previous = micro;
      const long long whole = micro / 1000000;
      const long long frac = std::llabs(micro % 1000000);
      std::snprintf(score_text, sizeof score_text, "%s%lld.%06lld",
                    micro < 0 && whole == 0 ? "-" : "", whole, frac);
      out << encoded_qid << " Q0 " << encode_trec_id(doc.id) << ' ' << ++rank << ' ' << score_text
          << ' ' << tag << '\n';
    }
  }
}

}  // namespace segugio::eval
