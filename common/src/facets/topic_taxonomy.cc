#include "segugio/facets/topic_taxonomy.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "data_lines.h"
#include "name_tokens.h"
#include "segugio/core/data.h"
#include "segugio/core/error.h"
#include "segugio/text/normalize.h"

namespace segugio::facets {

namespace {

using detail::StringMap;

// One word of a vocabulary entry: its main index term (stem), or, for names,
// acronyms and words marked `=`, its folded surface form (`AGI` must not meet
// `agio`, nor `Parlamento` meet `parlare`, though they share a stem).
struct CueWord {
  std::string key;
  bool surface = false;
  bool operator==(const CueWord&) const = default;
};

// One vocabulary entry: a word or a phrase.
struct Cue {
  std::vector<CueWord> words;  // its words that are not stopwords
  std::uint32_t topic = 0;
  double weight = 0;
};

// What a topic is to the others (`role` lines of topics.tsv).
enum class Role {
  specific,  // the default: an article can be about it alone
  frame,     // frames whole sources: yields the main slot to a specific topic
  context,   // about technology only beside a topic that is not `context`
  backdrop,  // a topic on its own, beside others only their background:
             // keeps no `context` topic, takes no main slot from a `frame`
};

// Lines of code in an article's code blocks (blank lines apart).
std::size_t code_lines(std::string_view code) {
  std::size_t lines = 0;
  bool blank = true;
  for (const char c : code) {
    if (c == '\n') {
      blank = true;
    } else if (blank && c != ' ' && c != '\t') {
      blank = false;
      ++lines;
    }
  }
  return lines;
}

// Field weights: a cue in the title says more than one in the body.
constexpr double kTitleWeight = 3.0;
constexpr double kLeadWeight = 2.0;
constexpr double kBodyWeight = 1.0;

// The words of an analysis that carry meaning, in order.
std::vector<const analysis::Word*> content_words(const analysis::Analysis& a) {
  std::vector<const analysis::Word*> out;
  out.reserve(a.words.size());
  for (const analysis::Word& w : a.words)
    if (!w.stopword && !w.terms.empty()) out.push_back(&w);
  return out;
}

bool has_term(const analysis::Word& w, std::string_view term) {
  for (const std::string& t : w.terms)
    if (t == term) return true;
  return false;
}

bool is_ascii(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A word's surface (already lower case), accents removed.
std::string folded_surface(const analysis::Word& w) {
  return is_ascii(w.surface) ? w.surface : text::fold(w.surface);
}

bool word_matches(const analysis::Word& w, const CueWord& cw) {
  return cw.surface ? folded_surface(w) == cw.key : has_term(w, cw.key);
}

}  // namespace

struct TopicTaxonomy::Impl {
  std::vector<Topic> topics;
  std::vector<Role> roles;           // per topic
  std::vector<double> code_weights;  // per topic: weight of a code line, 0 = none
  TopicSelection selection;
  std::vector<Cue> cues;
  // First word of a cue -> the cues that start with it (index into `cues`).
  StringMap<std::vector<std::uint32_t>> by_first_term;     // by stem
  StringMap<std::vector<std::uint32_t>> by_first_surface;  // by folded surface
  StringMap<std::vector<std::uint32_t>> tags;              // folded tag -> topics
  StringMap<std::uint32_t> names;                          // folded slug or name -> topic

  void add_cue(std::string_view text, std::uint32_t topic, double weight,
               analysis::Analyzer& analyzer, std::size_t line);
  std::optional<std::uint32_t> topic_of(std::string_view typed) const;
  void score_field(const analysis::Analysis& a, double field_weight,
                   std::vector<double>& cue_counts) const;
  std::vector<std::uint32_t> topics_of_tag(std::string_view tag) const;
};

void TopicTaxonomy::Impl::add_cue(std::string_view text, std::uint32_t topic, double weight,
                                  analysis::Analyzer& analyzer, std::size_t line) {
  const bool all_surface = !text.empty() && text.front() == '=';
  if (all_surface) text.remove_prefix(1);
  const analysis::Analysis a = analyzer.analyze(text);
  Cue cue;
  cue.topic = topic;
  cue.weight = weight;
  for (const analysis::Word& w : a.words) {
    if (w.stopword || w.terms.empty()) continue;
    const std::string_view written = text.substr(w.begin, w.end - w.begin);
    CueWord cw;
    cw.surface = all_surface || text::lower(written) != written;
    cw.key = cw.surface ? folded_surface(w) : w.terms.front();
    cue.words.push_back(std::move(cw));
  }
  if (cue.words.empty())
    throw DataError("topics.tsv line " + std::to_string(line) + ": '" + std::string(text) +
                    "' has no words that are not stopwords");
  // Two spellings with one stem (`investimento`, `investimenti`) are one cue;
  // the higher weight wins.
  StringMap<std::vector<std::uint32_t>>& index =
      cue.words.front().surface ? by_first_surface : by_first_term;
  std::vector<std::uint32_t>& list = index[cue.words.front().key];
  for (std::uint32_t id : list) {
    Cue& other = cues[id];
    if (other.topic == topic && other.words == cue.words) {
      other.weight = std::max(other.weight, weight);
      return;
    }
  }
  list.push_back(static_cast<std::uint32_t>(cues.size()));
  cues.push_back(std::move(cue));
}

std::optional<std::uint32_t> TopicTaxonomy::Impl::topic_of(std::string_view typed) const {
  if (auto it = names.find(detail::fold_name(typed)); it != names.end()) return it->second;
  return std::nullopt;
}

std::vector<std::uint32_t> TopicTaxonomy::Impl::topics_of_tag(std::string_view tag) const {
  const std::string folded = detail::fold_name(tag);
  if (folded.empty()) return {};
  if (auto it = tags.find(folded); it != tags.end()) return it->second;
  if (auto it = names.find(folded); it != names.end()) return {it->second};
  // `AI generativa` -> `ai`: a word of a longer tag may map on its own.
  std::vector<std::uint32_t> out;
  detail::for_each_item(folded, ' ', [&](std::string_view word) {
    if (word.size() < 2) return;
    if (auto it = tags.find(word); it != tags.end())
      for (std::uint32_t t : it->second)
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  });
  return out;
}

void TopicTaxonomy::Impl::score_field(const analysis::Analysis& a, double field_weight,
                                      std::vector<double>& cue_counts) const {
  const std::vector<const analysis::Word*> words = content_words(a);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const analysis::Word& w = *words[i];
    // A word's terms (accented and folded stems), its surface and the parts of
    // a compound (`cyber-sicurezza` -> `cyber`, `sicurezz`) may each start a cue.
    auto try_key = [&](const StringMap<std::vector<std::uint32_t>>& index, std::string_view key,
                       bool is_part) {
      auto it = index.find(key);
      if (it == index.end()) return;
      for (std::uint32_t id : it->second) {
        const Cue& cue = cues[id];
        if (cue.words.size() > 1) {
          if (is_part || i + cue.words.size() > words.size()) continue;
          bool all = true;
          for (std::size_t k = 1; k < cue.words.size() && all; ++k)
            all = word_matches(*words[i + k], cue.words[k]);
          if (!all) continue;
        }
        cue_counts[id] += field_weight;
      }
    };
    for (const std::string& t : w.terms) try_key(by_first_term, t, false);
    for (const std::string& t : w.parts) try_key(by_first_term, t, true);
    if (is_ascii(w.surface))
      try_key(by_first_surface, w.surface, false);
    else
      try_key(by_first_surface, text::fold(w.surface), false);
  }
}

TopicTaxonomy::TopicTaxonomy(std::string_view topics_tsv, analysis::Analyzer& analyzer,
                             TopicSelection selection)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.selection = selection;
  detail::for_each_data_line(topics_tsv, [&](std::string_view line, std::size_t number) {
    if (line.empty() || line.front() == '#') return;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw DataError("topics.tsv line " + std::to_string(number) + ": no TAB");
    const std::string_view kind = line.substr(0, tab);
    const std::string_view rest = line.substr(tab + 1);
    if (kind == "topic") {
      const std::size_t tab2 = rest.find('\t');
      if (tab2 == std::string_view::npos)
        throw DataError("topics.tsv line " + std::to_string(number) +
                        ": expected topic<TAB>slug<TAB>name");
      Topic t;
      t.slug = std::string(text::trim(rest.substr(0, tab2)));
      t.name = std::string(text::trim(rest.substr(tab2 + 1)));
      const auto index = static_cast<std::uint32_t>(im.topics.size());
      for (const std::string& key : {detail::fold_name(t.slug), detail::fold_name(t.name)}) {
        auto [it, inserted] = im.names.emplace(key, index);
        if (!inserted && it->second != index)
          throw DataError("topics.tsv line " + std::to_string(number) + ": topic '" + t.slug +
                          "' repeats a slug or name");
      }
      im.topics.push_back(std::move(t));
      im.roles.push_back(Role::specific);
      im.code_weights.push_back(0.0);
      return;
    }
    if (im.topics.empty())
      throw DataError("topics.tsv line " + std::to_string(number) + ": no `topic` line before");
    const auto topic = static_cast<std::uint32_t>(im.topics.size() - 1);
    if (kind == "tags") {
      detail::for_each_item(rest, '|', [&](std::string_view tag) {
        std::vector<std::uint32_t>& list = im.tags[detail::fold_name(tag)];
        if (std::find(list.begin(), list.end(), topic) == list.end()) list.push_back(topic);
      });
    } else if (kind == "role") {
      const std::string_view role = text::trim(rest);
      if (role == "frame") {
        im.roles[topic] = Role::frame;
      } else if (role == "context") {
        im.roles[topic] = Role::context;
      } else if (role == "backdrop") {
        im.roles[topic] = Role::backdrop;
      } else {
        throw DataError("topics.tsv line " + std::to_string(number) + ": role '" +
                        std::string(role) + "' is not frame, context or backdrop");
      }
    } else if (kind == "code") {
      const std::string_view weight = text::trim(rest);
      if (weight != "1" && weight != "2" && weight != "3")
        throw DataError("topics.tsv line " + std::to_string(number) + ": code weight '" +
                        std::string(weight) + "' is not 1, 2 or 3");
      im.code_weights[topic] = weight[0] - '0';
    } else if (kind == "1" || kind == "2" || kind == "3") {
      const double weight = kind[0] - '0';
      detail::for_each_item(rest, '|', [&](std::string_view cue) {
        im.add_cue(cue, topic, weight, analyzer, number);
      });
    } else {
      throw DataError("topics.tsv line " + std::to_string(number) + ": unknown line kind '" +
                      std::string(kind) + "'");
    }
  });
  if (im.topics.empty()) throw DataError("topics.tsv: no topics");
}

TopicTaxonomy::~TopicTaxonomy() = default;
TopicTaxonomy::TopicTaxonomy(TopicTaxonomy&&) noexcept = default;
TopicTaxonomy& TopicTaxonomy::operator=(TopicTaxonomy&&) noexcept = default;

const TopicTaxonomy& TopicTaxonomy::builtin() {
  static const TopicTaxonomy taxonomy = [] {
    try {
      analysis::Analyzer analyzer;
      return TopicTaxonomy(data::file("topics.tsv"), analyzer);
    } catch (const DataError& e) {
      throw std::logic_error(std::string("built-in topic taxonomy: ") + e.what());
    }
  }();
  return taxonomy;
}

const std::vector<Topic>& TopicTaxonomy::topics() const {
  return impl_->topics;
}

std::optional<std::string> TopicTaxonomy::slug_of(std::string_view slug_or_name) const {
  if (auto t = impl_->topic_of(slug_or_name)) return impl_->topics[*t].slug;
  return std::nullopt;
}

std::vector<TopicScore> TopicTaxonomy::scores(const Article& article,
                                              const analysis::Analysis& title,
                                              const analysis::Analysis& lead,
                                              const analysis::Analysis& body) const {
  const Impl& im = *impl_;
  std::vector<double> title_counts(im.cues.size(), 0.0);
  im.score_field(title, 1.0, title_counts);
  std::vector<bool> in_title(im.topics.size(), false);
  std::vector<bool> title_telling(im.topics.size(), false);
  for (std::size_t id = 0; id < title_counts.size(); ++id)
    if (title_counts[id] > 0) {
      in_title[im.cues[id].topic] = true;
      if (im.cues[id].weight >= 3) title_telling[im.cues[id].topic] = true;
    }
  std::vector<double> counts(im.cues.size(), 0.0);
  im.score_field(lead, kLeadWeight, counts);
  im.score_field(body, kBodyWeight, counts);

  // Repetition helps sub-linearly: a word said ten times is not ten topics.
  std::vector<double> score(im.topics.size(), 0.0);
  std::vector<double> rank(im.topics.size(), 0.0);
  std::vector<std::size_t> evidence(im.topics.size(), 0);
  std::vector<bool> telling(im.topics.size(), false);
  for (std::size_t id = 0; id < counts.size(); ++id) {
    if (counts[id] <= 0 && title_counts[id] <= 0) continue;
    const Cue& cue = im.cues[id];
    score[cue.topic] += cue.weight * std::sqrt(counts[id] + kTitleWeight * title_counts[id]);
    rank[cue.topic] +=
        cue.weight * std::sqrt(counts[id] + im.selection.title_rank_weight * title_counts[id]);
    ++evidence[cue.topic];
    if (cue.weight >= 3) telling[cue.topic] = true;
  }

  // Code blocks and command lines are written for programmers: evidence for
  // the topic with a `code` line, growing sub-linearly with the lines.
  std::vector<bool> confirmed(im.topics.size(), false);
  if (const std::size_t lines = code_lines(article.code); lines > 0)
    for (std::size_t t = 0; t < score.size(); ++t)
      if (im.code_weights[t] > 0) {
        const double code = im.code_weights[t] * std::sqrt(static_cast<double>(lines));
        score[t] += code;
        rank[t] += code;
        ++evidence[t];
        confirmed[t] = true;
      }

  // Editors' tags and the section say the topic outright: a bonus that keeps a
  // tagged topic in the result unless the text is plainly about others. The
  // article's own tags also confirm it; a section (`economia` on a general
  // newspaper) is too broad for that. Tags say which topics an article has
  // more than which comes first (a Linux site tags every post `linux`): the
  // rank takes only a share of the bonus.
  std::vector<bool> tagged(im.topics.size(), false);
  for (const std::string& tag : article.tags)
    for (std::uint32_t t : im.topics_of_tag(tag)) tagged[t] = confirmed[t] = true;
  if (!article.section.empty())
    for (std::uint32_t t : im.topics_of_tag(article.section)) tagged[t] = true;
  const double best_text = *std::max_element(score.begin(), score.end());
  const double bonus = std::max(2.0 * im.selection.min_score, 0.6 * best_text);
  for (std::size_t t = 0; t < score.size(); ++t)
    if (tagged[t]) {
      score[t] += bonus;
      rank[t] += im.selection.tag_rank_share * bonus;
    }

  std::vector<TopicScore> out;
  for (std::size_t t = 0; t < score.size(); ++t)
    if (score[t] > 0)
      out.push_back({im.topics[t].slug, score[t], rank[t], evidence[t], tagged[t], confirmed[t],
                     in_title[t], telling[t], title_telling[t]});
  std::stable_sort(out.begin(), out.end(),
                   [](const TopicScore& a, const TopicScore& b) { return a.score > b.score; });
  return out;
}

std::vector<std::string> TopicTaxonomy::classify(const Article& article,
                                                 const analysis::Analysis& title,
                                                 const analysis::Analysis& lead,
                                                 const analysis::Analysis& body) const {
  const Impl& im = *impl_;
  const TopicSelection& sel = im.selection;
  std::vector<TopicScore> ranked = scores(article, title, lead, body);
  std::vector<std::string> out;
  if (ranked.empty()) return out;
  auto role = [&](const TopicScore& s) { return im.roles[*im.topic_of(s.slug)]; };

  // Laws and rules are technology news only when technology is named: a
  // `context` topic goes unless a topic that is neither `context` nor
  // `backdrop` is named in the title or scores a fair fraction of it (money
  // beside a law is a budget law, not technology).
  double best_other = 0;
  bool other_in_title = false;
  for (const TopicScore& s : ranked)
    if (role(s) != Role::context && role(s) != Role::backdrop) {
      if (role(s) == Role::specific) best_other = std::max(best_other, s.score);
      other_in_title = other_in_title || s.in_title;
    }
  std::erase_if(ranked, [&](const TopicScore& s) {
    return role(s) == Role::context && !other_in_title &&
           best_other < sel.context_fraction * s.score;
  });
  if (ranked.empty()) return out;
  const double best = ranked.front().score;
  // The title has more say in which topic comes first than in the scores that
  // decide whether the article has a topic at all.
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const TopicScore& a, const TopicScore& b) { return a.rank > b.rank; });

  // A main topic must be said with confidence: a minimum score that grows
  // with the article's length, and more than one word of evidence or a tag;
  // the article's own tags or code are enough evidence and waive the growth
  // with length.
  const std::size_t words =
      content_words(title).size() + content_words(lead).size() + content_words(body).size();
  // All topics together dense in the text: the article is about technology,
  // its words spread over several topics, and the growth with length is waived.
  double total = 0;
  for (const TopicScore& s : ranked) total += s.score;
  const bool dense = total >= sel.dense_score_per_word * static_cast<double>(words);
  const double length = static_cast<double>(words);
  auto sure = [&](const TopicScore& s) {
    const double needed =
        s.confirmed || dense
            ? sel.min_score
            : std::max(sel.min_score, std::min(sel.min_score_per_word * length,
                                               sel.min_score_per_root_word * std::sqrt(length)));
    return s.score >= needed &&
           (s.tagged || s.confirmed || (s.evidence >= sel.min_evidence && s.telling));
  };

  // A `frame` topic names the setting of a whole source (a public body's news
  // all speak of the digital PA): the specific topic the article is about
  // takes the main slot when it is said nearly as much, or is named in the
  // title and said a fair part as much (unless the article's own tags name the
  // frame: the editors' word outweighs the title's), and with confidence. A
  // `backdrop` topic is not one (payments on the PA's platform are PA news).
  if (role(ranked.front()) == Role::frame) {
    const auto specific = std::find_if(ranked.begin(), ranked.end(), [&](const TopicScore& s) {
      return role(s) == Role::specific;
    });
    if (specific != ranked.end()) {
      const double yield = specific->in_title && !ranked.front().tagged ? sel.title_yield
                                                                         : sel.frame_yield;
      if (specific->score >= yield * ranked.front().score && sure(*specific))
        std::rotate(ranked.begin(), specific, specific + 1);
    }
  }
  // Two frames: the one the title says outright goes first (`Rete dei punti
  // di facilitazione digitale` is skills news, though the public body's body
  // text names the PA more).
  if (role(ranked.front()) == Role::frame && !ranked.front().title_telling) {
    const auto titled = std::find_if(ranked.begin() + 1, ranked.end(), [&](const TopicScore& s) {
      return role(s) == Role::frame && s.title_telling;
    });
    if (titled != ranked.end() && titled->score >= sel.frame_title_yield * ranked.front().score &&
        sure(*titled))
      std::rotate(ranked.begin(), titled, titled + 1);
  }
  // Money first in rank but not in the title is the backdrop of a topic the
  // title says outright (`Più ricercatori e campioni nazionali. L'AI parlerà
  // italiano`: an interview on AI that speaks of funds): that topic goes
  // first. Money the title names is the news (`Mistral AI raccoglie 105
  // milioni`).
  if (role(ranked.front()) == Role::backdrop && !ranked.front().in_title) {
    const auto titled = std::find_if(ranked.begin() + 1, ranked.end(), [&](const TopicScore& s) {
      return role(s) == Role::specific && s.title_telling;
    });
    if (titled != ranked.end() &&
        titled->score >= sel.backdrop_title_yield * ranked.front().score && sure(*titled))
      std::rotate(ranked.begin(), titled, titled + 1);
  }
  // The first in rank is not said with confidence, but the next that is is
  // named in the title: that one is the main topic, not none.
  if (!sure(ranked.front())) {
    const auto next = std::find_if(ranked.begin(), ranked.end(), sure);
    if (next == ranked.end() || !next->in_title) return out;
    std::rotate(ranked.begin(), next, next + 1);
  }
  for (const TopicScore& s : ranked) {
    if (out.size() >= sel.max_topics) break;
    // (In the order of rank, a weaker topic may come before a stronger one.)
    // A frame is the setting of whole sources, named in many articles that
    // are not about it: beside the main topic it needs a larger share.
    const double share =
        role(s) == Role::frame ? sel.frame_secondary_fraction : sel.secondary_fraction;
    if (!out.empty() && (s.score < share * best || s.score < sel.min_score)) continue;
    out.push_back(s.slug);
  }
  return out;
}

std::vector<std::string> TopicTaxonomy::classify(const Article& article,
                                                 analysis::Analyzer& analyzer) const {
  const analysis::Analysis title = analyzer.analyze(article.title);
  const analysis::Analysis lead = analyzer.analyze(article.lead);
  const analysis::Analysis body = analyzer.analyze(article.body);
  return classify(article, title, lead, body);
}

}  // namespace segugio::facets
