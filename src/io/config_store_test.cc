// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/config_store.h"

#include <filesystem>

#include "async/async_test_support.h"
#include "io/worker_threads.h"
#include "model/error.h"
#include "support/catch.h"
#include "support/temp_dir.h"

using namespace mdev;

namespace {

// On a loop and worker threads of its own.
LoadedConfigs load_all(const ConfigStore& store) {
  WorkerThreads workers;
  LoadedConfigs out;
  async::testing::run(
      [&](auto) -> asio::awaitable<void> { out = co_await store.load_all(workers); });
  return out;
}

const char* kU1 = "00000000-0000-4000-8000-000000000001";
const char* kU2 = "00000000-0000-4000-8000-000000000002";
const char* kConfig = R"({"mdev_type":"t","start":"auto","attrs":[]})";
}  // namespace

TEST_CASE("load_all reads every parent - sorted - and turns bad files into warnings") {
  TempDir tmp;
  tmp.write(std::string("etc/mdevctl.d/b/") + kU1, kConfig);
  tmp.write(std::string("etc/mdevctl.d/a/") + kU2, kConfig);
  tmp.write(std::string("etc/mdevctl.d/a/") + kU1, kConfig);
  tmp.write("etc/mdevctl.d/a/junk", kConfig);
  tmp.write(std::string("etc/mdevctl.d/a/.") + kU1 + ".tmp", kConfig);
  tmp.write("etc/mdevctl.d/b/00000000-0000-4000-8000-000000000009", "{nope");
  tmp.write("etc/mdevctl.d/scripts.d/callouts/x", "#!/bin/sh");
  Root root(tmp.path);
  auto loaded = load_all(ConfigStore(root));
  REQUIRE(loaded.devices.size() == 3);
  CHECK(loaded.devices[0].parent == "a");
  CHECK(loaded.devices[0].uuid.str() == kU1);
  CHECK(loaded.devices[1].uuid.str() == kU2);
  CHECK(loaded.devices[2].parent == "b");
  REQUIRE(loaded.warnings.size() == 2);
  CHECK_THAT(loaded.warnings[0],
             match::Contains("junk") && match::Contains("not a lower-case UUID"));
  CHECK_THAT(loaded.warnings[1], match::Contains("invalid JSON"));
}

TEST_CASE("write creates the parent directory and the established file format") {
  TempDir tmp;
  tmp.write("etc/mdevctl.d/.keep", "");
  Root root(tmp.path);
  ConfigStore store(root);
  Device device{*Uuid::parse(kU1), "matrix", {"vfio_ap-passthrough", false, {{"a", "1"}}}};
  store.write(device);
  CHECK(store.exists("matrix", device.uuid));
  CHECK(tmp.read(std::string("etc/mdevctl.d/matrix/") + kU1) ==
        "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"manual\",\n  \"attrs\": [\n"
        "    {\n      \"a\": \"1\"\n    }\n  ]\n}");
  auto found = store.find(device.uuid, std::nullopt);
  REQUIRE(found.size() == 1);
  CHECK(found[0].config == device.config);
  store.remove("matrix", device.uuid);
  CHECK_FALSE(store.exists("matrix", device.uuid));
}

TEST_CASE("write refuses names that would escape etc/mdevctl.d") {
  TempDir tmp;
  tmp.write("etc/mdevctl.d/.keep", "");
  Root root(tmp.path);
  ConfigStore store(root);
  CHECK_THROWS_AS(store.write(Device{*Uuid::parse(kU1), "../x", {"t", false, {}}}), Error);
  CHECK_THROWS_AS(store.write(Device{*Uuid::parse(kU1), "p", {"a/b", false, {}}}), Error);
  CHECK_FALSE(std::filesystem::exists(tmp.path / "etc/x"));
  CHECK_FALSE(std::filesystem::exists(tmp.path / "etc/mdevctl.d/p"));
}

TEST_CASE("find looks on every parent unless one is given") {
  TempDir tmp;
  tmp.write(std::string("etc/mdevctl.d/a/") + kU1, kConfig);
  tmp.write(std::string("etc/mdevctl.d/b/") + kU1, kConfig);
  Root root(tmp.path);
  ConfigStore store(root);
  CHECK(store.find(*Uuid::parse(kU1), std::nullopt).size() == 2);
  CHECK(store.find(*Uuid::parse(kU1), std::string("b")).size() == 1);
  CHECK(store.find(*Uuid::parse(kU2), std::nullopt).empty());
}

TEST_CASE("write refuses a config it could not read back - and writes nothing") {
  TempDir tmp;
  tmp.write("etc/mdevctl.d/.keep", "");
  Root root(tmp.path);
  ConfigStore store(root);
  // Nine 130 KB values: under the limit as compact JSON, over it pretty-printed.
  Device device{*Uuid::parse(kU1), "matrix", {"t", true, {}}};
  for (int i = 0; i < 9; ++i) device.config.attrs.emplace_back("a", std::string(130000, 'x'));
  CHECK_THROWS_WITH(store.write(device), match::Contains("over the limit of 1 MiB"));
  CHECK_FALSE(std::filesystem::exists(tmp.path / "etc/mdevctl.d/matrix"));
  device.config.attrs.resize(7);
  store.write(device);
  auto loaded = load_all(store);
  CHECK(loaded.warnings.empty());
  REQUIRE(loaded.devices.size() == 1);
  CHECK(loaded.devices[0].config == device.config);
}

TEST_CASE("load_all: an upper-case file name is a bad entry, not a device") {
  TempDir tmp;
  tmp.write("etc/mdevctl.d/p/00000000-0000-4000-8000-00000000000A", kConfig);
  Root root(tmp.path);
  auto loaded = load_all(ConfigStore(root));
  CHECK(loaded.devices.empty());
  REQUIRE(loaded.warnings.size() == 1);
  CHECK_THAT(loaded.warnings[0], match::Contains("not a lower-case UUID"));
}

TEST_CASE("ConfigStore: a parent has definitions when a file is named by a UUID") {
  TempDir tmp;
  mdev::Root root(tmp.path);
  mdev::ConfigStore store(root);
  CHECK_FALSE(store.has_definitions("0000:41:00.4"));  // no directory
  tmp.write("etc/mdevctl.d/0000:41:00.4/.hidden", "");
  tmp.write("etc/mdevctl.d/0000:41:00.4/notes.txt", "");
  CHECK_FALSE(store.has_definitions("0000:41:00.4"));
  tmp.write("etc/mdevctl.d/0000:41:00.4/83c32df7-d52e-4ec1-9668-1f3c7e4df107", "{}");
  CHECK(store.has_definitions("0000:41:00.4"));
}
