#include <doctest/doctest.h>

#include <zstd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "read_helpers.h"
#include "segugio/corpus/reader.h"
#include "temp_dir.h"
#include "skip.h"

namespace fs = std::filesystem;
using segugio::Article;
using segugio::corpus::describe_file;
using segugio::corpus::Problem;
using segugio::corpus::ProblemList;
using segugio::corpus::Reason;
using segugio::corpus::read_file;
using segugio::corpus::ReadOptions;
using segugio::corpus::SourceFile;
using segugio::corpus::testing::kCorpusData;
using segugio::corpus::testing::read_path;
using segugio::corpus::testing::read_tree;
using segugio::corpus::testing::ReadResult;
using segugio::testing::TempDir;

namespace {

std::string date_of(const Article& a) {
  return a.date ? a.date->iso() : "none";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string zstd_compress(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

}  // namespace

TEST_CASE("scraped text: fields parsed, chrome and trailer dropped") {
  const ReadResult r = read_path(kCorpusData / "scraped/chip-fotonici-2024-03-05.txt");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.id == "chip-fotonici-2024-03-05");
  CHECK(a.section == "hardware");
  CHECK(a.title == "Chip fotonici: la start-up torinese che vuole portare la luce nei data center");
  CHECK(a.lead.rfind("Una giovane azienda piemontese", 0) == 0);
  CHECK(contains(a.lead, "operatore cloud europeo"));
  // "Aggiornato il 6 marzo" comes first, the publication day wins.
  CHECK(date_of(a) == "2024-03-05");
  CHECK(a.tags == std::vector<std::string>{"Semiconduttori", "Data center"});
  CHECK(a.body.rfind("La start-up, nata tre anni fa", 0) == 0);
  CHECK(contains(a.body, "\n\nCome funziona l'interconnessione ottica\n\n"));
  CHECK(contains(a.body, "fonderia tedesca"));
  for (const char* gone : {"Indirizzo copiato", "Copia link", "Articoli correlati",
                           "Articolo 1 di 3", "Un altro titolo", "Pubblicato", "Aggiornato"})
    CHECK_FALSE(contains(a.body + a.lead + a.title, gone));
  CHECK(a.source_path == (kCorpusData / "scraped/chip-fotonici-2024-03-05.txt").string());
  CHECK(r.problems.empty());
}

TEST_CASE("plain text: first line is the title, the rest the body, no date is reported") {
  const ReadResult r = read_path(kCorpusData / "scraped/appunti.txt");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Appunti sulla riunione del gruppo di lavoro");
  CHECK(a.body ==
        "Il gruppo ha discusso le priorità del prossimo trimestre e ha deciso di rinviare la "
        "migrazione del database.\n\nLe slide saranno condivise entro venerdì.");
  CHECK_FALSE(a.date);
  REQUIRE(r.with_reason(Reason::no_date).size() == 1);
  CHECK_FALSE(r.with_reason(Reason::no_date)[0].skipped);
}

TEST_CASE("the seed article parses (needs the shared data)") {
  const fs::path seed = fs::path(SEGUGIO_SHARED_DATA) / "seed/microsoft-mistral-2024-02-28.txt";
  if (!fs::exists(seed))
    return segugio::testing::skip("needs the shared data: no " + seed.string());
  const ReadResult r = read_path(seed);
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Microsoft e Mistral: un accordo per l’espansione nell’AI oltre OpenAI");
  CHECK(date_of(a) == "2024-02-28");
  CHECK(a.tags == std::vector<std::string>{"Mistral AI"});
  CHECK(a.section == "news");
  CHECK(a.lead.rfind("Il colosso di Redmond", 0) == 0);
  for (const char* gone : {"Indirizzo copiato", "Articoli correlati", "Articolo 1 di 4"})
    CHECK_FALSE(contains(a.body, gone));
  CHECK(r.problems.empty());
}

TEST_CASE("markdown: front matter fields, Markdown stripped, code apart") {
  const ReadResult r = read_path(kCorpusData / "markdown/2021-03-04-nuovo-motore.md");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.id == "2021-03-04-nuovo-motore");
  CHECK(a.title == "Un nuovo motore di ricerca per il catalogo");
  CHECK(a.lead == "Risultati più pertinenti e filtri per categoria");
  CHECK(date_of(a) == "2021-03-04");
  CHECK(a.tags == std::vector<std::string>{"ricerca", "opensource", "news"});
  CHECK(a.section == "news");
  CHECK(a.author == "Giulia Verdi");
  CHECK(a.url == "https://www.esempio-sviluppo.it/news/nuovo-motore");
  CHECK(a.source == "esempio-sviluppo.it");
  // The heading repeating the title is not body text.
  CHECK(a.body.rfind("Il catalogo del software si arricchisce di un motore di ricerca rinnovato, "
                     "scritto da zero dal gruppo di sviluppo.",
                     0) == 0);
  CHECK(contains(a.body, "\n\nSchermata del motore di ricerca\n\n"));  // image alt text
  CHECK(contains(a.body, "\n\nCosa cambia\n\n"));
  CHECK(contains(a.body, "\n\nfiltri per categoria e per ente;\n\n"));
  // A code span keeps its backticks (as a JSON source's text does): the
  // facet pass takes no company from code.
  CHECK(contains(a.body, "Una citazione con `codice in linea` e una parola in HTML & un'entità."));
  CHECK(contains(a.body, "5 * 3"));
  CHECK(contains(a.body, "file_di_configurazione.yml"));
  for (const char* gone : {"**", "](", "<strong>", "#", "npm", "export", "&amp;", "```"})
    CHECK_FALSE(contains(a.body, gone));
  CHECK(a.code ==
        "npm install\nnpm run ricerca -- --porta 8080\n\nexport INDICE=catalogo\n./avvia.sh");
  CHECK(r.problems.empty());
}

TEST_CASE("markdown: invalid YAML front matter is recovered line by line") {
  const ReadResult r = read_path(kCorpusData / "markdown/2022-01-10-colon-nel-titolo.md");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Obiettivo: una pubblica amministrazione più aperta");
  CHECK(a.lead == "Il punto sui progetti dell'anno");
  CHECK(date_of(a) == "2022-01-10");
  CHECK(a.tags == std::vector<std::string>{"community", "sviluppo", "news"});
  CHECK(a.author == "Marco Neri");
  CHECK(a.body == "L'anno si apre con tre progetti in corso e una nuova guida per i contributori.");
  const std::vector<Problem> p = r.with_reason(Reason::invalid_front_matter);
  REQUIRE(p.size() == 1);
  CHECK_FALSE(p[0].skipped);
  CHECK(r.problems.size() == 1);
}

TEST_CASE("markdown: YAML lists, a map author, date from the file name") {
  const ReadResult r = read_path(kCorpusData / "markdown/2023-07-01-senza-data.md");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Guida rapida: installare il pacchetto");
  CHECK(a.lead == "Tre comandi e siete pronti");
  CHECK(date_of(a) == "2023-07-01");
  CHECK(a.section == "guide");
  CHECK(a.tags == std::vector<std::string>{"linux", "pacchetti", "guide", "sistemi"});
  CHECK(a.author == "Anna Blu");
  CHECK(r.problems.empty());
}

TEST_CASE("markdown without front matter: the first heading is the title") {
  TempDir dir;
  const fs::path p = dir.write("nota.md",
                               "# Una nota veloce\n\nTesto con [un link](http://x.it) e "
                               "<span>HTML</span>.\n\n## Dettagli\n\nAltro testo.\n");
  const ReadResult r = read_path(p);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Una nota veloce");
  CHECK(r.articles[0].body == "Testo con un link e HTML.\n\nDettagli\n\nAltro testo.");
}

TEST_CASE("markdown: Liquid highlight blocks are code, other template tags vanish") {
  TempDir dir;
  const fs::path p = dir.write("liquid.md",
                               "---\ntitle: Liquid\ndate: 2020-01-02\n---\n"
                               "Prima {{ site.url }} riga.\n\n"
                               "{% highlight bash %}\nls -la\n{% endhighlight %}\n\n"
                               "{% include nota.html %}\nDopo.{: .classe}\n");
  const ReadResult r = read_path(p);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body == "Prima riga.\n\nDopo.");
  CHECK(r.articles[0].code == "ls -la");
}

TEST_CASE("JSON Lines: one article per line, bad lines reported with their number") {
  const ReadResult r = read_path(kCorpusData / "jsonl/articoli.jsonl");
  REQUIRE(r.articles.size() == 4);

  const Article* first = r.by_id("art-001");
  REQUIRE(first);
  CHECK(first->title == "Il cloud sovrano arriva in Italia");
  CHECK(first->body == "Primo paragrafo dell'articolo.\n\nSecondo paragrafo, più lungo del primo.");
  CHECK(date_of(*first) == "2024-03-05");
  CHECK(first->tags == std::vector<std::string>{"cloud", "pubblica amministrazione"});
  CHECK(first->section == "tecnologia");
  CHECK(first->author == "Luca Bianchi");
  CHECK(first->lead == "Il governo presenta il piano");
  CHECK(first->source == "notizie-esempio.it");

  const Article* no_id = r.by_id("articoli#2");  // <id_base>#<line>
  REQUIRE(no_id);
  CHECK(date_of(*no_id) == "2024-03-05");
  CHECK(no_id->source == "Agenzia Esempio");
  CHECK(no_id->tags == std::vector<std::string>{"reti", "sicurezza"});

  const Article* html = r.by_id("42");  // numeric _id
  REQUIRE(html);
  CHECK(html->body == "Primo paragrafo.\n\nSecondo paragrafo.");
  CHECK(html->code == "make test");
  CHECK(date_of(*html) == "2024-03-07");  // 23:30 at -05:00 stays on the 7th
  CHECK(html->source == "blog.esempio.org");

  const std::vector<Problem> bad = r.with_reason(Reason::bad_line);
  REQUIRE(bad.size() == 2);
  const std::string path = (kCorpusData / "jsonl/articoli.jsonl").string();
  CHECK(bad[0].where == path + ":3");
  CHECK(bad[0].skipped);
  CHECK(contains(bad[0].detail, "parse error"));
  CHECK(bad[1].where == path + ":6");
  CHECK(bad[1].detail == "not a JSON object");
  const std::vector<Problem> undated = r.with_reason(Reason::no_date);
  REQUIRE(undated.size() == 1);
  CHECK(undated[0].where == path + ":7");
}

TEST_CASE("JSON Lines stream: a line over the limit is skipped, the rest read") {
  TempDir dir;
  const std::string big(5000, 'x');
  const fs::path p =
      dir.write("grande.jsonl",
                "{\"id\":\"a\",\"title\":\"Uno\",\"text\":\"t\",\"date\":\"2024-01-01\"}\n"
                "{\"id\":\"b\",\"title\":\"Due\",\"text\":\"" +
                    big +
                    "\"}\n"
                    "{\"id\":\"c\",\"title\":\"Tre\",\"text\":\"t\",\"date\":\"2024-01-03\"}");
  ReadOptions options;
  options.max_article_bytes = 1000;
  const ReadResult r = read_path(p, options);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "a");
  CHECK(r.articles[1].id == "c");
  const std::vector<Problem> large = r.with_reason(Reason::too_large);
  REQUIRE(large.size() == 1);
  CHECK(large[0].where == p.string() + ":2");
}

TEST_CASE("JSON Lines: Markdown in the text is read as a Markdown file's, plain text kept as it is") {
  TempDir dir;
  const fs::path p = dir.write(
      "post.jsonl",
      // A post exported from a Markdown site: a link, bold, a heading, a code fence.
      R"({"id":"md","title":"Nuovo portale","text":"Il **nuovo portale** dei )"
      R"([pagamenti](https://docs.esempio.it/pagamenti-docs/index.html) è online.\n\n)"
      R"(## Come aderire\n\nSegui la [guida](/guida) e poi:\n\n```\nmake install\n```"})"
      "\n"
      // Brackets, asterisks and a hash that are not Markdown: left alone.
      R"({"id":"plain","title":"Conti","text":"Il totale [1] (vedi nota) vale 3 * 4.\n#pausacaffè"})"
      "\n");
  const ReadResult r = read_path(p);
  REQUIRE(r.articles.size() == 2);
  const Article* md = r.by_id("md");
  REQUIRE(md);
  CHECK(md->body == "Il nuovo portale dei pagamenti è online.\n\nCome aderire\n\nSegui la guida e poi:");
  CHECK(md->code == "make install");
  const Article* plain = r.by_id("plain");
  REQUIRE(plain);
  CHECK(plain->body == "Il totale [1] (vedi nota) vale 3 * 4. #pausacaffè");  // lines joined as before
}

TEST_CASE("HTML: meta fields, article text without the page around it") {
  const ReadResult r = read_path(kCorpusData / "html/pagina.html");
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.id == "pagina");
  CHECK(a.title == "Reti 6G: la sperimentazione parte da Bari");
  CHECK(a.lead == "Un consorzio di università e operatori prova le prime antenne");
  CHECK(date_of(a) == "2024-03-08");
  CHECK(a.section == "Telecomunicazioni");
  CHECK(a.tags == std::vector<std::string>{"6G", "Reti mobili"});
  CHECK(a.author == "Sara Gialli");
  CHECK(a.url == "https://www.notizie-esempio.it/reti/6g-bari");
  CHECK(a.source == "Notizie Esempio");
  CHECK(a.body ==
        "Le prime antenne sperimentali sono state installate sul tetto del dipartimento di "
        "ingegneria.\n\nI test misureranno la latenza e i consumi è la copertura in città.");
  CHECK(a.code == "ping -c 3 antenna.example");
  CHECK(r.problems.empty());
}

TEST_CASE("RSS 2.0: items with guid, link or a number as id, HTML content stripped") {
  const ReadResult r = read_path(kCorpusData / "feeds/notizie.rss");
  REQUIRE(r.articles.size() == 3);
  const Article& first = r.articles[0];
  CHECK(first.id == "nes-1001");
  CHECK(first.title == "Nuovo data center a Milano");
  CHECK(first.url == "https://www.notizie-esempio.it/2024/03/05/data-center");
  CHECK(date_of(first) == "2024-03-05");
  CHECK(first.author == "Paolo Rossi");
  CHECK(first.tags == std::vector<std::string>{"Cloud", "Infrastrutture"});
  CHECK(first.lead == "Un investimento da 300 milioni");
  CHECK(first.body ==
        "Il nuovo data center sarà operativo nel 2025.\n\nDarà lavoro a 200 persone.");
  CHECK(first.source == "notizie-esempio.it");

  const Article& second = r.articles[1];
  CHECK(second.id == "https://www.notizie-esempio.it/2024/03/06/sicurezza");
  CHECK(second.author == "Redazione Tecnica");
  CHECK(second.body == "Una falla nei router domestici è stata corretta.");
  CHECK(date_of(second) == "2024-03-06");

  const Article& third = r.articles[2];
  CHECK(third.id == "notizie#3");
  CHECK_FALSE(third.date);
  const std::vector<Problem> undated = r.with_reason(Reason::no_date);
  REQUIRE(undated.size() == 1);
  CHECK(undated[0].where == (kCorpusData / "feeds/notizie.rss").string() + ":24");
}

TEST_CASE("an id of control characters only is no id: the line or item number stands in") {
  // Found by fuzzing: "\u007f" was a non-empty id until cleaning emptied it.
  TempDir dir;
  const ReadResult lines = read_path(dir.write("righe.jsonl",
                                               "{\"id\":\"\\u007f\",\"title\":\"Primo\"}\n"
                                               "{\"id\":\"\\u0001 \\u200b\",\"title\":\"Secondo\"}\n"));
  REQUIRE(lines.articles.size() == 2);
  CHECK(lines.articles[0].id == "righe#1");
  CHECK(lines.articles[1].id == "righe#2");

  const ReadResult feed = read_path(dir.write(
      "voci.rss",
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Voci</title>"
      "<item><guid>&#127;</guid><title>Una voce</title></item></channel></rss>\n"));
  REQUIRE(feed.articles.size() == 1);
  CHECK(feed.articles[0].id == "voci#1");
}

TEST_CASE("Atom: alternate link, published before updated, html and xhtml content") {
  const ReadResult r = read_path(kCorpusData / "feeds/blog.atom");
  REQUIRE(r.articles.size() == 2);
  const Article& a = r.articles[0];
  CHECK(a.id == "tag:blog.esempio.org,2024:2");
  CHECK(a.title == "Rilasciata la versione 2.0");
  CHECK(a.url == "https://blog.esempio.org/2024/versione-2");
  CHECK(date_of(a) == "2024-03-09");  // published, in its own offset
  CHECK(a.author == "Elena Viola");
  CHECK(a.tags == std::vector<std::string>{"rilasci"});
  CHECK(a.lead == "Le novità in breve");
  CHECK(a.body == "La versione 2.0 introduce il supporto ai plugin.");
  CHECK(date_of(r.articles[1]) == "2024-02-29");
  CHECK(r.articles[1].body == "Un paragrafo in XHTML.");
  CHECK(r.problems.empty());
}

TEST_CASE("feeds: a summary is the body when the content is elsewhere, never a copy as lead") {
  TempDir dir;
  const std::string body(1200, 'a');
  const fs::path p =
      dir.write("varie.atom",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                "<entry><id>e1</id><title>Fuori</title><updated>2024-01-01T00:00:00Z</updated>"
                "<summary>Il riassunto</summary><content src=\"https://x.it/e1\"/></entry>"
                "<entry><id>e2</id><title>Doppio</title><updated>2024-01-02T00:00:00Z</updated>"
                "<summary>" +
                    body + "</summary><content type=\"text\">" + body +
                    "</content></entry>"
                    "</feed>");
  const ReadResult r = read_path(p);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].body == "Il riassunto");
  CHECK(r.articles[0].lead.empty());
  CHECK(r.articles[1].body == body);
  CHECK(r.articles[1].lead.empty());
}

TEST_CASE(".xml is a feed only with a feed root") {
  const ReadResult feed = read_path(kCorpusData / "feeds/canale.xml");
  REQUIRE(feed.articles.size() == 1);
  CHECK(feed.articles[0].id == "xml-1");
  const ReadResult other = read_path(kCorpusData / "feeds/configurazione.xml");
  CHECK(other.articles.empty());
  REQUIRE(other.problems.size() == 1);
  CHECK(other.problems[0].reason == Reason::not_article_format);
}

TEST_CASE("format recognised by content: JSON Lines in .txt, HTML without extension") {
  const ReadResult jsonl = read_path(kCorpusData / "sniff/righe-json.txt");
  REQUIRE(jsonl.articles.size() == 2);
  CHECK(jsonl.articles[0].id == "sniff-1");
  CHECK(jsonl.articles[1].title == "Seconda riga");
  const ReadResult html = read_path(kCorpusData / "sniff/pagina-senza-estensione");
  REQUIRE(html.articles.size() == 1);
  CHECK(html.articles[0].title == "Pagina senza estensione");
  CHECK(html.articles[0].body == "Una pagina HTML salvata senza estensione.");
  CHECK(date_of(html.articles[0]) == "2024-03-03");
}

TEST_CASE("zstd: compressed files read like the plain ones") {
  const ReadResult plain = read_path(kCorpusData / "markdown/2021-03-04-nuovo-motore.md");
  const ReadResult packed = read_path(kCorpusData / "compressed/2021-03-04-nuovo-motore.md.zst");
  REQUIRE(packed.articles.size() == 1);
  CHECK(packed.articles[0].id == "2021-03-04-nuovo-motore");
  CHECK(packed.articles[0].body == plain.articles[0].body);
  CHECK(packed.articles[0].code == plain.articles[0].code);
  const ReadResult lines = read_path(kCorpusData / "compressed/articoli.jsonl.zst");
  CHECK(lines.articles.size() == 4);
  CHECK(lines.with_reason(Reason::bad_line).size() == 2);
}

TEST_CASE("zstd: corrupt or truncated data is reported") {
  TempDir dir;
  const std::string packed = zstd_compress(std::string(2000, 'a') + "\nfine\n");
  const fs::path cut = dir.write("tagliato.txt.zst", packed.substr(0, packed.size() / 2));
  const fs::path junk = dir.write("rovinato.md.zst", "questo non è zstd");
  for (const fs::path& p : {cut, junk}) {
    CAPTURE(p);
    const ReadResult r = read_path(p);
    CHECK(r.articles.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].reason == Reason::corrupt_compressed_data);
    CHECK(r.problems[0].skipped);
  }
}

TEST_CASE("too large: the decompressed size counts") {
  TempDir dir;
  const std::string text = "Titolo\n\n" + std::string(4000, 'a') + "\n";
  const fs::path p = dir.write("grande.txt.zst", zstd_compress(text));
  ReadOptions options;
  options.max_article_bytes = 1000;
  const ReadResult r = read_path(p, options);
  CHECK(r.articles.empty());
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].reason == Reason::too_large);
  CHECK(r.problems[0].skipped);
  CHECK(read_path(p).articles.size() == 1);
}

TEST_CASE("binary and empty files are skipped with one problem") {
  TempDir dir;
  const fs::path nul = dir.write("immagine.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const fs::path control = dir.write("dati", std::string(200, '\x01') + "testo");
  const fs::path empty = dir.write("vuoto.md", "");
  const fs::path blank = dir.write("spazi.txt", " \n\n\t\n");
  struct Case {
    fs::path path;
    Reason reason;
  };
  for (const Case& c : {Case{nul, Reason::binary}, Case{control, Reason::binary},
                        Case{empty, Reason::empty}, Case{blank, Reason::empty}}) {
    CAPTURE(c.path);
    const ReadResult r = read_path(c.path);
    CHECK(r.articles.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].reason == c.reason);
    CHECK(r.problems[0].where == c.path.string());
    CHECK(r.problems[0].skipped);
  }
}

TEST_CASE("text that is not UTF-8 is re-decoded as Windows-1252, with a verbose-only problem") {
  TempDir dir;
  const fs::path txt = dir.write("vecchio.txt", "Perch\xe9 no\n\nUna citt\xe0 \x93vecchia\x94.\n");
  const ReadResult r = read_path(txt);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Perché no");
  CHECK(r.articles[0].body == "Una città “vecchia”.");
  const std::vector<Problem> p = r.with_reason(Reason::redecoded);
  REQUIRE(p.size() == 1);
  CHECK_FALSE(p[0].skipped);

  const fs::path jsonl =
      dir.write("vecchio.jsonl", "{\"id\":\"1\",\"title\":\"Perch\xe9\",\"text\":\"s\xec\"}\n");
  const ReadResult j = read_path(jsonl);
  REQUIRE(j.articles.size() == 1);
  CHECK(j.articles[0].title == "Perché");
  CHECK(j.articles[0].body == "sì");
  CHECK(j.with_reason(Reason::redecoded).size() == 1);

  const fs::path rss =
      dir.write("vecchio.rss",
                "<?xml version=\"1.0\"?><rss><channel><item><title>Perch\xe9</title>"
                "<guid>v1</guid><description>Citt\xe0</description></item></channel></rss>");
  const ReadResult f = read_path(rss);
  REQUIRE(f.articles.size() == 1);
  CHECK(f.articles[0].title == "Perché");
  CHECK(f.articles[0].body == "Città");
  CHECK(f.with_reason(Reason::redecoded).size() == 1);

  // A page that declares its 8-bit charset is simply read in it.
  const fs::path html =
      dir.write("latin.html",
                "<html><head><meta charset=\"iso-8859-1\"><title>Perch\xe9</title></head>"
                "<body><p>Citt\xe0</p></body></html>");
  const ReadResult h = read_path(html);
  REQUIRE(h.articles.size() == 1);
  CHECK(h.articles[0].title == "Perché");
  CHECK(h.articles[0].body == "Città");
}

TEST_CASE("whitespace is normalised: no-break spaces, zero-width characters, CRLF") {
  TempDir dir;
  const fs::path p = dir.write("spazi.txt",
                               "  Titolo\xc2\xa0"
                               "con   spazi \r\n\r\nRiga\xe2\x80\x8b uno\r\nriga due\r\n\r\n\r\n");
  const ReadResult r = read_path(p);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Titolo con spazi");
  CHECK(r.articles[0].body == "Riga uno riga due");
}

TEST_CASE("read_file reports a missing file and never throws for bad content") {
  TempDir dir;
  const ReadResult r = read_path(dir.path() / "sparito.md");
  CHECK(r.articles.empty());
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].reason == Reason::unreadable);
}

TEST_CASE("an exception from on_article leaves read_file unchanged") {
  ProblemList problems;
  CHECK_THROWS_AS(read_file(
                      describe_file(kCorpusData / "jsonl/articoli.jsonl"), {},
                      [](Article&&) { throw std::logic_error("fermati"); }, problems),
                  std::logic_error);
}

TEST_CASE("read_file is safe from several threads at once") {
  const ReadResult once = read_tree({kCorpusData});
  REQUIRE(once.articles.size() > 10);
  ProblemList problems;
  const std::vector<SourceFile> files = segugio::corpus::list_files({kCorpusData}, problems);
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    workers.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (const SourceFile& f : files)
          read_file(
              f, {}, [&](Article&& a) { seen[t].push_back(a.id + "|" + a.title + "|" + a.body); },
              problems);
    });
  }
  for (std::thread& w : workers) w.join();
  std::vector<std::string> expected;
  for (int round = 0; round < 5; ++round)
    for (const Article& a : once.articles) expected.push_back(a.id + "|" + a.title + "|" + a.body);
  for (const auto& s : seen) CHECK(s == expected);
}
