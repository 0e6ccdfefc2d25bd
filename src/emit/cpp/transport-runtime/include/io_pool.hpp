// One asio::io_context run by a small pool of threads, shared by the servers
// and clients of a program. Each session gets its own strand (make_strand), so
// a session's handlers never run at the same time while different sessions
// run in parallel. The pool keeps running with no work (a work guard) until
// stop() or destruction, which joins the threads.
#pragma once

#include <asio.hpp>

#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

namespace PROTOFORGE_NS {

class IoPool {
 public:
  explicit IoPool(std::size_t threads = 2) : guard_(asio::make_work_guard(context_)) {
    if (threads == 0) threads = 1;
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { context_.run(); });
  }

  IoPool(const IoPool&) = delete;
  IoPool& operator=(const IoPool&) = delete;

  ~IoPool() { stop(); }

  asio::io_context& context() noexcept { return context_; }

  asio::strand<asio::io_context::executor_type> make_strand() { return asio::make_strand(context_); }

  std::size_t threads() const noexcept { return threads_.size(); }

  /** Stops the context and joins the threads; safe to call twice, not from a pool thread. */
  void stop() {
    guard_.reset();
    context_.stop();
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  asio::io_context context_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

}  // namespace PROTOFORGE_NS
