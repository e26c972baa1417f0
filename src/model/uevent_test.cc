// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/uevent.h"

#include "model/monitor_event.h"
#include "support/catch.h"

using namespace mdev;

namespace {
Uevent event(const std::string& action, const std::string& devpath, const std::string& subsystem,
             const std::string& state = "") {
  Uevent e{action, devpath, subsystem, {}};
  if (!state.empty()) e.properties["MDEV_STATE"] = state;
  return e;
}
}  // namespace

TEST_CASE("Uevent: names come from DEVPATH") {
  Uevent e =
      event("add", "/devices/virtual/mtty/mtty/00000000-0000-4000-8000-0000000000a1", "mdev");
  CHECK(e.name() == "00000000-0000-4000-8000-0000000000a1");
  CHECK(e.parent_name() == "mtty");
  CHECK(event("add", "/devices/pci0000:00/0000:00:02.0", "pci").name() == "0000:00:02.0");
  CHECK(event("add", "/module", "module").parent_name().empty());
  CHECK(event("add", "", "module").name().empty());
}

TEST_CASE("Uevent: what each event of a parent and its devices means") {
  CHECK(meaning_of(event("change", "/devices/virtual/mtty/mtty", "mtty", "registered")) ==
        UeventMeaning::kParentRegistered);
  CHECK(meaning_of(event("change", "/devices/virtual/mtty/mtty", "mtty", "unregistered")) ==
        UeventMeaning::kParentUnregistered);
  CHECK(meaning_of(event("change", "/devices/virtual/mtty/mtty", "mtty")) ==
        UeventMeaning::kNothing);
  // Before registration the kernel sends the parent's add with no MDEV_STATE.
  CHECK(meaning_of(event("add", "/devices/virtual/mtty/mtty", "mtty")) ==
        UeventMeaning::kMaybeParentAdded);
  CHECK(meaning_of(event("remove", "/devices/virtual/mtty/mtty", "mtty")) ==
        UeventMeaning::kMaybeParentRemoved);
  const std::string device = "/devices/virtual/mtty/mtty/00000000-0000-4000-8000-0000000000a1";
  CHECK(meaning_of(event("add", device, "mdev")) == UeventMeaning::kDeviceAdded);
  CHECK(meaning_of(event("bind", device, "mdev")) == UeventMeaning::kNothing);
  CHECK(meaning_of(event("remove", device, "mdev")) == UeventMeaning::kDeviceRemoved);
  CHECK(meaning_of(event("bind", "/devices/virtual/mtty/mtty", "mtty")) == UeventMeaning::kNothing);
}

TEST_CASE("Uevent: a PCI function that binds to nvidia may be a vGPU VF; an unbind ends one") {
  const std::string vf = "/devices/pci0000:40/0000:40:01.1/0000:41:00.4";
  Uevent bind = event("bind", vf, "pci");
  bind.properties["DRIVER"] = "nvidia";
  CHECK(meaning_of(bind) == UeventMeaning::kMaybeVgpuFunctionBound);
  bind.properties["DRIVER"] = "nvidia-vgpu-vfio";  // the upstream driver (nova-core)
  CHECK(meaning_of(bind) == UeventMeaning::kMaybeVgpuFunctionBound);
  bind.properties["DRIVER"] = "vfio-pci";               // the whole VF to a VM: no vGPU files
  CHECK(meaning_of(bind) == UeventMeaning::kPciBound);  // an SR-IOV PF, perhaps
  CHECK(meaning_of(event("unbind", vf, "pci")) == UeventMeaning::kPciUnbound);
  // VFs disabled (sriov-manage -d): the function goes.
  CHECK(meaning_of(event("remove", vf, "pci")) == UeventMeaning::kMaybeParentRemoved);
  // An mdev parent's own bind (a GPU to i915) is not a registration.
  CHECK(meaning_of(event("bind", "/devices/pci0000:00/0000:00:02.0", "pci")) ==
        UeventMeaning::kPciBound);
}

TEST_CASE("Monitor event line: members in order and null where they do not apply") {
  MonitorEvent parent;
  parent.event = "parent-registered";
  parent.parent = "0000:00:02.0";
  CHECK(
      event_line(parent) ==
      "{\"event\":\"parent-registered\",\"uuid\":null,\"parent\":\"0000:00:02.0\",\"type\":null}");
  MonitorEvent gone;
  gone.event = "definition-removed";
  gone.uuid = "u";
  gone.parent = "p";
  gone.type = "t";
  gone.has_config = true;
  CHECK(event_line(gone) ==
        "{\"event\":\"definition-removed\",\"uuid\":\"u\",\"parent\":\"p\",\"type\":\"t\","
        "\"config\":null}");
  MonitorEvent failed;
  failed.event = "autostart";
  failed.uuid = "u";
  failed.parent = "p";
  failed.type = "t";
  failed.result = "failed";
  failed.message = "say \"no\"\n";
  CHECK(event_line(failed) ==
        "{\"event\":\"autostart\",\"uuid\":\"u\",\"parent\":\"p\",\"type\":\"t\","
        "\"result\":\"failed\",\"message\":\"say \\\"no\\\"\\n\"}");
}
