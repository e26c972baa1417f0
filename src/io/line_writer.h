// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Lines to a stream that may be slow, full or gone: the monitor's stdout
// (event lines) and stderr (its log, often the journal). A reader that stops
// reading must not stop the monitor, so nothing here blocks the event loop:
// lines wait in a queue of at most `limit` bytes and go out as the stream
// takes them. A line that does not fit is dropped and counted; once the
// queue has drained, one more line says how many were lost. A stream whose
// reader is gone (EPIPE) is closed for good: its later lines are dropped.
#include <asio/any_io_executor.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace mdev {

class LineWriter {
 public:
  struct Options {
    size_t limit = 1 << 20;
    // The line that reports `count` dropped lines (no newline).
    std::function<std::string(size_t count)> dropped_note;
    // Called once, when the stream turns out to be closed.
    std::function<void()> on_closed;
  };

  // `fd` stays open and is not closed here. A terminal or a file is written
  // to directly: only pipes and sockets can stall a writer for good.
  LineWriter(asio::any_io_executor executor, int fd, Options options);
  ~LineWriter();
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;

  // `line` and a newline, queued.
  void write(std::string_view line);
  // Stops: what the stream takes at once goes out, the rest is dropped, and
  // no wait stays pending on the loop. Later lines are written directly.
  void close();

  size_t dropped() const;
  bool closed() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace mdev
