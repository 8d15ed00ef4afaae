#include "shard_writer.h"

#include <cstdlib>
#include <ctime>

#include "segugio/core/error.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/schema.h"

namespace segugio::index {

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void CommitGate::committed(unsigned writer, std::uint64_t batch) {
  std::lock_guard lock(mutex_);
  committed_[writer] = batch;
  changed_.notify_all();
}

bool CommitGate::wait_for_others(std::uint64_t batch) { return wait_from(1, batch); }

bool CommitGate::wait_for_all(std::uint64_t batch) { return wait_from(0, batch); }

bool CommitGate::wait_from(std::size_t first, std::uint64_t batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    if (failed_) return true;
    for (std::size_t i = first; i < committed_.size(); ++i)
      if (committed_[i] < batch) return false;
    return true;
  });
  return !failed_;
}

void CommitGate::fail() {
  std::lock_guard lock(mutex_);
  failed_ = true;
  changed_.notify_all();
}

ShardWriter::ShardWriter(Xapian::WritableDatabase db, unsigned index, CommitGate& gate)
    : db_(std::move(db)), index_(index), gate_(gate), queue_(kQueueOps, kQueueBytes) {
  // Changes a killed run committed but never applied: applied with ours.
  const std::string pending = db_.get_metadata(std::string(schema::kMetaSpellingPending));
  spelling_pending_in_db_ = !pending.empty();
  std::size_t at = 0;
  while (at < pending.size()) {
    const std::size_t tab = pending.find('\t', at), end = pending.find('\n', at);
    if (tab == std::string::npos || end == std::string::npos || tab > end) break;
    committed_spelling_[pending.substr(at, tab - at)] +=
        std::strtoll(pending.c_str() + tab + 1, nullptr, 10);
    at = end + 1;
  }
  thread_ = std::thread([this] { run(); });
}

ShardWriter::~ShardWriter() { finish(); }

void ShardWriter::push(WriteOp op) {
  const std::size_t bytes = op.bytes;
  queue_.push(std::move(op), bytes);
}

void ShardWriter::finish() {
  if (!thread_.joinable()) return;
  queue_.close();
  thread_.join();
}

bool ShardWriter::failed() const {
  std::lock_guard lock(error_mutex_);
  return error_ != nullptr;
}

std::exception_ptr ShardWriter::error() const {
  std::lock_guard lock(error_mutex_);
  return error_;
}

void ShardWriter::run() {
  while (std::optional<WriteOp> op = queue_.pop()) {
    if (failed()) continue;  // drain, so that the coordinator never blocks on us
    try {
      apply(*op);
    } catch (...) {
      {
        std::lock_guard lock(error_mutex_);
        error_ = std::current_exception();
      }
      gate_.fail();
      if (in_transaction_) {
        try {
          db_.cancel_transaction();
        } catch (const Xapian::Error&) {  // the database is closed below anyway
        }
        in_transaction_ = false;
      }
      batch_spelling_.clear();
    }
  }
  try {
    // An unfinished batch (interrupted or failed run) never reaches the disk.
    if (in_transaction_) db_.cancel_transaction();
    in_transaction_ = false;
    if (!failed() && (!committed_spelling_.empty() || spelling_pending_in_db_)) {
      db_.begin_transaction(true);
      commit_spelling(true);
      db_.commit_transaction();
    }
    db_.close();
  } catch (const Xapian::Error& e) {
    std::lock_guard lock(error_mutex_);
    if (!error_) error_ = std::make_exception_ptr(DatabaseError(e.get_msg()));
  }
}

void ShardWriter::apply(WriteOp& op) {
  if (!in_transaction_) {
    db_.begin_transaction(true);
    in_transaction_ = true;
  }
  switch (op.kind) {
    case WriteOp::Kind::replace:
      // A document the coordinator knows is new skips replace_document's
      // look-up of its id term.
      if (op.may_exist) {
        forget_spelling(op.key);
        db_.replace_document(op.key, *op.document);
      } else {
        db_.add_document(*op.document);
      }
      for (std::string& w : op.spelling) ++batch_spelling_[std::move(w)];
      break;
    case WriteOp::Kind::update:
      db_.replace_document(op.key, *op.document);
      break;
    case WriteOp::Kind::remove:
      if (op.may_exist) forget_spelling(op.key);
      db_.delete_document(op.key);
      break;
    case WriteOp::Kind::set_metadata:
      db_.set_metadata(op.key, op.value);
      break;
    case WriteOp::Kind::commit:
      commit_spelling(++commits_since_spelling_ >= kSpellingEveryCommits ||
                      committed_spelling_.size() + batch_spelling_.size() > kSpellingMaxWords);
      db_.set_metadata(std::string(schema::kMetaUpdated), op.value);
      if (index_ == 0 && !gate_.wait_for_others(op.batch))
        throw DatabaseError("another shard failed; batch " + std::to_string(op.batch) +
                            " not committed");
      db_.commit_transaction();
      in_transaction_ = false;
      gate_.committed(index_, op.batch);
      break;
  }
}

// The spelling table counts, for each word, the documents whose title or lead
// hold it; a document that goes away takes its words with it, so "Forse
// cercavi" never suggests a word no article has any more.
void ShardWriter::forget_spelling(const std::string& id_term) {
  Xapian::PostingIterator p = db_.postlist_begin(id_term);
  if (p == db_.postlist_end(id_term)) return;
  StoredArticle old;
  try {
    old = decompressor_.decode(db_.get_document(*p).get_data(), [this](std::uint64_t id) {
      return stored_dictionary(db_, id);
    });
  } catch (const DatabaseError&) {
    return;  // damaged old data: nothing we can subtract
  }
  if (!analyzer_) analyzer_ = std::make_unique<analysis::Analyzer>();
  for (std::string& w :
       spelling_words(analyzer_->analyze(old.title), analyzer_->analyze(old.lead)))
    --batch_spelling_[std::move(w)];
}

// Within the open transaction: the batch's spelling changes join the
// committed ones, which go to the spelling table (`flush`) or, until then,
// to the metadata.
void ShardWriter::commit_spelling(bool flush) {
  for (auto& [word, delta] : batch_spelling_) committed_spelling_[word] += delta;
  batch_spelling_.clear();
  if (flush) {
    flush_spelling();
    return;
  }
  std::string pending;
  for (const auto& [word, delta] : committed_spelling_) {
    if (delta == 0) continue;
    pending += word;
    pending += '\t';
    pending += std::to_string(delta);
    pending += '\n';
  }
  db_.set_metadata(std::string(schema::kMetaSpellingPending), pending);
  spelling_pending_in_db_ = !pending.empty();
}

void ShardWriter::flush_spelling() {
  for (const auto& [word, delta] : committed_spelling_) {
    if (delta > 0) db_.add_spelling(word, static_cast<Xapian::termcount>(delta));
    if (delta < 0) db_.remove_spelling(word, static_cast<Xapian::termcount>(-delta));
  }
  committed_spelling_.clear();
  commits_since_spelling_ = 0;
  if (spelling_pending_in_db_) db_.set_metadata(std::string(schema::kMetaSpellingPending), "");
  spelling_pending_in_db_ = false;
}

}  // namespace segugio::index
