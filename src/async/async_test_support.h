#pragma once
// Runs a test coroutine to the end on a fresh io_context; rethrows its exception.
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <exception>

namespace async::testing {

template <typename Make>
void run(Make make) {
  asio::io_context io;
  std::exception_ptr failure;
  asio::co_spawn(io, make(io.get_executor()), [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace async::testing
