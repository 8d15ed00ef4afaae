#include "search_fixture.h"

#include <xapian.h>

#include "segugio/index/doc_store.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/schema.h"
#include "segugio/index/stored_article.h"

namespace segugio::testing {

namespace {

struct Spec {
  const char* id;
  std::optional<Date> date;
  const char* title;
  const char* lead;
  const char* body;
  std::vector<std::string> companies;
  std::vector<std::string> topics;
  std::vector<std::string> tags;
  const char* author;
  const char* source;
  const char* section;
};

}  // namespace

std::vector<FixtureArticle> sample_articles() {
  // The texts were written for these tests.
  const std::vector<Spec> specs = {
      {"europa-regole-ia", Date{2024, 3, 13},
       "L'Europa approva le regole dell'intelligenza artificiale",
       "Il Parlamento europeo ha votato il regolamento sull'intelligenza artificiale con ampia "
       "maggioranza.",
       "Le nuove norme classificano i sistemi di intelligenza artificiale per livello di rischio. "
       "Le aziende dovranno documentare i modelli e spiegare le decisioni automatiche. Tra le "
       "imprese coinvolte ci sono Google e Microsoft, che hanno commentato il voto.\n\nIl testo "
       "entrer\u00e0 in vigore per gradi nei prossimi due anni.",
       {"Google", "Microsoft"}, {"regolamentazione", "intelligenza-artificiale"},
       {"AI Act", "Europa"}, "Giulia Verdi", "Segugio Notizie", "Politica"},
      {"europa-regole-ia-copia", Date{2024, 3, 14},
       "L'Europa approva le regole dell'intelligenza artificiale",
       "Ripresa dell'articolo sul voto del Parlamento europeo.",
       "Il regolamento sull'intelligenza artificiale \u00e8 stato approvato. Il testo entrer\u00e0 "
       "in vigore per gradi.",
       {}, {"regolamentazione"}, {}, "Redazione", "Rassegna Tech", "Politica"},
      {"microsoft-cloud-italia", Date{2024, 2, 5}, "Microsoft investe nel cloud italiano",
       "Il colosso di Redmond apre una nuova regione di data center in Lombardia.",
       "L'investimento riguarda tre data center collegati tra loro. I servizi cloud per le "
       "imprese italiane saranno disponibili entro l'anno. La regione ospiter\u00e0 anche servizi "
       "di calcolo per le aziende.",
       {"Microsoft"}, {"cloud"}, {"cloud", "data center"}, "Marco Rossi", "Tecno Giornale",
       "Economia"},
      {"cloud-regioni-europa", Date{2024, 1, 22}, "Nuove regioni cloud in Europa",
       "I fornitori di cloud aprono data center in Italia, Spagna e Germania.",
       "La domanda di servizi cloud cresce. Le regioni cloud locali riducono la latenza e aiutano "
       "le imprese a rispettare le regole sui dati. Microsoft, Google e Amazon annunciano nuovi "
       "data center.",
       {"Microsoft", "Google", "Amazon"}, {"cloud"}, {"cloud"}, "Marco Rossi", "Tecno Giornale",
       "Economia"},
      {"google-ricerca-gemini", Date{2024, 2, 20}, "Google rinnova la ricerca con Gemini",
       "Big G porta il suo modello linguistico nelle risposte del motore di ricerca.",
       "Le risposte generate dall'IA compariranno sopra i risultati. Google dice che le fonti "
       "saranno sempre citate. Gli editori chiedono garanzie sul traffico.",
       {"Google"}, {"intelligenza-artificiale", "internet-social"}, {"ricerca"}, "Giulia Verdi",
       "Tecno Giornale", "Tecnologia"},
      {"attacco-ospedale", Date{2023, 12, 10}, "Attacco informatico a un ospedale lombardo",
       "Un ransomware ha bloccato i sistemi dell'ospedale per due giorni.",
       "Gli esperti di cybersecurity hanno isolato la rete. I dati dei pazienti non sarebbero "
       "stati sottratti. L'ospedale ha ripristinato i servizi dai backup.",
       {}, {"sicurezza-informatica"}, {"ransomware"}, "Anna Bianchi", "Segugio Notizie",
       "Sicurezza"},
      {"reti-5g-citta", Date{2023, 11, 2}, "Le reti 5G coprono la citt\u00e0",
       "Gli operatori completano la copertura 5G del centro storico.",
       "Le antenne nuove riducono i consumi. La velocit\u00e0 media supera i 300 megabit al "
       "secondo.",
       {}, {"telecomunicazioni"}, {"5G"}, "Luca Neri", "Tecno Giornale", "Telecomunicazioni"},
      {"guida-wifi", std::nullopt, "Guida al Wi-Fi di casa",
       "Come scegliere il router e dove metterlo.",
       "Un buon wi fi dipende dalla posizione del router. Le reti mesh coprono le case grandi. "
       "Aggiornate sempre il firmware.",
       {}, {"dispositivi"}, {"wifi", "router"}, "Luca Neri", "Segugio Notizie", "Guide"},
      {"apple-iphone-oggi", Date{2024, 3, 20}, "Apple presenta il nuovo iPhone",
       "La casa di Cupertino mostra oggi il telefono con pi\u00f9 memoria.",
       "Il nuovo iPhone ha una batteria pi\u00f9 grande e un processore pi\u00f9 veloce. Le "
       "vendite partono la prossima settimana.",
       {"Apple"}, {"dispositivi"}, {"iPhone", "smartphone"}, "Sara Gallo", "Tecno Giornale",
       "Tecnologia"},
      {"apple-ios-ieri", Date{2024, 3, 19}, "Apple aggiorna iOS",
       "L'aggiornamento corregge una vulnerabilit\u00e0 del browser.",
       "Apple consiglia di installare subito l'aggiornamento. La falla permetteva di eseguire "
       "codice da una pagina web.",
       {"Apple"}, {"sicurezza-informatica", "dispositivi"}, {"iOS"}, "Sara Gallo",
       "Segugio Notizie", "Sicurezza"},
      {"semiconduttori-mercato", Date{2022, 6, 1}, "Il mercato dei semiconduttori rallenta",
       "Le vendite di chip calano dopo due anni di crescita.",
       "Nvidia e Intel rivedono le previsioni. I produttori di semiconduttori riducono gli "
       "investimenti nelle nuove fabbriche.",
       {"Nvidia", "Intel"}, {"semiconduttori", "finanza-investimenti"}, {"chip"}, "Marco Rossi",
       "Rassegna Tech", "Economia"},
      {"intelligenza-scuola", Date{2024, 3, 1}, "L'intelligenza artificiale entra a scuola",
       "Un progetto porta l'intelligenza artificiale nelle classi di cento scuole.",
       "Gli studenti imparano a usare l'intelligenza artificiale con spirito critico. Gli "
       "insegnanti seguono un corso di formazione.",
       {}, {"intelligenza-artificiale", "lavoro-competenze"}, {"scuola"}, "Anna Bianchi",
       "Segugio Notizie", "Scuola"},
      {"nota 100%", Date{2024, 3, 5}, "Una nota sul cloud", "Breve nota.",
       "Il cloud conviene alle piccole imprese.", {}, {"cloud"}, {}, "Redazione",
       "Rassegna Tech", "Economia"},
  };
  std::vector<FixtureArticle> out;
  for (const Spec& s : specs) {
    FixtureArticle f;
    f.article.id = s.id;
    f.article.source_path = std::string("articoli/") + s.id + ".md";
    f.article.title = s.title;
    f.article.lead = s.lead;
    f.article.body = s.body;
    f.article.date = s.date;
    f.article.tags = s.tags;
    f.article.author = s.author;
    f.article.source = s.source;
    f.article.section = s.section;
    f.article.url = std::string("https://segugio.example/") + s.id;
    f.companies = s.companies;
    f.topics = s.topics;
    out.push_back(std::move(f));
  }
  return out;
}

void write_database(const std::filesystem::path& path,
                    const std::vector<FixtureArticle>& articles) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  analysis::Analyzer analyzer;
  index::DocCompressor compressor;
  for (const FixtureArticle& f : articles) {
    Xapian::Document doc;
    const index::ArticleAnalysis a = index::analyze_article(analyzer, f.article);
    index::add_text_terms(doc, a);
    index::ArticleFacets facets;
    facets.companies = f.companies;
    facets.topics = f.topics;
    index::add_filter_terms(doc, f.article, facets, f.article.source_path);
    // add_text_terms() also sets the near-duplicate key (kSlotNearDuplicate),
    // as the indexer does: the fixture has no copy of the rule.
    doc.set_data(compressor.compress(index::encode(index::make_stored_article(f.article, facets))));
    for (const std::string& w : index::spelling_words(a.title, a.lead)) db.add_spelling(w);
    db.replace_document(schema::boolean_term(schema::kId, f.article.id), doc);
  }
  db.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaCreator), "segugio tests");
  db.commit();
}

FixtureArticle plain_article(const std::string& id, const std::string& title,
                             const std::string& body, Date date,
                             std::vector<std::string> companies) {
  FixtureArticle f;
  f.article.id = id;
  f.article.title = title;
  f.article.body = body;
  f.article.date = date;
  f.article.source = "Prova";
  f.companies = std::move(companies);
  return f;
}

}  // namespace segugio::testing
