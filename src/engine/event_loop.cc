#include "engine/event_loop.h"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <exception>

namespace mdev {

EventLoop::EventLoop() : io_(std::make_unique<asio::io_context>(1)) {}
EventLoop::~EventLoop() = default;

std::string EventLoop::run(asio::awaitable<std::string> command) {
  std::exception_ptr failure;
  std::string output;
  asio::co_spawn(*io_, std::move(command), [&](std::exception_ptr e, std::string result) {
    failure = e;
    output = std::move(result);
  });
  io_->restart();
  io_->run();
  if (failure) std::rethrow_exception(failure);
  return output;
}

std::string run_to_completion(asio::awaitable<std::string> command) {
  EventLoop loop;
  return loop.run(std::move(command));
}

}  // namespace mdev
