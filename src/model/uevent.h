// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// A kernel or udev event as the monitor sees it, and what it means for
// mdevctl. Pure data: io/udev_source.cc fills it from libudev, the in-process
// tests by hand, shaped like the sequences tests/kernel records.
#include <map>
#include <string>

namespace mdev {

struct Uevent {
  std::string action;     // add, remove, change, bind, ...
  std::string devpath;    // /devices/virtual/mtty/mtty/<uuid>
  std::string subsystem;  // a parent's own class (mtty, pci, css), or mdev
  std::map<std::string, std::string> properties;

  // The device's name: the last DEVPATH component.
  std::string name() const;
  // The component before it: an mdev device's parent.
  std::string parent_name() const;
  std::string property(const std::string& key) const;
};

enum class UeventMeaning {
  kNothing,
  kParentRegistered,  // change with MDEV_STATE=registered
  kMaybeParentAdded,  // add without MDEV_STATE: a parent if it has mdev_supported_types by now
  kParentUnregistered,
  kMaybeParentRemoved,  // remove of something that may have been a parent
  kDeviceAdded,         // an mdev device appeared (started by anyone)
  kDeviceRemoved,
  // A PCI device bound to `nvidia`: a vGPU VF if it has the files by now (section 11).
  kMaybeVgpuFunctionBound,
  kPciUnbound,  // a VF that was a parent is one no more
  // A PCI device bound to another driver: an SR-IOV PF whose VFs may be due
  // (section 11.3), as a PCI device's add may be.
  kPciBound,
};

UeventMeaning meaning_of(const Uevent& event);

}  // namespace mdev
