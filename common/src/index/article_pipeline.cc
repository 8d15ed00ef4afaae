#include "article_pipeline.h"

#include "article_facets.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/index/document_builder.h"

namespace segugio::index {

namespace {

// Problems of one file, collected on the thread that reads it.
class FileProblems : public corpus::ProblemSink {
 public:
  void problem(const corpus::Problem& p) override { problems.push_back(p); }
  void ignored_key(const std::string& key) override { ++ignored_keys[key]; }
  std::vector<corpus::Problem> problems;
  std::map<std::string, std::size_t> ignored_keys;
};

// Thrown through read_file() (which lets on_article's exceptions pass) to stop
// reading a file when the run is interrupted.
struct StopReading {};

void lost(PipelineMessage& message, const FileTask& task, std::string why) {
  message.kind = PipelineMessage::Kind::lost_article;
  message.article.reset();
  message.problems.push_back(
      {task.file.path.string(), corpus::Reason::not_indexable, true, std::move(why)});
}

}  // namespace

// Articles a worker holds while the dictionary is still being trained: enough
// to overlap the training with real work, few enough to bound memory.
constexpr std::size_t kMaxWaiting = 128;

struct ArticlePipeline::Worker {
  analysis::Analyzer analyzer;
  std::optional<DocCompressor> compressor;  // made once the dictionary is known
  std::vector<PipelineMessage> waiting;     // built, not yet compressed
  DictionaryFuture dictionary;              // a copy per thread, as shared_future asks
};

ArticlePipeline::ArticlePipeline(PipelineConfig config, const std::vector<FileTask>& tasks,
                                 BoundedQueue<PipelineMessage>& out)
    : config_(std::move(config)),
      tasks_(tasks),
      out_(out),
      workers_(std::max(1u, config_.threads)),
      max_jobs_(2 * static_cast<std::size_t>(workers_)) {
  live_workers_ = workers_;
  threads_.reserve(workers_);
  for (unsigned i = 0; i < workers_; ++i) threads_.emplace_back([this] { work(); });
}

ArticlePipeline::~ArticlePipeline() {
  stop();
  join();
}

void ArticlePipeline::stop() {
  stopping_ = true;
  std::lock_guard lock(mutex_);
  wake_.notify_all();
}

void ArticlePipeline::join() {
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

void ArticlePipeline::work() {
  try {
    Worker worker{analysis::Analyzer(), std::nullopt, {}, config_.dictionary};
    for (;;) {
      std::optional<Job> job;
      std::optional<std::size_t> file;
      {
        std::unique_lock lock(mutex_);
        const auto can_claim = [this] { return !stopping_ && next_file_ < tasks_.size(); };
        if (!worker.waiting.empty() && jobs_.empty() && !can_claim()) {
          lock.unlock();  // nothing else to do: wait for the dictionary, send
          flush(worker);
          continue;
        }
        wake_.wait(lock,
                   [&] { return !jobs_.empty() || can_claim() || active_readers_ == 0; });
        if (!jobs_.empty()) {
          job = std::move(jobs_.front());
          jobs_.pop_front();
        } else if (can_claim()) {
          file = next_file_++;
          ++active_readers_;
        } else {
          break;  // nothing queued, nothing to claim, no reader left to queue more
        }
      }
      if (job) {
        if (!stopping_) analyse(*job, worker);
        continue;
      }
      // Whatever happens while reading, the file stops counting as being read.
      struct ReaderDone {
        ArticlePipeline* pipeline;
        ~ReaderDone() {
          std::lock_guard lock(pipeline->mutex_);
          --pipeline->active_readers_;
          pipeline->wake_.notify_all();
        }
      } reader_done{this};
      read(*file, worker);
    }
  } catch (...) {
    // Only allocation failures and the like get here (bad input is caught per
    // file or article): stop the run rather than lose articles silently.
    std::string what = "a worker thread failed";
    try {
      throw;
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    stopping_ = true;
    PipelineMessage fatal;
    fatal.kind = PipelineMessage::Kind::lost_article;
    fatal.file = tasks_.size();  // no file: the coordinator stops the run
    fatal.problems.push_back({"(indexer)", corpus::Reason::internal_error, true, what});
    out_.push(std::move(fatal));
    std::lock_guard lock(mutex_);
    wake_.notify_all();
  }
  if (--live_workers_ == 0) out_.close();
}

void ArticlePipeline::read(std::size_t index, Worker& worker) {
  const FileTask& task = tasks_[index];
  PipelineMessage done;
  done.file = index;
  done.hash = hash_file(task.file.path);
  if (!done.hash) {
    done.problems.push_back(
        {task.file.path.string(), corpus::Reason::unreadable, true, "cannot open the file"});
    out_.push(std::move(done));
    return;
  }
  if (task.previous && task.previous->content_hash == *done.hash) {
    done.same_content = true;  // touched, not changed
    out_.push(std::move(done));
    return;
  }
  FileProblems problems;
  std::size_t articles = 0;
  try {
    corpus::read_file(
        task.file, config_.read,
        [&](Article&& article) {
          if (stopping_) throw StopReading{};
          Job job{index, articles++, std::move(article)};
          {
            std::lock_guard lock(mutex_);
            if (jobs_.size() < max_jobs_) {
              jobs_.push_back(std::move(job));
              wake_.notify_one();
              return;
            }
          }
          analyse(job, worker);  // the queue is full: do it here
        },
        problems);
  } catch (const StopReading&) {
    done.complete = false;
  } catch (const std::exception& e) {
    done.complete = false;
    problems.problems.push_back(
        {task.file.path.string(), corpus::Reason::unreadable, true, e.what()});
  }
  done.articles = articles;
  done.problems = std::move(problems.problems);
  done.ignored_keys = std::move(problems.ignored_keys);
  out_.push(std::move(done));
}

void ArticlePipeline::flush(Worker& worker) {
  if (!worker.compressor) worker.compressor.emplace(worker.dictionary.get().compression);
  for (PipelineMessage& m : worker.waiting) {
    PreparedArticle& a = *m.article;
    a.document->set_data(worker.compressor->compress(a.record));
    std::string().swap(a.record);
    out_.push(std::move(m));
  }
  worker.waiting.clear();
}

void ArticlePipeline::analyse(Job& job, Worker& worker) {
  const FileTask& task = tasks_[job.file];
  Article& article = job.article;
  PipelineMessage message;
  message.file = job.file;
  message.ordinal = job.ordinal;
  try {
    if (!config_.id_prefix.empty()) article.id.insert(0, config_.id_prefix);
    if (article.source_path.empty()) article.source_path = task.file.path.string();
    const ArticleAnalysis analysis = analyze_article(worker.analyzer, article);
    const ArticleFacets facets = find_facets(article, analysis);

    PreparedArticle prepared;
    prepared.document = std::make_unique<Xapian::Document>();
    Xapian::Document& doc = *prepared.document;
    add_text_terms(doc, analysis);
    add_filter_terms(doc, article, facets, task.state_path);
    prepared.record = encode(make_stored_article(article, facets));
    prepared.spelling = spelling_words(analysis.title, analysis.lead);
    prepared.id = article.id;
    prepared.url = normalise_url(article.url);
    prepared.date = article.date;
    prepared.text_bytes =
        article.title.size() + article.lead.size() + article.body.size() + article.code.size();
    message.kind = PipelineMessage::Kind::article;
    message.article = std::move(prepared);
    if (!worker.compressor &&
        worker.dictionary.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
      flush(worker);
    if (!worker.compressor) {
      worker.waiting.push_back(std::move(message));
      if (worker.waiting.size() >= kMaxWaiting) flush(worker);
      return;
    }
    PreparedArticle& a = *message.article;
    a.document->set_data(worker.compressor->compress(a.record));
    std::string().swap(a.record);
  } catch (const std::exception& e) {
    lost(message, task, article.id + ": " + e.what());
  } catch (const Xapian::Error& e) {
    lost(message, task, article.id + ": " + e.get_description());
  }
  out_.push(std::move(message));
}

}  // namespace segugio::index
