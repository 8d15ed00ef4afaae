// Collection-level learning of company names: a name the gazetteer does not
// know, confirmed by a cue in one article of a database (`la startup Acme`),
// becomes a company of the other articles that write it as a name (`ha scelto
// Acme per ...`), with less confidence.
//
// At index time each document keeps its evidence as terms (schema.h): `XCK` +
// the names a cue confirms in it, `XCC` + its candidates (capitalised unknown
// names: facets::NameEvidence). After a run's last commit, learn_companies()
// reads the whole database (so incremental runs learn from earlier runs too):
//   - a name is learned when learnable() says so;
//   - a document holding a learned name as a candidate gets the company: its
//     `XCO` term, a value slot (after the companies it found itself), the name
//     in its stored record, and `XCL` + the name (learned, lower confidence);
//   - a document holding `XCL` + a name no longer learned (its confirming
//     article was deleted or changed) loses it again.
// A re-indexed document comes without `XCL` terms and is judged afresh.
//
// Memory: the confirmed names (one entry each) and at most
// kMaxPendingDocuments documents' changes at a time; then the changes are
// committed and the readers reopened. Time: one pass over the `XCK` terms and
// one merge of two posting lists per learned name and shard.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <xapian.h>

#include "segugio/index/doc_store.h"

namespace segugio::index {

class Coordinator;

// Learning turns a name into a company everywhere it is written as a name; a
// common capitalised word confirmed by mistake (`Agenda` after `il gruppo`)
// would spread widely. So a name is learned only while the articles that write
// it without a cue are at most kCandidatesPerConfirmation times those that
// confirm it: a company is named with a cue now and then, a word never.
inline constexpr std::size_t kCandidatesPerConfirmation = 10;
inline constexpr std::size_t kMaxPendingDocuments = 10'000;

bool learnable(std::size_t confirmations, std::size_t candidate_documents);

struct LearningReport {
  std::size_t names = 0;      // names learned in the database
  std::size_t learned = 0;    // documents given a company this run
  std::size_t unlearned = 0;  // documents that lost one
};

// Runs the pass over `readers` (the shards), sending document updates through
// `coordinator` and committing them. `compression`: the dictionary new stored
// records are compressed with (the run's).
LearningReport learn_companies(Coordinator& coordinator, std::vector<Xapian::Database>& readers,
                               const std::optional<CompressionDictionary>& compression);

}  // namespace segugio::index
