// The Coordinator's rules (coordinator.h) against an in-memory sink: which
// documents a run replaces and deletes, whatever order the workers finish in.
// The "shards as of their last commit" are Xapian in-memory databases, so no
// test here touches the disk.
#include <doctest/doctest.h>

#include <future>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "coordinator.h"
#include "segugio/index/file_state.h"
#include "segugio/index/schema.h"

namespace {

using namespace segugio;
using namespace segugio::index;

// Keeps every operation as one readable line: "replace Qa <data>", "remove Qb",
// "state /c/a.md", "commit".
class RecordingSink : public WriteSink {
 public:
  void push(unsigned /*shard*/, WriteOp op) override {
    switch (op.kind) {
      case WriteOp::Kind::replace:
        lines.push_back("replace " + op.key + " " + op.document->get_data());
        break;
      case WriteOp::Kind::update:
        lines.push_back("update " + op.key);
        break;
      case WriteOp::Kind::remove:
        lines.push_back("remove " + op.key);
        break;
      case WriteOp::Kind::set_metadata:
        if (op.key.rfind(schema::kMetaFilePrefix, 0) == 0) {
          const std::optional<FileState> s = decode_file_state(op.value);
          lines.push_back(s ? "state " + s->path + " " + std::to_string(s->articles)
                            : "forget state");
        }
        break;
      case WriteOp::Kind::commit:
        lines.push_back("commit");
        break;
    }
  }
  void check() override {}
  bool wait_for_all(std::uint64_t) override { return true; }

  std::vector<std::string> lines;
};

class SilentObserver : public IndexObserver {};

// A document as an earlier run stored it in a shard.
struct StoredDoc {
  std::string id, url, date, path;
};

Xapian::Database shard_with(const std::vector<StoredDoc>& docs) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const StoredDoc& d : docs) {
    Xapian::Document doc;
    doc.add_boolean_term(schema::boolean_term(schema::kId, d.id));
    if (!d.url.empty()) doc.add_boolean_term(schema::boolean_term(schema::kUrl, d.url));
    doc.add_boolean_term(schema::boolean_term(schema::kPath, d.path));
    doc.add_value(schema::kSlotId, d.id);
    if (!d.date.empty()) doc.add_value(schema::kSlotDate, d.date);
    db.add_document(doc);
  }
  db.commit();
  return db;
}

DictionaryFuture no_dictionary() {
  std::promise<DictionaryChoice> ready;
  ready.set_value({});
  return ready.get_future().share();
}

// One run of the coordinator over files named /c/0.md, /c/1.md, ...
class Run {
 public:
  explicit Run(std::size_t files, std::vector<StoredDoc> stored = {}) {
    options.db = "/nowhere";
    for (std::size_t f = 0; f < files; ++f) {
      FileTask t;
      t.state_path = "/c/" + std::to_string(f) + ".md";
      tasks.push_back(t);
    }
    const bool empty = stored.empty();
    if (!empty) readers.push_back(shard_with(stored));
    coordinator.emplace(CoordinatorSetup{options, observer, report, tasks, readers, sink, 1,
                                         empty, no_dictionary()});
  }

  // The article `id` as the `ordinal`-th of file `file`; its document's data
  // is `tag`, so a test can tell which of two copies went in.
  void article(std::size_t file, std::size_t ordinal, const std::string& id,
               const std::string& url = "", const std::string& date = "",
               const std::string& tag = "") {
    PipelineMessage m;
    m.kind = PipelineMessage::Kind::article;
    m.file = file;
    m.ordinal = ordinal;
    PreparedArticle a;
    a.id = id;
    a.url = url;
    a.date = Date::parse_iso(date);
    a.document = std::make_unique<Xapian::Document>();
    a.document->set_data(tag.empty() ? id : tag);
    m.article = std::move(a);
    coordinator->handle(m);
  }

  void file_done(std::size_t file, std::size_t articles) {
    PipelineMessage m;
    m.kind = PipelineMessage::Kind::file_done;
    m.file = file;
    m.articles = articles;
    m.hash = 42;
    coordinator->handle(m);
  }

  IndexOptions options;
  SilentObserver observer;
  IndexReport report;
  std::vector<FileTask> tasks;
  std::vector<Xapian::Database> readers;
  RecordingSink sink;
  std::optional<Coordinator> coordinator;
};

using Lines = std::vector<std::string>;

}  // namespace

namespace doctest {
template <>
struct StringMaker<Lines> {
  static String convert(const Lines& lines) {
    std::string s = "{";
    for (const std::string& l : lines) s += "\"" + l + "\" ";
    return (s + "}").c_str();
  }
};
}  // namespace doctest

TEST_CASE("coordinator: of one id twice in a file, the later line stays") {
  Run run(1);
  run.article(0, 0, "a", "", "", "first");
  run.article(0, 1, "a", "", "", "second");
  run.file_done(0, 2);
  CHECK(run.sink.lines == Lines{"replace Qa first", "replace Qa second", "state /c/0.md 1"});
  CHECK(run.report.duplicates == 1);
  CHECK(run.report.articles_indexed == 1 + 1);
}

TEST_CASE("coordinator: articles finished out of order are taken in file order") {
  Run run(1);
  run.article(0, 1, "a", "", "", "second");  // a worker finished the later line first
  run.article(0, 0, "a", "", "", "first");
  run.file_done(0, 2);
  CHECK(run.sink.lines == Lines{"replace Qa first", "replace Qa second", "state /c/0.md 1"});
}

TEST_CASE("coordinator: of one id in two files, the later file's stays whatever the reading order") {
  Run run(2);
  run.article(1, 0, "a", "", "", "file 1");
  run.article(0, 0, "a", "", "", "file 0");  // read after, but the earlier file: dropped
  run.file_done(0, 1);
  run.file_done(1, 1);
  CHECK(run.sink.lines == Lines{"replace Qa file 1", "state /c/0.md 0", "state /c/1.md 1"});
  CHECK(run.report.duplicates == 1);
}

TEST_CASE("coordinator: of two ids with one URL, the later date wins, then the greater id") {
  struct Case {
    const char* name;
    const char *first_id, *first_date, *second_id, *second_date;
    Lines expected;
  };
  const std::vector<Case> cases = {
      {"older second: dropped", "a", "2024-03-02", "b", "2024-03-01", {"replace Qa a"}},
      {"newer second: replaces", "a", "2024-03-01", "b", "2024-03-02",
       {"replace Qa a", "remove Qa", "replace Qb b"}},
      {"same date, greater id second: replaces", "a", "2024-03-01", "b", "2024-03-01",
       {"replace Qa a", "remove Qa", "replace Qb b"}},
      {"same date, smaller id second: dropped", "b", "2024-03-01", "a", "2024-03-01",
       {"replace Qb b"}},
      {"undated second loses to a dated one", "a", "2024-03-01", "b", "", {"replace Qa a"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Run run(1);
    run.article(0, 0, c.first_id, "https://x.it/p", c.first_date);
    run.article(0, 1, c.second_id, "https://x.it/p", c.second_date);
    CHECK(run.sink.lines == c.expected);
    CHECK(run.report.duplicates == 1);
  }
}

TEST_CASE("coordinator: a URL already in a shard is settled against the stored document") {
  const std::vector<StoredDoc> stored = {{"old", "https://x.it/p", "20240510", "/c/other.md"}};
  SUBCASE("an older article with that URL is dropped") {
    Run run(1, stored);
    run.article(0, 0, "new", "https://x.it/p", "2024-05-01");
    CHECK(run.sink.lines.empty());
    CHECK(run.report.duplicates == 1);
  }
  SUBCASE("a newer one replaces it") {
    Run run(1, stored);
    run.article(0, 0, "new", "https://x.it/p", "2024-05-20");
    CHECK(run.sink.lines == Lines{"remove Qold", "replace Qnew new"});
  }
}

TEST_CASE("coordinator: a changed file's articles it no longer has are deleted") {
  Run run(1, {{"kept", "", "", "/c/0.md"}, {"gone", "", "", "/c/0.md"},
              {"elsewhere", "", "", "/c/9.md"}});
  run.article(0, 0, "kept");
  run.file_done(0, 1);
  CHECK(run.sink.lines == Lines{"replace Qkept kept", "remove Qgone", "state /c/0.md 1"});
  CHECK(run.report.articles_deleted == 1);
  CHECK(run.report.files_read == 1);
}

TEST_CASE("coordinator: a file gone since the last run takes its documents and state along") {
  Run run(0, {{"a", "", "", "/c/gone.md"}, {"b", "", "", "/c/gone.md"}, {"c", "", "", "/c/x.md"}});
  FileState state;
  state.path = "/c/gone.md";
  run.coordinator->delete_file(state, file_state_key(state.path));
  CHECK(run.sink.lines == Lines{"remove Qa", "remove Qb", "forget state"});
  CHECK(run.report.files_deleted == 1);
  CHECK(run.report.articles_deleted == 2);
}

TEST_CASE("coordinator: an unreadable file keeps its documents and state") {
  Run run(1, {{"a", "", "", "/c/0.md"}});
  PipelineMessage done;
  done.kind = PipelineMessage::Kind::file_done;
  done.file = 0;  // no hash: the file could not be read
  run.coordinator->handle(done);
  CHECK(run.sink.lines.empty());
}

TEST_CASE("coordinator: a batch ends after batch_documents changes") {
  Run run(1);
  run.options.batch_documents = 2;
  run.article(0, 0, "a");
  run.article(0, 1, "b");
  run.article(0, 2, "c");
  run.coordinator->commit();
  run.coordinator->commit();  // nothing changed since: no empty batch
  CHECK(run.sink.lines == Lines{"replace Qa a", "replace Qb b", "commit", "replace Qc c", "commit"});
}
