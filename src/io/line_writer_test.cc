// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/line_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <chrono>
#include <string>

#include "support/catch.h"

using namespace mdev;

namespace {

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
  // Everything there is now, without waiting.
  std::string take() {
    ::fcntl(read, F_SETFL, O_NONBLOCK);
    std::string out;
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(read, buffer, sizeof buffer)) > 0)
      out.append(buffer, static_cast<size_t>(n));
    return out;
  }
};

std::string line_number(int i) {
  return "line " + std::to_string(i) + std::string(90, '.');
}

}  // namespace

TEST_CASE("LineWriter: a reader that stops reading costs lines - never a wait") {
  asio::io_context loop;
  Pipe pipe;
  LineWriter writer(loop.get_executor(), pipe.write,
                    {.limit = 4096,
                     .dropped_note = [](size_t n) { return "dropped " + std::to_string(n); },
                     .on_closed = {}});
  const int lines = 3000;  // 300 KB: far more than the pipe and the queue hold
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < lines; ++i) writer.write(line_number(i));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  const size_t dropped = writer.dropped();
  CHECK(dropped > 0);
  CHECK(dropped < static_cast<size_t>(lines));

  // The reader catches up: what was kept arrives in order, then the count.
  std::string got;
  const std::string note = "dropped " + std::to_string(dropped) + "\n";
  for (int i = 0; i < 1000 && got.find(note) == std::string::npos; ++i) {
    got += pipe.take();
    loop.poll();
  }
  REQUIRE(got.size() >= note.size());
  CHECK(got.substr(got.size() - note.size()) == note);
  std::string expected;
  for (int i = 0; i < lines - static_cast<int>(dropped); ++i) expected += line_number(i) + "\n";
  CHECK(got.substr(0, got.size() - note.size()) == expected);
  writer.close();
  loop.run();  // nothing left waiting
}

TEST_CASE("LineWriter: a reader that is gone closes the stream once") {
  asio::io_context loop;
  Pipe pipe;
  int closed = 0;
  LineWriter writer(loop.get_executor(), pipe.write,
                    {.limit = 4096, .dropped_note = {}, .on_closed = [&] { ++closed; }});
  writer.write("first");
  ::close(pipe.read);
  pipe.read = -1;
  writer.write("second");
  writer.write("third");
  CHECK(writer.closed());
  CHECK(closed == 1);
  CHECK(writer.dropped() >= 2);
}

TEST_CASE("LineWriter: close() leaves nothing waiting on the loop") {
  asio::io_context loop;
  Pipe pipe;
  LineWriter writer(loop.get_executor(), pipe.write,
                    {.limit = 1 << 20, .dropped_note = {}, .on_closed = {}});
  for (int i = 0; i < 2000; ++i)
    writer.write(line_number(i));  // the pipe is full: a wait is pending
  writer.close();
  auto started = std::chrono::steady_clock::now();
  loop.run();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
}
