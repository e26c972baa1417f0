// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/script_runner.h"

namespace mdev {

asio::awaitable<ProcessResult> ScriptRunner::run(std::vector<std::string> argv, std::string input) {
  std::string script = argv.front();
  if (timed_out_.count(script)) {
    ProcessResult result;
    result.started = true;
    result.timed_out = true;
    co_return result;
  }
  ProcessResult result = co_await children_.run(std::move(argv), std::move(input));
  if (result.timed_out) timed_out_.insert(script);
  co_return result;
}

}  // namespace mdev
