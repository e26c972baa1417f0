#include "engine/engine.h"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <exception>
#include <optional>

namespace mdev {

std::string run_to_completion(asio::awaitable<std::string> command) {
  asio::io_context io(1);
  std::exception_ptr failure;
  std::string output;
  asio::co_spawn(io, std::move(command), [&](std::exception_ptr e, std::string result) {
    failure = e;
    output = std::move(result);
  });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return output;
}

}  // namespace mdev
