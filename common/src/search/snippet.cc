#include "segugio/search/snippet.h"

#include <algorithm>
#include <cstdint>

#include "segugio/text/utf8.h"

namespace segugio::search {

namespace {

// Long bodies: snippets come from the first part only, so that a hit costs the
// same whatever the article's length.
constexpr std::size_t kMaxAnalysedBytes = 64 * 1024;

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

bool ends_sentence(char c) { return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':'; }

// Appends `text` to the snippet, whitespace runs as single spaces (none at
// the very start), merged into the last piece when it is marked the same.
void push(Snippet& snippet, std::string_view text, bool highlighted) {
  char last = ' ';
  if (!snippet.pieces.empty() && !snippet.pieces.back().text.empty())
    last = snippet.pieces.back().text.back();
  std::string collapsed;
  for (char c : text) {
    if (is_blank(c)) {
      if (last != ' ') collapsed += ' ';
      last = ' ';
    } else {
      collapsed += c;
      last = c;
    }
  }
  if (collapsed.empty()) return;
  if (!snippet.pieces.empty() && snippet.pieces.back().highlighted == highlighted)
    snippet.pieces.back().text += collapsed;
  else
    snippet.pieces.push_back(SnippetPiece{std::move(collapsed), highlighted});
}

void escape_into(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

// True when a sentence starts at byte `at`: only blanks between it and a
// sentence end (or the text's start).
bool sentence_starts_at(std::string_view text, std::size_t at) {
  std::size_t p = at;
  while (p > 0 && is_blank(text[p - 1]) && text[p - 1] != '\n') --p;
  return p == 0 || ends_sentence(text[p - 1]);
}

}  // namespace

std::string Snippet::render(std::string_view open, std::string_view close, bool escape) const {
  std::string out;
  for (const SnippetPiece& p : pieces) {
    if (p.highlighted) out += open;
    if (escape) escape_into(out, p.text);
    else out += p.text;
    if (p.highlighted) out += close;
  }
  return out;
}

namespace {

// The matched term of each word (null when none).
std::vector<const std::string*> matched_terms(const std::vector<analysis::Word>& words,
                                              const std::unordered_set<std::string>& terms) {
  std::vector<const std::string*> match(words.size(), nullptr);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].stopword) continue;
    for (const std::string& t : words[i].terms)
      if (!match[i] && terms.count(t)) match[i] = &t;
    // A compound's part marks it when it says something (`gpt` in `GPT-4`),
    // not when it is one letter or a number (`g` of `5G` for the query `Big G`).
    for (const std::string& t : words[i].parts)
      if (!match[i] && t.size() >= 2 && !std::all_of(t.begin(), t.end(), [](char c) {
            return c >= '0' && c <= '9';
          }) && terms.count(t))
        match[i] = &t;
    // A dotted name written whole in the query (`nodejs` marks `Node` of `Node.js`).
    for (const std::string& t : words[i].joined)
      if (!match[i] && terms.count(t)) match[i] = &t;
  }
  return match;
}

// The first word of the best window of `max_bytes` that starts at a matched
// word: the most distinct terms, then the most matches; `best_distinct` gets
// their number (0: no match, the window starts at the first word).
std::size_t best_window(const std::vector<analysis::Word>& words,
                        const std::vector<const std::string*>& match, std::size_t max_bytes,
                        std::size_t& best_distinct) {
  std::size_t best_start = 0;
  std::size_t best_count = 0;
  best_distinct = 0;
  for (std::size_t s = 0; s < words.size(); ++s) {
    if (!match[s]) continue;
    std::vector<const std::string*> distinct;
    std::size_t count = 0;
    for (std::size_t e = s; e < words.size() && words[e].end - words[s].begin <= max_bytes; ++e) {
      if (!match[e]) continue;
      ++count;
      if (std::none_of(distinct.begin(), distinct.end(),
                       [&](const std::string* d) { return *d == *match[e]; }))
        distinct.push_back(match[e]);
    }
    if (distinct.size() > best_distinct ||
        (distinct.size() == best_distinct && count > best_count)) {
      best_start = s;
      best_distinct = distinct.size();
      best_count = count;
    }
  }
  return best_start;
}

// The words of `text` around the window that starts at the matched
// candidates[best], with `start` set to that word's index among them: from a
// blank at least as far before it as the context may reach back, to a blank
// at least max_bytes after it. No token spans a blank, so the stretch gives
// the words of the whole text there, and the cut below reads no others (the
// window and the words just outside it). Empty if the word is not found.
std::vector<analysis::Word> stretch_words(analysis::Analyzer& analyzer, std::string_view text,
                                          std::u32string_view initials,
                                          const std::vector<analysis::Word>& candidates,
                                          const std::vector<const std::string*>& match,
                                          std::size_t best, std::size_t max_bytes,
                                          std::size_t& start) {
  const std::size_t first = candidates[best].begin;
  std::size_t last_end = candidates[best].end;
  for (std::size_t i = best; i < candidates.size() && candidates[i].end - first <= max_bytes; ++i)
    if (match[i]) last_end = candidates[i].end;
  const std::size_t used = last_end - first;
  const std::size_t room = max_bytes > used ? (max_bytes - used) / 3 : 0;
  std::size_t from = first > room ? first - room : 0;
  while (from > 0 && !is_blank(text[from - 1])) --from;
  std::size_t to = std::min(text.size(), first + max_bytes);
  while (to < text.size() && !is_blank(text[to])) ++to;
  std::vector<analysis::Word> words =
      analyzer.analyze_for_initials(text.substr(from, to - from), initials).words;
  bool found = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    words[i].begin += static_cast<std::uint32_t>(from);
    words[i].end += static_cast<std::uint32_t>(from);
    if (words[i].begin == first) {
      start = i;
      found = true;
    }
  }
  if (!found) words.clear();
  return words;
}

// Without a match the snippet is the text's opening: the words up to a blank
// at least max_bytes after the first word (no token spans it), or none when
// the first word lies further in (then the whole text is analysed).
std::vector<analysis::Word> opening_words(analysis::Analyzer& analyzer, std::string_view text,
                                          std::u32string_view initials, std::size_t max_bytes) {
  std::size_t to = std::min(text.size(), max_bytes);
  while (to < text.size() && !is_blank(text[to])) ++to;
  std::vector<analysis::Word> words =
      analyzer.analyze_for_initials(text.substr(0, to), initials).words;
  if (words.empty() || (to < text.size() && to < words.front().begin + max_bytes)) words.clear();
  return words;
}

}  // namespace

Snippet make_snippet(analysis::Analyzer& analyzer, std::string_view text,
                     const std::unordered_set<std::string>& terms, std::size_t max_bytes) {
  Snippet snippet;
  if (text.size() > kMaxAnalysedBytes) {
    std::size_t cut = kMaxAnalysedBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  // Only words that may give a query term need their terms (stemming every
  // word of the hits was 13% of a search's instructions at 100,000
  // articles): a term begins with its word's folded first character.
  std::u32string initials;
  bool every_word = false;
  for (const std::string& t : terms) {
    std::size_t pos = 0;
    const std::int32_t cp = t.empty() ? -1 : text::next_code_point(t, pos);
    if (cp < 0) every_word = true;
    else if (initials.find(static_cast<char32_t>(cp)) == std::u32string::npos)
      initials.push_back(static_cast<char32_t>(cp));
  }
  std::vector<analysis::Word> words;
  std::vector<const std::string*> match;
  std::size_t best_distinct = 0;
  std::size_t start = 0;
  if (!every_word) {
    // The window is chosen among the words that may match alone; only the
    // stretch around it is then analysed word by word.
    const std::vector<analysis::Word> candidates =
        analyzer.analyze_for_initials(text, initials, false).words;
    const std::vector<const std::string*> candidate_match = matched_terms(candidates, terms);
    const std::size_t best = best_window(candidates, candidate_match, max_bytes, best_distinct);
    if (best_distinct > 0)
      words = stretch_words(analyzer, text, initials, candidates, candidate_match, best,
                            max_bytes, start);
    else
      words = opening_words(analyzer, text, initials, max_bytes);
    if (words.empty()) best_distinct = 0;
  }
  if (words.empty()) {
    words = every_word ? analyzer.analyze(text).words
                       : analyzer.analyze_for_initials(text, initials).words;
    if (words.empty()) return snippet;
  }
  match = matched_terms(words, terms);
  if (best_distinct == 0) start = best_window(words, match, max_bytes, best_distinct);
  if (best_distinct > 0) {
    // Context before the first match: up to a third of the room left, from the
    // start of a sentence when one begins in that stretch.
    std::size_t last = start;
    while (last + 1 < words.size() && words[last + 1].end - words[start].begin <= max_bytes)
      ++last;
    std::size_t last_match = start;
    for (std::size_t i = start; i <= last; ++i)
      if (match[i]) last_match = i;
    const std::size_t used = words[last_match].end - words[start].begin;
    const std::size_t room = max_bytes > used ? (max_bytes - used) / 3 : 0;
    std::size_t s = start;
    std::size_t sentence = start;
    while (s > 0 && words[start].begin - words[s - 1].begin <= room) {
      --s;
      if (sentence_starts_at(text, words[s].begin)) sentence = s;
    }
    start = sentence_starts_at(text, words[start].begin) ? start : (sentence != start ? sentence : s);
  }
  std::size_t end = start;  // last word included
  while (end + 1 < words.size() && words[end + 1].end - words[start].begin <= max_bytes) ++end;

  std::size_t from = words[start].begin;
  std::size_t to = words[end].end;
  // Keep the punctuation that closes the last word (`fine.`).
  while (to < text.size() && (text[to] == '.' || text[to] == ',' || text[to] == ';' ||
                              text[to] == '!' || text[to] == '?' || text[to] == ')' ||
                              text[to] == '"'))
    ++to;

  if (from > 0 && !sentence_starts_at(text, from)) push(snippet, "\u2026 ", false);
  std::size_t at = from;
  for (std::size_t i = start; i <= end; ++i) {
    if (!match[i]) continue;
    push(snippet, text.substr(at, words[i].begin - at), false);
    push(snippet, text.substr(words[i].begin, words[i].end - words[i].begin), true);
    at = words[i].end;
  }
  push(snippet, text.substr(at, to - at), false);
  std::size_t rest = to;
  while (rest < text.size() && is_blank(text[rest])) ++rest;
  if (rest < text.size()) {
    const bool at_sentence_end = to > 0 && ends_sentence(text[to - 1]);
    if (!at_sentence_end) push(snippet, " \u2026", false);
  }
  // No blank at either end.
  if (!snippet.pieces.empty()) {
    std::string& first = snippet.pieces.front().text;
    first.erase(0, first.find_first_not_of(' '));
    std::string& last = snippet.pieces.back().text;
    while (!last.empty() && last.back() == ' ') last.pop_back();
  }
  return snippet;
}

}  // namespace segugio::search
