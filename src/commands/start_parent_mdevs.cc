// start-parent-mdevs: what the udev rule runs when a parent registers with
// mdev: start every `auto` device defined for it that is not running yet.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "commands/commands.h"
#include "commands/device_start.h"
#include "commands/helpers.h"
#include "engine/deadline.h"
#include "model/names.h"

namespace mdev {
namespace {

// Two runs for one parent at once would race on the same devices.
class ParentLock {
 public:
  explicit ParentLock(const std::filesystem::path& dir)
      : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~ParentLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  ParentLock(const ParentLock&) = delete;
  ParentLock& operator=(const ParentLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_;
};

struct Tally {
  unsigned started = 0, already_running = 0, failed = 0;
};

// Some drivers register the parent before its types exist (NVIDIA until
// nvidia-vgpud has run): wait a bounded time for the type to show up.
asio::awaitable<void> wait_for_type(Context& ctx, const Device& device) {
  if (!ctx.sysfs.parent_exists(device.parent)) co_return;
  std::function<bool()> has_type = [&] {
    return ctx.sysfs.type(device.parent, device.config.type).has_value();
  };
  if (has_type()) co_return;
  ctx.log.info("waiting for type " + device.config.type + " to appear on " + device.parent);
  co_await wait_until(has_type, ctx.type_wait);
}

}  // namespace

asio::awaitable<std::string> start_parent_mdevs_command(Context& ctx, StartParentRequest request) {
  check_parent_name(request.parent);
  ParentLock lock(ctx.store.parent_dir(request.parent));
  if (!lock.held()) co_return "";  // no definitions for this parent

  LoadedConfigs loaded = ctx.store.load_parent(request.parent);
  log_warnings(ctx, loaded.warnings);
  Tally tally;
  for (const Device& device : loaded.devices) {
    if (!device.config.autostart) continue;
    if (ctx.sysfs.active_device(device.uuid)) {
      ++tally.already_running;
      continue;
    }
    try {
      co_await wait_for_type(ctx, device);
      co_await start_device(ctx, device);
      ++tally.started;
      ctx.log.info("started " + device.uuid.str() + " on " + device.parent);
    } catch (const Error& e) {
      ++tally.failed;
      ctx.log.error("autostart of " + device.uuid.str() + " failed: " + e.what());
    }
  }
  ctx.log.summary(request.parent + ": " + std::to_string(tally.started) + " started, " +
                  std::to_string(tally.already_running) + " already running, " +
                  std::to_string(tally.failed) + " failed");
  if (tally.failed > 0) throw Error("autostart of " + std::to_string(tally.failed) + " device(s) on " + request.parent + " failed");
  co_return "";
}

}  // namespace mdev
