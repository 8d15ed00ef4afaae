#include "segugio/eval/synthetic_corpus.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/data.h"
#include "segugio/core/error.h"

namespace segugio::eval {

namespace fs = std::filesystem;

namespace {

// splitmix64: small, fast, and the same on every platform (the standard
// distributions are not, so none is used).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) {
    return std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n)));
  }
  std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// Ranks drawn with probability proportional to 1 / (rank + 2.7)^s
// (Zipf-Mandelbrot: the shift keeps the first few ranks from dominating).
class ZipfSampler {
 public:
  ZipfSampler() = default;
  ZipfSampler(std::size_t n, double exponent) : cumulative_(n) {
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
      total += 1.0 / std::pow(static_cast<double>(r) + 2.7, exponent);
      cumulative_[r] = total;
    }
  }
  std::size_t operator()(Rng& rng) const {
    const double u = rng.uniform() * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

std::vector<std::string> data_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

// The companies of companies.tsv, in file order (the best-known first), news
// outlets and blocked phrases left out; a short list when the library was
// built without the gazetteer data.
std::vector<std::string> load_companies() {
  std::vector<std::string> names;
  try {
    for (const std::string& line : data_lines(data::file("companies.tsv"))) {
      const std::vector<std::string> cols = split(line, '\t');
      if (cols.size() < 2) continue;
      if (cols[1].find("outlet") != std::string::npos || cols[1].find("block") != std::string::npos)
        continue;
      std::string name = cols[0];
      name.erase(0, name.find_first_not_of("~^@"));  // ambiguity markers
      if (!name.empty() && name != "-") names.push_back(name);
    }
  } catch (const std::logic_error&) {
    // Built without the facets data: fall through to the short list.
  }
  if (names.size() < 10)
    names = {"Microsoft", "Google", "Apple",   "Amazon", "Meta",     "OpenAI",    "Nvidia",
             "Intel",     "AMD",    "Samsung", "TIM",    "Leonardo", "Fastweb",   "Mistral AI",
             "IBM",       "Oracle", "Huawei",  "Enel",   "Vodafone", "Stellantis"};
  return names;
}

struct TopicWords {
  std::string name;
  std::vector<std::string> words;  // the cues of weight 3 and 2
};

std::vector<TopicWords> load_topics() {
  std::vector<TopicWords> topics;
  try {
    for (const std::string& line : data_lines(data::file("topics.tsv"))) {
      const std::vector<std::string> cols = split(line, '\t');
      if (cols.size() >= 3 && cols[0] == "topic") {
        topics.push_back({cols[2], {}});
      } else if (cols.size() == 2 && (cols[0] == "3" || cols[0] == "2") && !topics.empty()) {
        for (std::string w : split(cols[1], '|')) {
          w.erase(0, w.find_first_not_of("=~^@"));  // matching markers (`=solare`)
          if (!w.empty()) topics.back().words.push_back(w);
        }
      }
    }
  } catch (const std::logic_error&) {
  }
  std::erase_if(topics, [](const TopicWords& t) { return t.words.empty(); });
  if (topics.empty())
    topics = {{"Intelligenza artificiale",
               {"intelligenza artificiale", "modelli linguistici", "reti neurali", "chatbot",
                "addestramento"}},
              {"Cloud", {"cloud", "data center", "server", "archiviazione", "hyperscaler"}},
              {"Sicurezza informatica",
               {"ransomware", "attacco informatico", "phishing", "vulnerabilità", "password"}},
              {"Telecomunicazioni", {"fibra ottica", "5G", "rete mobile", "banda larga"}}};
  return topics;
}

constexpr std::array kMonths = {"gen", "feb", "mar", "apr", "mag", "giu",
                                "lug", "ago", "set", "ott", "nov", "dic"};
constexpr std::array kFirstNames = {"Giulia", "Marco", "Francesca", "Luca",    "Chiara",
                                    "Andrea", "Sara",  "Matteo",    "Elena",   "Davide",
                                    "Laura",  "Paolo", "Federica",  "Stefano", "Valentina"};
constexpr std::array kLastNames = {"Rossi", "Bianchi", "Esposito", "Romano",  "Colombo",
                                   "Ricci", "Marino",  "Greco",    "Bruno",   "Gallo",
                                   "Conti", "Costa",   "Giordano", "Mancini", "Lombardi"};
constexpr std::array kSections = {"news", "attualità", "mercati", "approfondimenti", "analisi"};

bool starts_with_vowel(std::string_view w) {
  if (w.empty()) return false;
  if (std::string_view("aeiouhAEIOUH").find(w[0]) != std::string_view::npos) return true;
  return w.rfind("\xC3\xA8", 0) == 0 || w.rfind("\xC3\xA0", 0) == 0;  // è, à
}

void capitalise(std::string& s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
}

std::string two_digits(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

}  // namespace

CorpusFormat parse_corpus_format(std::string_view name) {
  if (name == "txt") return CorpusFormat::txt;
  if (name == "md") return CorpusFormat::md;
  if (name == "jsonl") return CorpusFormat::jsonl;
  throw UsageError("--format takes txt, md or jsonl, not '" + std::string(name) + "'");
}

struct SyntheticCorpus::Impl {
  SyntheticCorpusOptions options;
  std::vector<std::string> words;      // content words, most frequent first
  std::vector<std::string> stopwords;  // in the order of the list
  std::vector<std::string> elisions;
  std::vector<std::string> companies;
  std::vector<std::string> topic_names;
  std::vector<TopicWords> topics;
  ZipfSampler word_rank;
  ZipfSampler stopword_rank;
  ZipfSampler company_rank;

  // Everything an article's sentences draw on.
  struct Context {
    Rng& rng;
    std::vector<std::string> companies;
    const TopicWords& topic;
  };

  std::string content_word(Rng& rng) const { return words[word_rank(rng)]; }

  std::string sentence_words(Context& c, std::size_t min_words, std::size_t max_words,
                             bool commas) const {
    const std::size_t n = c.rng.between(min_words, max_words);
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
      if (!s.empty()) s += ' ';
      const double roll = c.rng.uniform();
      if (roll < 0.04 && !c.companies.empty()) {
        s += c.companies[c.rng.below(c.companies.size())];
      } else if (roll < 0.08) {
        s += c.topic.words[c.rng.below(c.topic.words.size())];
      } else if (roll < 0.09) {
        s += c.rng.chance(0.5) ? std::to_string(c.rng.between(1990, 2025))
                               : std::to_string(c.rng.between(1, 99)) + "," +
                                     std::to_string(c.rng.below(10)) + "%";
      } else if (roll < 0.48) {
        s += stopwords[stopword_rank(c.rng)];
      } else {
        const std::string w = content_word(c.rng);
        if (starts_with_vowel(w) && c.rng.chance(0.12)) {
          s += elisions[c.rng.below(elisions.size())];
          s += c.rng.chance(0.75) ? "'" : "\u2019";
        }
        s += w;
      }
      if (commas && i + 1 < n && c.rng.chance(0.06)) s += ',';
    }
    capitalise(s);
    return s;
  }

  std::string sentence(Context& c) const { return sentence_words(c, 8, 28, true) + "."; }
};

SyntheticCorpus::SyntheticCorpus(const SyntheticCorpusOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = options;
  if (m.options.files_per_folder == 0) throw UsageError("files per folder must be at least 1");
  std::ifstream in(options.word_list, std::ios::binary);
  if (!in)
    throw DataError(options.word_list.string() +
                    ": cannot read the Italian word list (apt-get install witalian)");
  std::vector<std::pair<double, std::string>> keyed;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Common nouns, verbs and adjectives only: no proper names, numbers or
    // abbreviations, and no stopwords (drawn apart, at their own rate).
    if (line.size() < 2 || line.size() > 24) continue;
    if (line.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-' ") != std::string::npos)
      continue;
    if (analysis::is_stopword(line)) continue;
    // Shorter words rank higher, with noise so that every length mixes.
    Rng noise(fnv1a(line) ^ (options.seed * 0x2545F4914F6CDD1DULL));
    keyed.emplace_back(static_cast<double>(line.size()) + 7.0 * noise.uniform(), line);
  }
  if (keyed.size() < 1000)
    throw DataError(options.word_list.string() + ": fewer than 1,000 usable words");
  std::sort(keyed.begin(), keyed.end());
  m.words.reserve(keyed.size());
  for (auto& [key, word] : keyed) m.words.push_back(std::move(word));

  for (const std::string& w : data_lines(data::file("stopwords-it.txt")))
    if (w.find(' ') == std::string::npos) m.stopwords.push_back(w);
  for (const std::string& w : data_lines(data::file("elisions-it.txt")))
    if (w.size() >= 3 || w == "l") m.elisions.push_back(w);  // dell', all', l'... not d', c'
  if (m.stopwords.empty() || m.elisions.empty())
    throw std::logic_error("built-in stopword or elision list is empty");
  m.companies = load_companies();
  m.topics = load_topics();
  for (const TopicWords& t : m.topics) m.topic_names.push_back(t.name);
  m.word_rank = ZipfSampler(m.words.size(), options.zipf_exponent);
  m.stopword_rank = ZipfSampler(m.stopwords.size(), 0.8);
  m.company_rank = ZipfSampler(m.companies.size(), 1.1);
}

SyntheticCorpus::~SyntheticCorpus() = default;
SyntheticCorpus::SyntheticCorpus(SyntheticCorpus&&) noexcept = default;
SyntheticCorpus& SyntheticCorpus::operator=(SyntheticCorpus&&) noexcept = default;

const std::vector<std::string>& SyntheticCorpus::companies() const {
  return impl_->companies;
}
const std::vector<std::string>& SyntheticCorpus::topics() const {
  return impl_->topic_names;
}

std::string SyntheticCorpus::relative_path(std::size_t n) const {
  const std::size_t per = impl_->options.files_per_folder;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04zu/%06zu.%s", n / per, n,
                impl_->options.format == CorpusFormat::md ? "md" : "txt");
  return buf;
}

Article SyntheticCorpus::article(std::size_t n) const {
  const Impl& m = *impl_;
  Rng rng(fnv1a(std::to_string(n)) ^ (m.options.seed * 0x9E3779B97F4A7C15ULL) ^ n);
  rng.next();

  Article a;
  a.id = "a" + std::to_string(n);
  const long first = Date{2015, 1, 1}.days_since_epoch();
  a.date = Date::from_days_since_epoch(first + static_cast<long>(rng.below(3653)));  // ten years

  const TopicWords& topic = m.topics[rng.below(m.topics.size())];
  Impl::Context c{rng, {}, topic};
  if (rng.chance(0.75)) c.companies.push_back(m.companies[m.company_rank(rng)]);
  if (rng.chance(0.3)) c.companies.push_back(m.companies[m.company_rank(rng)]);
  if (c.companies.size() == 2 && c.companies[0] == c.companies[1]) c.companies.pop_back();

  // A section line is a short label (at most three words), as on news sites.
  const bool label =
      topic.name.size() <= 30 && std::count(topic.name.begin(), topic.name.end(), ' ') <= 2;
  a.section =
      rng.chance(0.7) && label ? topic.name : std::string(kSections[rng.below(kSections.size())]);
  a.tags.push_back(topic.name);
  if (!c.companies.empty() && topic.name.size() + c.companies[0].size() < 70)
    a.tags.push_back(c.companies[0]);
  a.author = std::string(kFirstNames[rng.below(kFirstNames.size())]) + " " +
             kLastNames[rng.below(kLastNames.size())];

  // Title: "Microsoft: parole ... cloud ..." or words with a cue in them.
  std::string title = m.sentence_words(c, 4, 9, false);
  const std::string cue = topic.words[rng.below(topic.words.size())];
  title += rng.chance(0.5) ? " " + cue : "";
  if (!c.companies.empty() && rng.chance(0.6)) title = c.companies[0] + ": " + title;
  a.title = title;

  a.lead = m.sentence(c);
  if (rng.chance(0.5)) a.lead += " " + m.sentence(c);

  const std::size_t paragraphs = rng.between(4, 12);
  for (std::size_t p = 0; p < paragraphs; ++p) {
    if (!a.body.empty()) a.body += "\n\n";
    if (p >= 2 && rng.chance(0.25))
      a.body += m.sentence_words(c, 3, 7, false) + "\n\n";  // sub-heading
    const std::size_t sentences = rng.between(2, 6);
    for (std::size_t s = 0; s < sentences; ++s) a.body += (s ? " " : "") + m.sentence(c);
  }

  std::string slug;
  for (const char ch : a.title.substr(0, 60)) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
      slug += ch;
    else if (ch >= 'A' && ch <= 'Z')
      slug += static_cast<char>(ch - 'A' + 'a');
    else if (!slug.empty() && slug.back() != '-')
      slug += '-';
  }
  a.url = "https://notizie.example/" + std::to_string(a.date->year) + "/" +
          two_digits(a.date->month) + "/" + slug + std::to_string(n);
  a.source = "notizie.example";
  return a;
}

std::string render_scraped_text(const Article& a) {
  std::string out;
  out += a.section + "\n\n" + a.title + "\n\n\n\nIndirizzo copiato\n\n" + a.lead + "\n\n";
  if (a.date)
    out += "Pubblicato il " + std::to_string(a.date->day) + " " + kMonths[a.date->month - 1] + " " +
           std::to_string(a.date->year) + "\n\n\n\n";
  for (std::size_t i = 0; i < a.tags.size(); ++i) out += (i ? ", " : "") + a.tags[i];
  out += "\n\n" + a.body + "\n\nArticoli correlati\n";
  return out;
}

std::string render_markdown(const Article& a) {
  const auto quoted = [](const std::string& s) { return nlohmann::json(s).dump(); };
  std::string out = "---\ntitle: " + quoted(a.title) + "\n";
  if (a.date) out += "date: " + a.date->iso() + "\n";
  out += "author: " + quoted(a.author) + "\nsection: " + quoted(a.section) +
         "\ndescription: " + quoted(a.lead) + "\nurl: " + quoted(a.url) + "\ntags: [";
  for (std::size_t i = 0; i < a.tags.size(); ++i) out += (i ? ", " : "") + quoted(a.tags[i]);
  out += "]\n---\n\n";
  // A paragraph without a final full stop is a sub-heading.
  std::size_t start = 0;
  while (start < a.body.size()) {
    std::size_t end = a.body.find("\n\n", start);
    if (end == std::string::npos) end = a.body.size();
    const std::string para = a.body.substr(start, end - start);
    out += (para.empty() || para.back() == '.' ? "" : "## ") + para + "\n\n";
    start = end + 2;
  }
  return out;
}

std::string render_json_line(const Article& a) {
  nlohmann::json j = {{"id", a.id},     {"title", a.title},   {"lead", a.lead},
                      {"url", a.url},   {"source", a.source}, {"section", a.section},
                      {"tags", a.tags}, {"author", a.author}, {"text", a.body}};
  if (a.date) j["date"] = a.date->iso();
  return j.dump() + "\n";
}

SyntheticCorpusReport write_synthetic_corpus(const SyntheticCorpusOptions& options,
                                             const fs::path& out) {
  const SyntheticCorpus corpus(options);
  SyntheticCorpusReport report;
  const auto fail = [](const fs::path& p) { throw DataError(p.string() + ": cannot write"); };
  try {
    fs::create_directories(out);
  } catch (const fs::filesystem_error& e) {
    throw DataError(out.string() + ": cannot create the folder: " + e.code().message());
  }
  std::ofstream jsonl;
  const fs::path jsonl_path = out / "articles.jsonl";
  if (options.format == CorpusFormat::jsonl) {
    jsonl.open(jsonl_path, std::ios::binary | std::ios::trunc);
    if (!jsonl) fail(jsonl_path);
    report.files = 1;
  }
  for (std::size_t n = 0; n < options.articles; ++n) {
    const Article a = corpus.article(n);
    report.text_bytes += a.title.size() + a.lead.size() + a.body.size();
    std::string text;
    if (options.format == CorpusFormat::jsonl) {
      text = render_json_line(a);
      if (!jsonl.write(text.data(), static_cast<std::streamsize>(text.size()))) fail(jsonl_path);
    } else {
      text = options.format == CorpusFormat::md ? render_markdown(a) : render_scraped_text(a);
      const fs::path path = out / corpus.relative_path(n);
      if (n % options.files_per_folder == 0) {
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) fail(path.parent_path());
      }
      std::ofstream file(path, std::ios::binary | std::ios::trunc);
      if (!file.write(text.data(), static_cast<std::streamsize>(text.size()))) fail(path);
      ++report.files;
    }
    report.bytes += text.size();
    ++report.articles;
  }
  if (jsonl.is_open()) {
    jsonl.close();
    if (!jsonl) fail(jsonl_path);
  }
  return report;
}

}  // namespace segugio::eval
