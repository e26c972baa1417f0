#pragma once
#include <asio/awaitable.hpp>
#include <memory>
#include <string>

namespace asio {
class io_context;
}

namespace mdev {

// The event loop every command runs on. Create it before anything that
// waits on it (locks, shared lookups, call-outs): their channels and timers
// belong to its services and must be gone before it is.
class EventLoop {
 public:
  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs one command coroutine until it finishes and returns its stdout
  // text; exceptions from the coroutine propagate.
  std::string run(asio::awaitable<std::string> command);
  // For objects that wait on the loop (asio/io_context.hpp has the type).
  asio::io_context& context() { return *io_; }

 private:
  std::unique_ptr<asio::io_context> io_;
};

// A loop of its own for one command (tests).
std::string run_to_completion(asio::awaitable<std::string> command);

}  // namespace mdev
