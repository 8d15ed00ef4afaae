// The on-disk schema of a Segugio database: term prefixes, value slots and
// metadata keys. Both the indexer and the searcher speak only through these
// names; ARCHITECTURE.md ("Schema") documents them for people.
//
// Bump kSchemaVersion whenever what is written changes meaning; a searcher
// refuses a database whose version it does not know, with a clear message.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace segugio::schema {

inline constexpr int kSchemaVersion = 1;

// --- metadata keys ---
inline constexpr std::string_view kMetaSchema = "segugio:schema";      // "1"
inline constexpr std::string_view kMetaCreator = "segugio:creator";    // "segugio 0.1.0"
inline constexpr std::string_view kMetaUpdated = "segugio:updated";    // ISO time of last commit
// Spelling changes of committed documents not yet in the spelling table
// ("word\tdelta\n" lines); applied by the next run if this one was killed.
inline constexpr std::string_view kMetaSpellingPending = "segugio:spelling-pending";
inline constexpr std::string_view kMetaDictPrefix = "segugio:dict:";   // + dict id -> zstd dictionary
inline constexpr std::string_view kMetaFilePrefix = "segugio:file:";   // + source path -> state
// + id -> the id: an article deleted with --delete (first shard only).
inline constexpr std::string_view kMetaDeletedPrefix = "segugio:deleted:";
// Metadata keys are limited like terms: a longer key is cut and hashed the way
// boolean_term() cuts terms (see file_state.h).
inline constexpr std::size_t kMaxMetadataKeyBytes = 245;

// --- layout of a sharded database (see shard_layout.h) ---
inline constexpr std::string_view kStubFile = "XAPIANDB";      // DB/XAPIANDB: "auto shard-00" lines
inline constexpr std::string_view kShardFolderPrefix = "shard-";  // shard-00, shard-01, ...
inline constexpr unsigned kMaxShards = 100;                   // two digits

// --- positional text terms ---
// Unprefixed: every word of title, lead, body and code (the title's words with a
// higher wdf, the lead's above the body's).
inline constexpr std::string_view kTitle = "S";
// Non-positional: the coarse stem of every indexed word (analysis::coarse_stem),
// a second, looser match for derivations Snowball keeps apart.
inline constexpr std::string_view kCoarseStem = "XT";   // title words again, for title:/titolo:
// Non-positional: every indexed word that stemming changed, folded, as written
// (`XEfunzioni`), weighted like the word; the searcher adds it to the word.
inline constexpr std::string_view kExactForm = "XE";

// --- boolean terms (filters); values are folded lower case unless said ---
inline constexpr std::string_view kId = "Q";          // the document id (hashed if too long)
inline constexpr std::string_view kCompany = "XCO";   // canonical company name, folded
// Collection-level learning (company_learning.h), each + a name key
// (facets::CompanyGazetteer::name_key, `acme robotics`): a name the gazetteer
// does not know that a cue confirms in this article; a capitalised unknown
// name no cue confirms here; a company this article got from the collection
// (a cue confirmed it in another article), i.e. one known with less confidence.
inline constexpr std::string_view kCompanyConfirmed = "XCK";
inline constexpr std::string_view kCompanyCandidate = "XCC";
inline constexpr std::string_view kCompanyLearned = "XCL";
inline constexpr std::string_view kTopic = "XTO";     // topic slug
inline constexpr std::string_view kDay = "D";         // YYYYMMDD
inline constexpr std::string_view kMonth = "XM";      // YYYYMM
inline constexpr std::string_view kYear = "Y";        // YYYY
inline constexpr std::string_view kNoDate = "XND";    // the one term "XND" when undated
inline constexpr std::string_view kSource = "XSO";    // outlet, folded
inline constexpr std::string_view kSection = "XSE";   // section, folded
inline constexpr std::string_view kTag = "K";         // tag, folded
inline constexpr std::string_view kAuthor = "A";      // author, folded
inline constexpr std::string_view kUrl = "XU";        // normalised URL (duplicates)
inline constexpr std::string_view kPath = "XP";       // source file path (incremental runs)

// --- value slots ---
inline constexpr Xapian::valueno kSlotDate = 0;         // "YYYYMMDD", empty when undated
inline constexpr Xapian::valueno kSlotCompanyFirst = 1;  // companies by salience, one per slot
inline constexpr unsigned kMaxCompanySlots = 24;         // slots 1..24
inline constexpr Xapian::valueno kSlotMonth = 30;       // "YYYY-MM" or "senza-data"
inline constexpr Xapian::valueno kSlotTopicFirst = 31;  // topics, main first (31..33)
inline constexpr unsigned kMaxTopics = 3;
inline constexpr Xapian::valueno kSlotId = 40;          // id, for stable tie-breaking
inline constexpr Xapian::valueno kSlotDayNumber = 41;   // sortable_serialise(days since epoch)
// Near-duplicate key, for `segugio-search --collapse` (Enquire::set_collapse_key):
// the main term (Word::terms[0]) of each non-stopword word of the title, in
// order, joined by single spaces, cut at 200 bytes on a word boundary; empty
// (no value) when the title has no such word. Articles that share it fold into
// one hit ("+N simili").
inline constexpr Xapian::valueno kSlotNearDuplicate = 42;
// Every facet value of the document in one value (facet_pack.h): the month,
// the topics of slots 31..33 and the companies of slots 1..24. Facet counts
// read it once per match when every document of the database has it.
inline constexpr Xapian::valueno kSlotFacetPack = 43;

// Xapian refuses terms over 245 bytes: long values are cut and hashed.
inline constexpr std::size_t kMaxTermBytes = 245;

// prefix + value, shortened with a hash of the value when too long for a term.
std::string boolean_term(std::string_view prefix, std::string_view value);

// FNV-1a, 64 bit: the same on every machine and every run. Used to route ids
// to shards, to name zstd dictionaries and to fingerprint source files.
std::uint64_t stable_hash(std::string_view bytes);
// Continues a stable_hash() over more bytes: stable_hash(a + b) ==
// stable_hash_update(stable_hash(a), b).
std::uint64_t stable_hash_update(std::uint64_t hash, std::string_view bytes);
inline constexpr std::uint64_t kStableHashSeed = 14695981039346656037ull;  // stable_hash("")

// --- checking a database's schema ---
enum class SchemaUse {
  search,  // any version up to kSchemaVersion (a searcher reads older ones)
  update,  // exactly kSchemaVersion, with its creator once it holds documents
};

// The schema version `db` declares, or kSchemaVersion for a database that
// segugio-index created and was stopped before its first commit (no
// documents, no metadata; for `update`, no documents and no schema). Throws
// DatabaseError naming `name` for a database Segugio did not write, a
// version it cannot read (`search`) or does not write (`update`, with the
// hint to rebuild with --full).
int check_schema(const Xapian::Database& db, const std::string& name, SchemaUse use);

// --- stub files (DB/XAPIANDB, or any stub Xapian opens) ---
// One line: its kind (`auto`, `glass`, `remote`, ...) and the rest
// (`shard-00`, `10.0.0.7:7001`), blanks trimmed.
struct StubLine {
  std::string kind;
  std::string rest;
  std::string text;     // the whole line, trimmed, for messages
  unsigned number = 0;  // from 1
};

// The lines of a stub's text, blank lines and `#` comments left out.
std::vector<StubLine> stub_lines(std::string_view text);

// The lines of the stub `file` (its first 64 KiB); nullopt when the file
// cannot be read or holds a NUL byte (a database file, not a stub).
std::optional<std::vector<StubLine>> read_stub(const std::filesystem::path& file);

}  // namespace segugio::schema
