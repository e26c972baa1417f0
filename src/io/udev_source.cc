// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/udev_source.h"

#include <libudev.h>

#include <asio/posix/stream_descriptor.hpp>
#include <asio/use_awaitable.hpp>
#include <cerrno>

#include "io/file_util.h"
#include "model/error.h"

namespace mdev {
namespace {

Uevent to_uevent(udev_device* device) {
  auto text = [](const char* value) { return std::string(value ? value : ""); };
  Uevent event;
  event.action = text(udev_device_get_action(device));
  event.devpath = text(udev_device_get_devpath(device));
  event.subsystem = text(udev_device_get_subsystem(device));
  udev_list_entry* entry = udev_device_get_properties_list_entry(device);
  for (; entry; entry = udev_list_entry_get_next(entry)) {
    event.properties[text(udev_list_entry_get_name(entry))] =
        text(udev_list_entry_get_value(entry));
  }
  return event;
}

class UdevSource final : public UeventSource {
 public:
  UdevSource(asio::any_io_executor executor, UeventOrigin origin) : socket_(executor) {
    udev_ = udev_new();
    if (!udev_) throw Error("cannot listen to udev events: " + errno_text(errno));
    monitor_ =
        udev_monitor_new_from_netlink(udev_, origin == UeventOrigin::kKernel ? "kernel" : "udev");
    if (!monitor_) {
      udev_unref(udev_);
      throw Error("cannot listen to udev events: " + errno_text(errno));
    }
    // A burst (a driver with hundreds of parents) must not overflow the socket.
    udev_monitor_set_receive_buffer_size(monitor_, 16 << 20);
    int err = udev_monitor_enable_receiving(monitor_);
    if (err < 0) {
      udev_monitor_unref(monitor_);
      udev_unref(udev_);
      throw Error("cannot listen to udev events: " + errno_text(-err));
    }
    socket_.assign(udev_monitor_get_fd(monitor_));
  }
  ~UdevSource() override {
    socket_.release();  // libudev closes its own socket
    udev_monitor_unref(monitor_);
    udev_unref(udev_);
  }

  asio::awaitable<Uevent> next() override {
    for (;;) {
      if (udev_device* device = udev_monitor_receive_device(monitor_)) {
        Uevent event = to_uevent(device);
        udev_device_unref(device);
        co_return event;
      }
      co_await socket_.async_wait(asio::posix::stream_descriptor::wait_read, asio::use_awaitable);
    }
  }

 private:
  udev* udev_ = nullptr;
  udev_monitor* monitor_ = nullptr;
  asio::posix::stream_descriptor socket_;
};

}  // namespace

std::unique_ptr<UeventSource> listen_for_uevents(asio::any_io_executor executor,
                                                 UeventOrigin origin) {
  return std::make_unique<UdevSource>(std::move(executor), origin);
}

}  // namespace mdev
