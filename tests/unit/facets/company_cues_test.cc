// Open-world companies: each cue of company-context-it.txt on its own, and the
// evidence an article gives collection-level learning (NameEvidence). Every
// text and company name here was made up for these tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "company_table.h"
#include "segugio/facets/company_gazetteer.h"

using segugio::Article;
using segugio::facets::CompanyGazetteer;
using segugio::testing::check_table;
using segugio::facets::CompanyMention;
using segugio::facets::NameEvidence;

namespace {

bool found_in(const std::string& body, const std::string& company) {
  Article a;
  a.body = body;
  const std::vector<CompanyMention> found = CompanyGazetteer::builtin().find(a);
  return std::any_of(found.begin(), found.end(),
                     [&](const CompanyMention& m) { return m.name == company; });
}

NameEvidence evidence_of(const std::string& title, const std::string& body) {
  Article a;
  a.title = title;
  a.body = body;
  NameEvidence e;
  CompanyGazetteer::builtin().find(a, e);
  return e;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("each cue makes an unknown name a company, and the name alone does not") {
  struct Case {
    const char* cue;
    const char* text;  // names `Corvalda`
  };
  const Case cases[] = {
      // [cue-before]: a cue word before the name.
      {"società", "Il bando è stato vinto dalla società Corvalda lo scorso anno."},
      {"azienda", "Lo conferma l'azienda Corvalda in una nota."},
      {"startup", "Ha investito nella startup Corvalda a febbraio."},
      {"startup + origin", "Ha investito nella startup lombarda Corvalda a febbraio."},
      {"scaleup", "Cresce la scaleup Corvalda nel Nord Est."},
      {"gruppo", "Il piano del gruppo Corvalda prevede nuove assunzioni."},
      {"multinazionale", "La multinazionale Corvalda apre un centro a Bari."},
      {"colosso", "Il colosso Corvalda rivede le stime."},
      {"produttore", "Il produttore Corvalda ha ritirato il modello."},
      {"marchio", "Il marchio Corvalda torna nei negozi."},
      {"impresa", "Ne parla l'impresa Corvalda nel suo rapporto."},
      {"operatore", "L'operatore Corvalda estende la copertura."},
      {"fornitore", "Il fornitore Corvalda consegna i server."},
      {"editore", "L'editore Corvalda pubblica la collana."},
      {"banca", "La banca Corvalda offre un conto digitale."},
      {"software house", "La software house Corvalda assume sviluppatori."},
      {"casa editrice", "La casa editrice Corvalda pubblica il manuale."},
      // A cue after the name.
      {", azienda", "Corvalda, azienda di Bergamo, produce sensori."},
      {", una startup", "Ne parla Corvalda, una startup di Padova."},
      // [legal]: a legal form after the name.
      {"S.p.A.", "Il contratto va a Corvalda S.p.A. per due anni."},
      {"Srl", "Il servizio è gestito da Corvalda Srl da gennaio."},
      {"Inc.", "Il software è di Corvalda Inc. da sempre."},
      {"GmbH", "Il software è di Corvalda GmbH, con sede a Monaco."},
      {"Ltd", "Il marchio passa a Corvalda Ltd entro l'estate."},
      {"LLC", "La licenza è di Corvalda LLC dal 2020."},
      // [cue-of]: a cue word, `di`/`da`, the name.
      {"CEO di", "Lo ha detto il CEO di Corvalda alla conferenza."},
      {"CTO di", "Ne ha parlato il CTO di Corvalda ieri."},
      {"fondatore di", "Lo racconta il fondatore di Corvalda in un'intervista."},
      {"cofondatrice di", "Lo racconta la cofondatrice di Corvalda in un'intervista."},
      {"dipendenti di", "I dipendenti di Corvalda sono in sciopero."},
      {"acquisita da", "La piattaforma, acquisita da Corvalda nel 2021, cresce."},
      {"controllata da", "La rete, controllata da Corvalda, copre il Sud."},
  };
  for (const Case& c : cases) {
    const std::string label = std::string(c.cue) + ": " + c.text;
    INFO(label);
    CHECK(found_in(c.text, "Corvalda"));
  }
  CHECK_FALSE(found_in("Il lavoro di Corvalda è noto a tutti.", "Corvalda"));
}

// Collection-level learning keeps what each article says about names it does
// not know; a candidate must look like a proper name, not a common word.
TEST_CASE("name evidence: candidates look like proper names, confirmed names have a cue") {
  struct Case {
    const char* body;
    const char* key;  // CompanyGazetteer::name_key of the name
    bool candidate;
    bool confirmed;
  };
  const Case cases[] = {
      {"Il progetto usa i sensori di Corvalda in ogni sala.", "corvalda", true, false},
      {"La startup Corvalda usa i sensori.", "corvalda", false, true},
      {"Il bando premia Corvalda Sistemi per il secondo anno.", "corvalda sistemi", true, false},
      // A capital opening a sentence says nothing.
      {"Corvalda usa i sensori in ogni sala.", "corvalda", false, false},
      // Codes and acronyms in capitals, stopwords, short words.
      {"Il grafico va da BT a RL nel diagramma.", "bt", false, false},
      {"Il documento cita il PNRR più volte.", "pnrr", false, false},
      {"Il testo dice Di nuovo le stesse cose.", "di", false, false},
      // A word the article also writes in lower case is a word.
      {"Il piano segue l'Agenda del ministro. Ogni agenda ha le sue date.", "agenda", false,
       false},
      {"Il gruppo Kernel ha chiuso. Il kernel resta stabile.", "kernel", false, false},
      // A surname: the article named the person in full before.
      {"Lo dice Aldo Corvalda, assessore. Il piano, spiega Corvalda, è pronto.", "corvalda", false,
       false},
      {"Lo dice Aldo Corvalda, assessore. Il piano, spiega Corvalda, è pronto.", "aldo corvalda",
       true, false},
      // URLs, e-mail addresses and code are never names.
      {"Scrivete a Corvalda@esempio.it per informazioni.", "corvalda", false, false},
      {"Il comando `Corvalda` avvia il servizio.", "corvalda", false, false},
      // A partner the article names itself: no candidate, though not taught
      // (learning would add it to the article twice).
      {"Il prototipo è nato in collaborazione con Corvalda, che fornisce i sensori.", "corvalda",
       false, false},
      // The gazetteer knows it: no candidate.
      {"Il progetto usa i server di Microsoft in ogni sala.", "microsoft", false, false},
  };
  for (const Case& c : cases) {
    const std::string label = std::string(c.body) + " -> " + c.key;
    INFO(label);
    const NameEvidence e = evidence_of("", c.body);
    CHECK(contains(e.candidates, c.key) == c.candidate);
    CHECK(contains(e.confirmed, c.key) == c.confirmed);
  }
  CHECK(CompanyGazetteer::name_key("Città-Mobile  Srl") == "citta mobile srl");
}

TEST_CASE("name evidence: a Title Case headline gives no candidates") {
  const NameEvidence e = evidence_of("Come Cambia Il Lavoro Con Corvalda", "");
  CHECK(e.candidates.empty());
}

TEST_CASE("a job title before `di` and a known company is no company of its own") {
  Article a;
  a.body = "Lo ha detto Anna Neri, Direttore Tecnico di Sogei S.p.A., alla conferenza.";
  const std::vector<CompanyMention> found = CompanyGazetteer::builtin().find(a);
  REQUIRE(found.size() == 1);
  CHECK(found.front().name == "Sogei");
}

TEST_CASE("a brand that is no ordinary word names its company in lower case too") {
  struct Case {
    const char* text;
    const char* company;
    bool expected;
  };
  const Case cases[] = {
      {"Il sorgente si scarica dal repository di github in pochi secondi.", "GitHub", true},
      {"I file restano sincronizzati su dropbox anche offline.", "Dropbox", true},
      // An ordinary word (`un'intesa`), a short name, the platform's own spelling.
      {"Le parti hanno raggiunto un'intesa sul contratto.", "Intesa Sanpaolo", false},
      {"Il pagamento passa da pagoPA come sempre.", "PagoPA", false},
      // Not in addresses.
      {"Il codice è su https://github.com/esempio/progetto da ieri.", "GitHub", false},
  };
  for (const Case& c : cases) {
    const std::string label = std::string(c.text) + " -> " + c.company;
    INFO(label);
    CHECK(found_in(c.text, c.company) == c.expected);
  }
}

// Issue 16: more Italian cues, each with a name the gazetteer does not know.
TEST_CASE("wider and stricter cues: kinds of company, subsidiaries, outlets, public bodies") {
  check_table({
      {"Il piano passa alla controllata Corvalda Reti entro l'anno.", "Corvalda Reti", true},
      {"La partecipata Corvalda gestirà i data center.", "Corvalda", true},
      {"Il gruppo bancario Corvalda apre tre filiali.", "Corvalda", true},
      {"La compagnia assicurativa Corvalda rivede le polizze.", "Corvalda", true},
      {"Il gruppo editoriale Corvalda chiude una testata.", "Corvalda", true},
      {"Lo ha scritto il quotidiano Gazzetta di Vellano ieri.", "Gazzetta di Vellano", true},
      {"La notizia è stata ripresa dalla testata Corvalda News.", "Corvalda News", true},
      {"L'emittente Corvalda TV trasmetterà la finale.", "Corvalda TV", true},
      {"Lo conferma l'istituto di credito Corvalda in una nota.", "Corvalda", true},
      {"Anche Corvalda, nota azienda di Lecco, ha aderito.", "Corvalda", true},
      {"Ne parla Corvalda, storica casa editrice di Pavia.", "Corvalda", true},
      // `controllata da` keeps working beside `la controllata`.
      {"La rete, controllata da Corvalda, copre il Sud.", "Corvalda", true},
      // A dash in a list is no comma: `Nome - gruppo di ...` describes anything.
      {"- Corvalda Italia - gruppo di volontari del software libero", "Corvalda Italia", false},
      // Sentence-opening words are no part of the name.
      {"Anche Corvalda, nota azienda di Lecco, ha aderito.", "Anche Corvalda", false},
      // Stricter: public bodies and kinds of customer are no companies.
      {"Servono nuove assunzioni tra i dipendenti della Pubblica Amministrazione.",
       "Pubblica Amministrazione", false},
      {"Il servizio è pensato per le società Corporate e i grandi enti.", "Corporate", false},
      // A memorandum of understanding (`d'Intesa`) is no bank.
      {"Il ministro ha firmato un Memorandum d'Intesa con l'azienda Corvalda.", "Intesa Sanpaolo",
       false},
      {"Il ministro ha firmato un Memorandum d'Intesa con l'azienda Corvalda.", "Corvalda", true},
  });
}

// Issue 16: partners, sponsors and venues named by a relation.
// Issue 16: `il fornitore SaaS` names a service model, not a company; the
// collection learned `SaaS` from two such cues.
TEST_CASE("a service model written XaaS is no company after a cue") {
  check_table({
      {"La revoca riguarda un fornitore SaaS della pubblica amministrazione.", "SaaS", false},
      {"Le aziende PaaS crescono più delle altre.", "PaaS", false},
      {"Il fornitore Corvalda ha vinto la gara.", "Corvalda", true},
  });
}

TEST_CASE("relations name partners, sponsors and venues, not institutions") {
  check_table({
      {"Il prototipo è nato in collaborazione con Corvalda, che fornisce i sensori.", "Corvalda",
       true},
      {"Da due anni il laboratorio collabora con Corvalda e Brenzia sui test.", "Brenzia", true},
      {"Da due anni il laboratorio collabora con Corvalda e Brenzia sui test.", "Corvalda", true},
      {"Gli sponsor Corvalda, Brenzia e Tavolio coprono le spese del viaggio.", "Tavolio", true},
      {"La festa è sponsorizzata da Corvalda Reti come ogni anno.", "Corvalda Reti", true},
      {"Il sito è powered by Corvalda da qualche mese.", "Corvalda", true},
      {"Il nostro partner tecnologico Corvalda cura la manutenzione.", "Corvalda", true},
      {"Il corso si tiene presso Corvalda Group a Pavia.", "Corvalda", true},
      // A known name that is also a word is named after a relation.
      {"Il progetto è stato sviluppato in collaborazione con Poste.", "Poste Italiane", true},
      // Institutions, public bodies, places and acronyms are no companies.
      {"La ricerca è condotta in collaborazione con il Politecnico di Lurago.", "Politecnico", false},
      {"Il bando è scritto in collaborazione con l'Università di Lurago.", "Università di Lurago",
       false},
      {"Il portale è nato in collaborazione con Agenzia Lurago.", "Agenzia Lurago", false},
      {"Le linee guida sono scritte in collaborazione con AgPX e con la regione.", "AgPX", false},
      {"Il corso si tiene presso Palazzo Corvalda a Pavia.", "Palazzo Corvalda", false},
      {"La firma avviene presso il Ministero della Cultura.", "Ministero della Cultura", false},
      {"Il lavoro è svolto in collaborazione con Fondazione Corvalda.", "Fondazione Corvalda",
       false},
  });
}

// Issue 16 (dev sets): partners listed beside a public body or an institution
// are public partners, whatever their names (`Ministero della Salute, Agenas e
// ...`, `Dipartimento di Scienze Biomediche e Cliniche`).
TEST_CASE("unknown partners listed with a public body or an institution are no companies") {
  check_table({
      {"Il corso nasce in collaborazione con Ministero della Cultura, Edunet e Scuolab.", "Edunet",
       false},
      {"Il corso nasce in collaborazione con Ministero della Cultura, Edunet e Scuolab.",
       "Scuolab", false},
      {"Lo studio è condotto in collaborazione con il Dipartimento di Scienze Agrarie e Forestali, "
       "che cura i campi.",
       "Forestali", false},
      {"Il laboratorio si tiene in collaborazione con Developers Italia, Arpel e Formez PA.",
       "Arpel", false},
      // Without a public body the same names are partners; a known company
      // in the list is named all the same.
      {"Il corso nasce in collaborazione con Edunet e Scuolab per le scuole.", "Scuolab", true},
      {"Il corso nasce in collaborazione con il Ministero della Cultura e Google.", "Google",
       true},
  });
}

// Issue 16 (dev sets): a public body's news titles its interviews with the
// newspaper's name in quotation marks; readers label the newspaper.
TEST_CASE("the newspaper an interview is given to is a company, named as quoted") {
  check_table({
      {"Intervista della Sottosegretaria Bianchi a \"La Gazzetta di Lurago\"",
       "La Gazzetta di Lurago", true},
      {"Intervista del Ministro ad \"l'Eco di Lurago\"", "l'Eco di Lurago", true},
      {"Il ministro ha rilasciato un'intervista al “Giornale di Corvalda” sul piano.",
       "Giornale di Corvalda", true},
      // Quoted titles elsewhere are no newspapers the article names.
      {"La ministra ha letto \"La Gazzetta di Lurago\" in treno.", "La Gazzetta di Lurago",
       false},
      {"Intervista della Sottosegretaria Bianchi sul piano \"Lurago Digitale\"",
       "Lurago Digitale", false},
  });
  const NameEvidence e =
      evidence_of("Intervista del Ministro a \"La Gazzetta di Lurago\"", "Il piano va avanti.");
  CHECK_FALSE(contains(e.confirmed, "la gazzetta di lurago"));
}

TEST_CASE("a name only a relation confirms is not taught to the collection") {
  const NameEvidence e =
      evidence_of("Un nuovo sensore", "Il prototipo è nato in collaborazione con Corvalda ieri.");
  CHECK_FALSE(contains(e.confirmed, "corvalda"));
  const NameEvidence cued =
      evidence_of("Un nuovo sensore", "Il prototipo è nato con la startup Corvalda ieri.");
  CHECK(contains(cued.confirmed, "corvalda"));
}

// Issue 16 (dev4): the plural of a public body is one as much as the singular
// (`in collaborazione con Regioni e Province Autonome`).
TEST_CASE("regions, provinces and towns in the plural are public partners, not companies") {
  check_table({
      {"Il piano è nato in collaborazione con Regioni e Province Autonome.", "Regioni", false},
      {"Il piano è nato in collaborazione con Regioni e Province Autonome.", "Province Autonome",
       false},
      {"Il bando è scritto in collaborazione con Comuni e Corvalda.", "Corvalda", false},
  });
}

// Issue 16 (brief): an adverb that opens the sentence is capitalised, but no
// part of the name a legal form or a comma cue confirms.
TEST_CASE("an adverb opening the sentence is not part of a cued name") {
  check_table({
      {"Il servizio è attivo. Ieri Corvalda S.r.l. ha presentato il rilascio.", "Corvalda", true},
      {"Il servizio è attivo. Ieri Corvalda S.r.l. ha presentato il rilascio.", "Ieri Corvalda",
       false},
      {"Il portale è aperto. Inoltre Corvalda, azienda di Lecco, cura la manutenzione.",
       "Corvalda", true},
      {"Il portale è aperto. Inoltre Corvalda, azienda di Lecco, cura la manutenzione.",
       "Inoltre Corvalda", false},
      {"Il servizio è attivo. Oggi PagoPA S.p.A. ha presentato il rilascio.", "Oggi PagoPA",
       false},
  });
}

// Issue 16 (dev3, dev4): a plural cue before a list (`le aziende aggiudicatarie
// Acme, Fastweb e Tim`) names every item; `e` parts two names there.
TEST_CASE("each name of a list after a plural cue is a company, beside a known one") {
  check_table({
      {"Erano presenti le aziende aggiudicatarie Corvalda, Fastweb e Tim.", "Corvalda", true},
      {"Le società Fastweb e Corvalda hanno firmato il contratto.", "Corvalda", true},
      {"Le società Fastweb e Corvalda hanno firmato il contratto.", "Fastweb e Corvalda", false},
      {"Gli operatori Vodafone, Lurnet ed Iliad hanno aderito.", "Lurnet", true},
      // A known name of more words is one name, `e` or not.
      {"Le aziende Corvalda e Cassa Depositi e Prestiti hanno firmato.", "Cassa Depositi e Prestiti",
       true},
      // Without a known company beside them, capitalised words after a plural
      // cue are kinds of firm or learned societies.
      {"Il servizio è aperto alle società Utility, Multiservizi e Telco.", "Multiservizi", false},
      {"Il sottosegretario ha incontrato gli operatori Tlc in Sardegna.", "Tlc", false},
      {"Lo studio è condotto con le società scientifiche Sigem e Simart.", "Sigem", false},
      // A product in the list makes it a list of kinds of firm.
      {"Molte aziende Lurix e Windows offrono assistenza.", "Lurix", false},
      {"I produttori Android hanno aggiornato i telefoni.", "Google", false},
  });
}

// Issue 16 (dev4): a JSON source's text keeps Markdown; the link that opens
// right after a cue holds the name (`della società [Acme](https://...)`).
TEST_CASE("a name in a Markdown link right after a cue is cued") {
  check_table({
      {"Gli utenti della società [Acquedotto Lurese](https://www.aql.example/) pagano online.",
       "Acquedotto Lurese", true},
      {"Il servizio nasce in collaborazione con [Corvalda](https://corvalda.example/) e altri.",
       "Corvalda", true},
      {"Gli utenti della [Regione Lurese](https://www.regione.example/) pagano online.",
       "Regione Lurese", false},
  });
}

// Issue 16 (dev2, check): `è` and an article before a cue word say what the
// name before them is, as a comma does (`Acme, azienda ...`).
TEST_CASE("a name that is a startup, a company or a firm by the verb `è` is cued") {
  check_table({
      {"Corvalda è una startup innovativa nata a Lecce nel 2019.", "Corvalda", true},
      {"Lurnet è la società che gestisce la rete della città.", "Lurnet", true},
      {"Dopo tre anni Dati Lurix (DL) è un'azienda con venti dipendenti.", "Dati Lurix", true},
      {"Secondo il sindaco Corvalda è una nota azienda del territorio.", "Corvalda", true},
      // Not a cue word after the article, a pronoun, an adverb or a label.
      {"Corvalda è una città della Puglia.", "Corvalda", false},
      {"Questa è una società seria.", "Questa", false},
      {"Oggi è una giornata importante per le aziende.", "Oggi", false},
      {"“Lurimade è un marchio che contraddistinguerà le aziende italiane.", "Lurimade", false},
  });
}

// Issue 16 (check): crime news names families with the words of a group (`il
// gruppo Acme` beside `i clan Acme e Beta`).
TEST_CASE("a name the article calls a clan or a family is no company there") {
  check_table({
      {"Lo scontro è tra i clan Corvaldi e Lurnesi. Al gruppo Corvaldi era legato il giovane.",
       "Corvaldi", false},
      {"Lo scontro è tra i clan Corvaldi e Lurnesi. Il gruppo Lurnesi ha risposto.", "Lurnesi",
       false},
      {"Il gruppo Corvaldi ha chiuso il bilancio in utile.", "Corvaldi", true},
  });
}

// Issue 16 (dev): a country is a partner, never a company, whatever the cue.
TEST_CASE("a country after a relation or a cue is no company") {
  check_table({
      {"Per questo la collaborazione con Israele è fondamentale.", "Israele", false},
      {"Il progetto nasce in collaborazione con Germania e Corvalda.", "Germania", false},
      {"Il progetto nasce in collaborazione con Corvalda.", "Corvalda", true},
  });
}

// Issue 16 (check): `in house` between a cue and the name, as an adjective is
// (`la società in house regionale Acme`).
TEST_CASE("an in-house company after its cue is cued") {
  check_table({
      {"Il piano è gestito dalla società in-house regionale Lurpuglia da gennaio.", "Lurpuglia",
       true},
      {"Il servizio è della società in house Dati Lurnesi.", "Dati Lurnesi", true},
      {"La società in house del Ministero ha gestito la gara.", "Ministero", false},
  });
}

// Issue 16 (dev2): a cue inside the run of capitals that opens a sentence
// (`Il CEO di Acme`, a headline's `Secondo COO di Acme`) still names what
// follows it.
TEST_CASE("a cue of a title opening the sentence names the company after it") {
  check_table({
      {"Il CEO di Lurnet ha detto che il mercato cresce.", "Lurnet", true},
      {"Secondo COO di Corvalda, gli utenti sono più fedeli.", "Corvalda", true},
      {"Il CEO di Lurnet ha detto che il mercato cresce.", "CEO di Lurnet", false},
  });
}

// Issue 16 (dev3): a name the article's code blocks use (`vgcreate Acme1`) is
// an identifier, whatever the prose calls it.
TEST_CASE("a cued name that the article's code uses is no company") {
  const auto& g = CompanyGazetteer::builtin();
  const auto named = [&](const Article& a, const std::string& name) {
    const auto found = g.find(a);
    return std::any_of(found.begin(), found.end(),
                       [&](const CompanyMention& m) { return m.name == name; });
  };
  Article a;
  a.body = "Nel nostro esempio DatiLurnet2 è il gruppo che raccoglie i dischi.";
  CHECK(named(a, "DatiLurnet2"));
  a.code = "vgcreate DatiLurnet2 /dev/sdb1";
  CHECK_FALSE(named(a, "DatiLurnet2"));
  a.code = "vgcreate DatiLurnet22 /dev/sdb1";
  CHECK(named(a, "DatiLurnet2"));
}

// Issue 16 (check3): the capitals before a legal form may run from another
// phrase into a known name (`le olimpiadi Milano-Cortina 2026 Infratel Italia
// S.p.A.`): the name is the known one at the end.
TEST_CASE("a known name ending a run of capitals before a legal form is that company") {
  check_table({
      {"Servono gallerie per i giochi Milano-Cortina 2026 Infratel Italia S.p.A., con delibera "
       "del 2 marzo, ha firmato.",
       "Infratel Italia", true},
      {"Servono gallerie per i giochi Milano-Cortina 2026 Infratel Italia S.p.A., con delibera "
       "del 2 marzo, ha firmato.",
       "Cortina 2026 Infratel Italia", false},
      {"Servono gallerie e Lurnet Servizi S.p.A., con delibera del 2 marzo, ha firmato.",
       "Lurnet Servizi", true},
  });
}

// Issue 16 (names cut wrongly): a job title before `di` and a company is the
// person's, not part of the company's name.
TEST_CASE("a job title before a cued name and di is not part of the name") {
  check_table({
      {"Ne parla il Global Director di Lurnet S.p.A. in un video.", "Lurnet", true},
      {"Ne parla il Global Director di Lurnet S.p.A. in un video.", "Global Director di Lurnet",
       false},
      // Without a title the words before `di` are the name's.
      {"Lo conferma la Cassa di Risparmio di Lurno S.p.A. in una nota.",
       "Cassa di Risparmio di Lurno", true},
  });
}

// Issue 16 (false companies from a kind of word): a cue before the name of a
// public body names no company, and `delegato da` is `delegated by`, not the
// `amministratore delegato di` of a company.
TEST_CASE("a cue before a public body, and delegato da, name no company") {
  check_table({
      {"Ha parlato Paolo Rossi, Chief technology officer (CTO) del Dipartimento per la "
       "trasformazione digitale.",
       "Dipartimento", false},
      {"Il Ministro delegato dalla Presidenza del Consiglio ha firmato il decreto.",
       "Presidenza del Consiglio", false},
      {"L'amministratore delegato di Lurnet ha firmato il contratto.", "Lurnet", true},
      {"Il Ministro ha incontrato il CTO di Lurnet ieri.", "Lurnet", true},
      // `da` (by) only after a participle: `dipendenti da` is dependent on.
      {"Oggi siamo troppo dipendenti da Mercati lontani per i chip.", "Mercati", false},
      {"La piattaforma è stata acquistata dalla Lurnet nel 2020.", "Lurnet", true},
  });
}
