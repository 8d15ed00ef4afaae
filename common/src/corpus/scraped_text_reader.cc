// Text copied from a news page (the layout of the seed article):
//
//   news                                  section
//   Microsoft e Mistral: un accordo ...   title
//   Indirizzo copiato                     page chrome, dropped
//   Il colosso di Redmond sigla ...       lead
//   Pubblicato il 28 feb 2024             date
//   Mistral AI                            tags
//   Microsoft ha siglato ...              body, with sub-headings
//   Articoli correlati / Articolo 1 di 4  trailer, dropped to the end
//
// Without a date line near the top it is plain text: title = first line,
// body = the rest.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "read_context.h"
#include "segugio/corpus/italian_date.h"
#include "text.h"
#include "segugio/text/normalize.h"

namespace segugio::corpus::detail {

namespace {

// The date line must come within this many blocks of the top.
constexpr std::size_t kDateWindow = 12;
// Tags are short: "Mistral AI", "Intelligenza artificiale, Microsoft".
constexpr std::size_t kMaxTagBlockBytes = 80;
constexpr std::size_t kMaxTagBlocks = 4;

// Buttons and labels of the page, compared after text::fold().
constexpr std::array kChrome = {"indirizzo copiato",
                                "copia indirizzo",
                                "copia link",
                                "link copiato",
                                "copia il link",
                                "condividi",
                                "condividi su facebook",
                                "condividi su twitter",
                                "condividi su linkedin",
                                "condividi su whatsapp",
                                "ascolta",
                                "ascolta l'articolo",
                                "ascolta l’articolo",
                                "ascolta questo articolo",
                                "stampa",
                                "commenta",
                                "salva",
                                "leggi dopo",
                                "facebook",
                                "twitter",
                                "linkedin",
                                "whatsapp",
                                "telegram",
                                "email",
                                "e-mail",
                                "pinterest",
                                "reddit",
                                "pubblicita",
                                "advertisement",
                                "riproduzione riservata",
                                "© riproduzione riservata",
                                "segui",
                                "ascolta la notizia",
                                "mostra tutto",
                                "x"};

// Where the article ends and the site's link lists begin.
constexpr std::array kTrailers = {"articoli correlati",      "articoli simili",
                                  "potrebbe interessarti",   "ti potrebbe interessare",
                                  "potrebbero interessarti", "ti potrebbero interessare",
                                  "articoli piu letti",      "piu letti"};

template <std::size_t N>
bool in(const std::array<const char*, N>& list, std::string_view word) {
  for (const char* w : list)
    if (word == w) return true;
  return false;
}

// The folded block when it is short enough to be a label, else "" (folding a
// whole paragraph just to compare it with a button's name was a tenth of the
// time spent reading articles).
std::string folded_label(std::string_view block) {
  constexpr std::size_t kMaxLabelBytes = 64;  // above the longest label of the lists
  if (block.size() > kMaxLabelBytes) return {};
  std::string f = text::fold(block);
  while (!f.empty() && (f.back() == ':' || f.back() == '.')) f.pop_back();
  return f;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// "Tempo di lettura: 4 min", "3 min di lettura", "Lettura 5 minuti".
bool is_reading_time(const std::string& folded) {
  return folded.size() <= 40 && folded.find("lettura") != std::string::npos &&
         folded.find("min") != std::string::npos &&
         folded.find_first_of("0123456789") != std::string::npos;
}

bool is_chrome(std::string_view block) {
  const std::string f = folded_label(block);
  return in(kChrome, f) || is_reading_time(f);
}

// "Articolo 1 di 4"
bool is_article_counter(const std::string& folded) {
  if (folded.rfind("articolo ", 0) != 0) return false;
  std::size_t i = 9;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < folded.size() && folded[i] >= '0' && folded[i] <= '9') ++i;
    return i > start;
  };
  if (!digits()) return false;
  if (folded.compare(i, 4, " di ") != 0) return false;
  i += 4;
  return digits() && i == folded.size();
}

bool is_trailer(std::string_view block) {
  const std::string f = folded_label(block);
  return in(kTrailers, f) || is_article_counter(f);
}

bool ends_sentence(std::string_view text) {
  if (text.empty()) return false;
  const char last = text.back();
  return last == '.' || last == '!' || last == '?' || last == ';' || last == ':';
}

// A short label: a section line ("news", "Intelligenza artificiale").
bool is_label(std::string_view block) {
  return block.size() <= 30 && word_count(block) <= 3 && !ends_sentence(block) &&
         block.find(':') == std::string_view::npos;
}

bool is_tag_block(std::string_view block) {
  return block.size() <= kMaxTagBlockBytes && !ends_sentence(block) && word_count(block) <= 8;
}

bool is_date_line(std::string_view block) {
  return block.size() <= 120 && parse_italian_date(block).has_value();
}

void join(std::string& out, std::string_view block, std::string_view separator) {
  if (!out.empty()) out += separator;
  out += block;
}

}  // namespace

void read_scraped_text(std::string_view text, ReadContext& context) {
  std::vector<std::string> blocks;
  for (std::string& block : split_blocks(text))
    if (!is_chrome(block)) blocks.push_back(std::move(block));
  // The trailer starts after the title at the earliest.
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    if (is_trailer(blocks[i])) {
      blocks.resize(i);
      break;
    }
  }

  Article a;
  a.id = context.file().id_base;

  std::optional<std::size_t> date_at;
  for (std::size_t i = 1; i < blocks.size() && i < kDateWindow; ++i) {
    if (is_date_line(blocks[i])) {
      date_at = i;
      break;
    }
  }

  std::size_t body_from = 1;
  if (!date_at) {
    if (!blocks.empty()) a.title = blocks[0];
  } else {
    const std::size_t d = *date_at;
    std::size_t first = 0;
    if (d >= 2 && is_label(blocks[0])) {
      a.section = blocks[0];
      first = 1;
    }
    a.title = blocks[first];
    for (std::size_t i = first + 1; i < d; ++i) join(a.lead, blocks[i], " ");

    // "Pubblicato il" wins over "Aggiornato il", wherever each one is.
    std::size_t i = d;
    std::optional<Date> published, any;
    for (; i < blocks.size() && is_date_line(blocks[i]); ++i) {
      const std::optional<Date> day = parse_italian_date(blocks[i]);
      if (!any) any = day;
      const std::string f = text::fold(blocks[i]);
      const bool update_only =
          f.find("aggiornat") != std::string::npos && f.find("pubblicat") == std::string::npos;
      if (!published && !update_only) published = day;
    }
    a.date = published ? published : any;

    // Tags: short lines right after the date, when the body follows them.
    std::size_t tag_blocks = 0;
    while (i + 1 < blocks.size() && tag_blocks < kMaxTagBlocks && is_tag_block(blocks[i])) {
      for (std::string& tag : split_list(blocks[i], false)) a.tags.push_back(std::move(tag));
      ++i, ++tag_blocks;
    }
    body_from = i;
  }
  for (std::size_t i = body_from; i < blocks.size(); ++i) join(a.body, blocks[i], "\n\n");
  context.finish(std::move(a), context.path(), true);
}

}  // namespace segugio::corpus::detail
