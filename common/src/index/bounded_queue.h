// A blocking FIFO of bounded size between threads of the indexer: what keeps
// memory flat when one stage is faster than the next. Bounded in items and,
// optionally, in the bytes the pusher says each item weighs (an item heavier
// than the whole budget still goes in, alone).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>

namespace segugio::index {

template <typename T>
class BoundedQueue {
 public:
  enum class Wait { item, timeout, closed };

  explicit BoundedQueue(std::size_t capacity,
                        std::size_t max_bytes = std::numeric_limits<std::size_t>::max())
      : capacity_(capacity), max_bytes_(max_bytes) {}

  // Blocks while the queue is full. Returns false (and drops `item`) once closed.
  bool push(T item, std::size_t bytes = 0) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || room_for(bytes); });
    if (closed_) return false;
    items_.push_back(Slot{std::move(item), bytes});
    bytes_ += bytes;
    not_empty_.notify_one();
    return true;
  }

  // Blocks until an item comes or the queue is closed and empty (nullopt).
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [this] { return !items_.empty() || closed_; });
    return take(lock);
  }

  // Like pop(), giving up after `timeout`.
  Wait pop_for(std::optional<T>& out, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!not_empty_.wait_for(lock, timeout, [this] { return !items_.empty() || closed_; }))
      return Wait::timeout;
    out = take(lock);
    return out ? Wait::item : Wait::closed;
  }

  // No more pushes; pop() drains what is left, then returns nullopt.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::optional<T> take(std::unique_lock<std::mutex>&) {
    if (items_.empty()) return std::nullopt;
    std::optional<T> item(std::move(items_.front().item));
    bytes_ -= items_.front().bytes;
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  bool room_for(std::size_t bytes) const {
    if (items_.size() >= capacity_) return false;
    return items_.empty() || (bytes_ <= max_bytes_ && bytes <= max_bytes_ - bytes_);
  }

  struct Slot {
    T item;
    std::size_t bytes;
  };

  const std::size_t capacity_;
  const std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<Slot> items_;
  bool closed_ = false;
};

}  // namespace segugio::index
