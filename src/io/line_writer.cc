// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/line_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <asio/posix/stream_descriptor.hpp>
#include <cerrno>
#include <deque>
#include <optional>

#include "io/standard_streams.h"

namespace mdev {

struct LineWriter::State {
  Options options;
  int fd;
  int original_fd;
  // Set for a pipe or socket: a duplicate descriptor the loop waits on.
  std::optional<asio::posix::stream_descriptor> stream;
  std::deque<std::string> queue;
  size_t queued_bytes = 0;
  size_t dropped = 0;     // in all
  size_t unreported = 0;  // since the last note
  bool waiting = false;
  bool closed = false;
  bool stopped = false;

  // Writes from the front of the queue while the stream takes it; false
  // when it would block.
  bool write_some() {
    while (!queue.empty()) {
      std::string& front = queue.front();
      ssize_t n = ::write(fd, front.data(), front.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
      if (n < 0) {
        lose_stream();
        return true;
      }
      queued_bytes -= static_cast<size_t>(n);
      if (static_cast<size_t>(n) < front.size()) {
        front.erase(0, static_cast<size_t>(n));
        continue;
      }
      queue.pop_front();
      if (queue.empty() && unreported > 0 && options.dropped_note) {
        std::string note = options.dropped_note(unreported) + '\n';
        unreported = 0;
        queued_bytes += note.size();
        queue.push_back(std::move(note));
      }
    }
    return true;
  }

  void lose_stream() {
    dropped += queue.size();
    queue.clear();
    queued_bytes = 0;
    if (!closed) {
      closed = true;
      if (options.on_closed) options.on_closed();
    }
  }

  static void drain(const std::shared_ptr<State>& self) {
    if (self->stopped || self->write_some() || self->waiting) return;
    self->waiting = true;
    self->stream->async_wait(asio::posix::stream_descriptor::wait_write,
                             [self](std::error_code error) {
                               self->waiting = false;
                               if (!error) drain(self);
                             });
  }
};

LineWriter::LineWriter(asio::any_io_executor executor, int fd, Options options)
    : state_(std::make_shared<State>()) {
  state_->options = std::move(options);
  state_->fd = state_->original_fd = fd;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
    int own = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (own >= 0) {
      // The pipe's write end is this process's own: non-blocking harms no one.
      ::fcntl(own, F_SETFL, ::fcntl(own, F_GETFL) | O_NONBLOCK);
      state_->fd = own;
      state_->stream.emplace(executor, own);
    }
  }
}

LineWriter::~LineWriter() {
  close();
}

void LineWriter::write(std::string_view line) {
  State& s = *state_;
  if (s.closed) {
    ++s.dropped;
    return;
  }
  std::string text(line);
  text += '\n';
  if (!s.stream) {  // a terminal or a file: as the one-shot commands write
    if (write_all(s.fd, text) == EPIPE) s.lose_stream();
    return;
  }
  if (s.stopped) {  // after close(): what the stream takes at once, no waiting
    [[maybe_unused]] ssize_t n = ::write(s.original_fd, text.data(), text.size());
    return;
  }
  if (s.queued_bytes + text.size() > s.options.limit) {
    ++s.dropped;
    ++s.unreported;
    return;
  }
  s.queued_bytes += text.size();
  s.queue.push_back(std::move(text));
  State::drain(state_);
}

void LineWriter::close() {
  State& s = *state_;
  if (s.stopped) return;
  if (s.stream) {
    if (!s.closed) s.write_some();  // what fits now; the rest is lost
    s.dropped += s.queue.size();
    s.queue.clear();
    std::error_code ignored;
    s.stream->close(ignored);  // cancels the wait, which then completes on the loop
  }
  s.stopped = true;
}

size_t LineWriter::dropped() const {
  return state_->dropped;
}
bool LineWriter::closed() const {
  return state_->closed;
}

}  // namespace mdev
