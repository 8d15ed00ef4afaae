#include "company_learning.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>

#include "coordinator.h"
#include "segugio/text/normalize.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/index/schema.h"
#include "segugio/index/stored_article.h"

namespace segugio::index {

namespace {

using facets::CompanyGazetteer;

// One change to one document: a learned name to add or to take away.
struct Change {
  const std::string* key = nullptr;    // the name key
  const std::string* value = nullptr;  // add: the company as written
  bool add = true;
};

// A name confirmed somewhere in the database.
struct Confirmed {
  std::size_t confirmations = 0;
  bool learned = false;
  std::optional<std::string> value;  // as an article that confirms it writes it
};

using Pending = std::vector<std::map<Xapian::docid, std::vector<Change>>>;  // per shard

std::string key_of(const std::string& term, std::string_view prefix) {
  return term.substr(prefix.size());
}

StoredArticle stored_of(Xapian::Database& db, const Xapian::Document& doc,
                        DocDecompressor& decompressor) {
  return decompressor.decode(doc.get_data(),
                            [&db](std::uint64_t id) { return stored_dictionary(db, id); });
}

// The company as the first article that confirms `key` writes it: its value
// slots first, its stored record for a company past the slots.
std::string written_form(std::vector<Xapian::Database>& readers, const std::string& key,
                         DocDecompressor& decompressor) {
  const std::string term = schema::boolean_term(schema::kCompanyConfirmed, key);
  for (Xapian::Database& db : readers) {
    auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) continue;
    const Xapian::Document doc = db.get_document(*p);
    for (unsigned i = 0; i < schema::kMaxCompanySlots; ++i) {
      std::string v = doc.get_value(schema::kSlotCompanyFirst + i);
      if (v.empty()) break;
      if (CompanyGazetteer::name_key(v) == key) return v;
    }
    for (std::string& c : stored_of(db, doc, decompressor).companies)
      if (CompanyGazetteer::name_key(c) == key) return std::move(c);
  }
  return key;  // not reached while the index is consistent
}

// A copy of `doc` that refers to no database. A document read from a database
// holds a reference to it, and Xapian counts references without atomics:
// released by the shard's writer thread while this thread opens documents of
// the same database, the count would race. Terms, positions and values are
// read here, on this thread.
std::unique_ptr<Xapian::Document> detached(const Xapian::Document& doc) {
  auto copy = std::make_unique<Xapian::Document>();
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      copy->add_posting(*t, *p, 0);
    copy->add_term(*t, t.get_wdf());
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
    copy->add_value(v.get_valueno(), *v);
  return copy;
}

void set_company_slots(Xapian::Document& doc, const std::vector<std::string>& companies) {
  // An empty value is no value (Xapian removes the slot).
  for (unsigned i = 0; i < schema::kMaxCompanySlots; ++i)
    doc.add_value(schema::kSlotCompanyFirst + i, i < companies.size() ? companies[i] : std::string());
}

// The documents of `db` in the posting list of `with` and not in that of
// `without`, each given `change`.
void add_difference(Xapian::Database& db, const std::string& with, const std::string& without,
                    Change change, std::map<Xapian::docid, std::vector<Change>>& out) {
  // An empty term's posting list is every document: `without` empty excludes none.
  auto other = without.empty() ? Xapian::PostingIterator() : db.postlist_begin(without);
  const auto other_end = without.empty() ? Xapian::PostingIterator() : db.postlist_end(without);
  for (auto p = db.postlist_begin(with); p != db.postlist_end(with); ++p) {
    if (other != other_end) other.skip_to(*p);
    if (other != other_end && *other == *p) continue;
    out[*p].push_back(change);
  }
}

class Learner {
 public:
  Learner(Coordinator& coordinator, std::vector<Xapian::Database>& readers,
          const std::optional<CompressionDictionary>& compression)
      : coordinator_(coordinator),
        readers_(readers),
        compressor_(compression),
        pending_(readers.size()) {}

  LearningReport run();

 private:
  void count_confirmations();
  void queue(unsigned shard, const std::string& with, const std::string& without, Change change);
  void flush();
  static void apply(Xapian::Document& doc, StoredArticle& stored, const Change& change);

  Coordinator& coordinator_;
  std::vector<Xapian::Database>& readers_;
  DocCompressor compressor_;
  DocDecompressor decompressor_;
  std::map<std::string, Confirmed> names_;
  Pending pending_;
  std::size_t pending_documents_ = 0;
  LearningReport report_;
};

void Learner::count_confirmations() {
  const std::string prefix(schema::kCompanyConfirmed);
  for (Xapian::Database& db : readers_)
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
      names_[key_of(*t, prefix)].confirmations += t.get_termfreq();
  for (auto& [key, name] : names_) {
    std::size_t candidates = 0;
    const std::string term = schema::boolean_term(schema::kCompanyCandidate, key);
    for (Xapian::Database& db : readers_) candidates += db.get_termfreq(term);
    name.learned = learnable(name.confirmations, candidates);
    if (name.learned) ++report_.names;
  }
}

void Learner::queue(unsigned shard, const std::string& with, const std::string& without,
                    Change change) {
  auto& docs = pending_[shard];
  const std::size_t before = docs.size();
  add_difference(readers_[shard], with, without, change, docs);
  pending_documents_ += docs.size() - before;
  if (pending_documents_ >= kMaxPendingDocuments) flush();
}

LearningReport Learner::run() {
  count_confirmations();
  // Names learned: to the documents that hold them as candidates, unless
  // learned there already.
  for (auto& [key, name] : names_) {
    if (!name.learned) continue;
    const std::string with = schema::boolean_term(schema::kCompanyCandidate, key);
    const std::string without = schema::boolean_term(schema::kCompanyLearned, key);
    for (unsigned s = 0; s < readers_.size(); ++s) {
      if (readers_[s].get_termfreq(with) == 0) continue;
      if (!name.value) name.value = written_form(readers_, key, decompressor_);
      queue(s, with, without, Change{&key, &*name.value, true});
    }
  }
  // Names no longer learned: away from the documents that got them.
  const std::string prefix(schema::kCompanyLearned);
  for (unsigned s = 0; s < readers_.size(); ++s) {
    std::vector<std::string> gone;
    for (auto t = readers_[s].allterms_begin(prefix); t != readers_[s].allterms_end(prefix); ++t)
      if (auto n = names_.find(key_of(*t, prefix)); n == names_.end() || !n->second.learned)
        gone.push_back(*t);
    for (const std::string& term : gone) {
      const auto& key = names_.try_emplace(key_of(term, prefix)).first->first;
      queue(s, term, {}, Change{&key, nullptr, false});
    }
  }
  flush();
  return report_;
}

void Learner::apply(Xapian::Document& doc, StoredArticle& stored, const Change& change) {
  const std::string learned = schema::boolean_term(schema::kCompanyLearned, *change.key);
  auto& companies = stored.companies;
  if (change.add) {
    companies.push_back(*change.value);
    doc.add_boolean_term(schema::boolean_term(schema::kCompany, text::fold(*change.value)));
    doc.add_boolean_term(learned);
    return;
  }
  const auto it = std::find_if(companies.begin(), companies.end(), [&](const std::string& c) {
    return CompanyGazetteer::name_key(c) == *change.key;
  });
  if (it != companies.end()) {
    try {
      doc.remove_term(schema::boolean_term(schema::kCompany, text::fold(*it)));
    } catch (const Xapian::InvalidArgumentError&) {  // not there: nothing to take away
    }
    companies.erase(it);
  }
  try {
    doc.remove_term(learned);
  } catch (const Xapian::InvalidArgumentError&) {
  }
}

// The shard's writer commits the updates sent here while the next documents
// are read from the same shard: after two commits the revision being read is
// discarded. Each document is read, changed and copied whole inside
// with_reader() (a Xapian::Document reads its terms and values lazily), so a
// retry starts from a fresh read and the writer gets a copy with no tie to
// the reader. The report counts a document once it is sent.
void Learner::flush() {
  for (unsigned s = 0; s < readers_.size(); ++s) {
    for (const auto& entry : pending_[s]) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
      const Xapian::docid did = entry.first;
      const std::vector<Change>& changes = entry.second;
      const auto rewrite = [&](Xapian::Database& db) {
        Xapian::Document read = db.get_document(did);
        StoredArticle stored = stored_of(db, read, decompressor_);
        for (const Change& c : changes) apply(read, stored, c);
        set_company_slots(read, stored.companies);
        auto fresh = detached(read);
        fresh->set_data(compressor_.compress(encode(stored)));
        return std::pair(std::move(fresh), std::move(stored.id));
      };
      std::pair<std::unique_ptr<Xapian::Document>, std::string> rewritten;
      try {
        rewritten = with_reader(readers_[s], rewrite);
      } catch (const Xapian::DatabaseError&) {
        // The writer kept committing a backlog faster than the reads (the
        // revision discarded, or a block caught mid-write): let it finish,
        // then nothing commits while this document is read.
        coordinator_.settle();
        rewritten = with_reader(readers_[s], rewrite);
      }
      auto& [doc, id] = rewritten;
      for (const Change& c : changes) ++(c.add ? report_.learned : report_.unlearned);
      coordinator_.update(s, schema::boolean_term(schema::kId, id), std::move(doc));
    }
    pending_[s].clear();
  }
  pending_documents_ = 0;
  coordinator_.settle();
}

}  // namespace

bool learnable(std::size_t confirmations, std::size_t candidate_documents) {
  return confirmations > 0 && candidate_documents <= kCandidatesPerConfirmation * confirmations;
}

LearningReport learn_companies(Coordinator& coordinator, std::vector<Xapian::Database>& readers,
                               const std::optional<CompressionDictionary>& compression) {
  coordinator.settle();
  return Learner(coordinator, readers, compression).run();
}

}  // namespace segugio::index
