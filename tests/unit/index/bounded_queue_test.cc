// BoundedQueue: the queues between the indexer's threads keep memory bounded
// in items and in the bytes of article text they hold.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "bounded_queue.h"

using segugio::index::BoundedQueue;
using namespace std::chrono_literals;

namespace {

// Pushes `item` of `bytes` on another thread; done() tells whether it got in.
class Pusher {
 public:
  Pusher(BoundedQueue<std::string>& q, std::string item, std::size_t bytes)
      : thread_([this, &q, item, bytes] {
          q.push(item, bytes);
          done_ = true;
        }) {}
  ~Pusher() { thread_.join(); }
  bool done() const { return done_; }

  // True if the push is still waiting after a moment (it never got room).
  bool waiting() {
    std::this_thread::sleep_for(100ms);
    return !done_;
  }
  // True once the push got in (waits up to 10 s).
  bool finishes() {
    for (int i = 0; i < 1000 && !done_; ++i) std::this_thread::sleep_for(10ms);
    return done_;
  }

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace

TEST_CASE("a queue full of items makes the next push wait for a pop") {
  BoundedQueue<std::string> q(2);
  q.push("a");
  q.push("b");
  Pusher third(q, "c", 0);
  CHECK(third.waiting());
  CHECK(q.pop() == "a");
  CHECK(third.finishes());
  CHECK(q.pop() == "b");
  CHECK(q.pop() == "c");
}

TEST_CASE("a queue holding its budget of bytes makes the next push wait, and one big item goes in alone") {
  BoundedQueue<std::string> q(100, 1000);
  q.push("a", 600);
  Pusher second(q, "b", 600);  // 1,200 bytes would pass the budget
  CHECK(second.waiting());
  CHECK(q.pop() == "a");
  CHECK(second.finishes());
  CHECK(q.pop() == "b");

  // Heavier than the whole budget: it waits for an empty queue, then goes in.
  q.push("small", 10);
  Pusher huge(q, "huge", 5000);
  CHECK(huge.waiting());
  CHECK(q.pop() == "small");
  CHECK(huge.finishes());
  // And while it is there, nothing else fits.
  Pusher after(q, "after", 1);
  CHECK(after.waiting());
  CHECK(q.pop() == "huge");
  CHECK(after.finishes());
  CHECK(q.pop() == "after");
}

TEST_CASE("closing a queue releases a waiting push and lets pop drain what is left") {
  BoundedQueue<std::string> q(1);
  q.push("a");
  {
    Pusher blocked(q, "b", 0);
    CHECK(blocked.waiting());
    q.close();
    CHECK(blocked.finishes());
  }
  CHECK(q.pop() == "a");
  CHECK_FALSE(q.pop().has_value());
}
