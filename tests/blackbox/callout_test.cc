// SPDX-License-Identifier: LGPL-2.1-or-later
// Call-out scripts and notifiers around real commands (behaviour.md sections 5, 6 and 9).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "blackbox/harness.h"
#include "support/catch.h"
#include "support/process_state.h"

using blackbox::FixtureRoot;
using blackbox::SimulatedKernel;
namespace fs = std::filesystem;

namespace {

const std::string kCallouts = "usr/lib/mdevctl/scripts.d/callouts/";
const std::string kNotifiers = "etc/mdevctl.d/scripts.d/notifiers/";
const std::string kU = "e2e73122-cc39-40ee-89eb-b0a47d334cae";  // auto, 3 attrs, vfio-ap
const std::string kArgs = " -t vfio_ap-passthrough -e ";

// A call-out that logs its arguments (and whether the device exists), then exits `status`.
// Like most scripts of the established layout it is not versioned: the
// capabilities probe gets no answer.
std::string logging_script(const std::string& name, int status) {
  return "case \"$*\" in *capabilities*) exit 0;; esac\necho \"" + name +
         " $*$( [ -e $ROOT/sys/bus/mdev/devices/" + kU +
         " ] && echo ' [present]')\" >> $ROOT/log\nexit " + std::to_string(status) + "\n";
}

}  // namespace

TEST_CASE("start runs pre - creates the device - runs post - then notifiers") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  root.write_script(kCallouts + "ap-check", logging_script("callout", 0));
  root.write_script(kNotifiers + "tell", logging_script("notifier", 0));
  auto run = root.mdevctl({"start", "-u", kU});
  CHECK(run.status == 0);
  CHECK(root.read("log") == "callout" + kArgs + "pre -a start -s none -u " + kU +
                                " -p matrix\n"
                                "callout" +
                                kArgs + "post -a start -s success -u " + kU +
                                " -p matrix [present]\n"
                                "notifier" +
                                kArgs + "notify -a start -s success -u " + kU +
                                " -p matrix [present]\n");
}

TEST_CASE("Call-outs get the device's config on stdin as one line of compact JSON") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "ap-check",
                    "case \"$*\" in *capabilities*) exit 0;; esac\ncat > $ROOT/stdin-$$\n");
  CHECK(root.mdevctl({"modify", "-u", kU, "--manual"}).status == 0);
  int found = 0;
  for (auto& entry : fs::directory_iterator(root.dir())) {
    if (entry.path().filename().string().rfind("stdin-", 0) != 0) continue;
    ++found;
    CHECK(root.read(entry.path().filename().string()) ==
          R"({"mdev_type":"vfio_ap-passthrough","start":"manual","attrs":[{"assign_adapter":"5"},)"
          R"({"assign_domain":"0x47"},{"assign_domain":"0xff"}]})");
  }
  CHECK(found == 2);  // pre and post
}

TEST_CASE("A failing pre stops the command - notifiers hear state none") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  root.write_script(kCallouts + "ap-check",
                    "echo 'matrix in use' >&2\n" + logging_script("callout", 1));
  root.write_script(kNotifiers + "tell", logging_script("notifier", 0));
  auto before = root.snapshot();
  auto run = root.mdevctl({"start", "-u", kU});
  CHECK(run.status == 1);
  CHECK(run.err ==
        "Warning: ap-check: matrix in use\n"
        "Error: pre call-out ap-check for " +
            kU + " failed: exit status 1\n");
  CHECK(root.read("log") == "callout" + kArgs + "pre -a start -s none -u " + kU +
                                " -p matrix\n"
                                "notifier" +
                                kArgs + "notify -a start -s none -u " + kU + " -p matrix\n");
  fs::remove(root.path("log"));
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("With --force a failing pre is a warning and the command carries on") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "ap-check", logging_script("callout", 1));
  auto run = root.mdevctl({"undefine", "-u", kU, "--force"});
  CHECK(run.status == 0);
  CHECK(run.err == "Warning: pre call-out ap-check for " + kU +
                       " failed: exit status 1 (continuing: --force)\nWarning: post call-out "
                       "ap-check for " +
                       kU + " failed: exit status 1\n");
  CHECK_FALSE(fs::exists(root.path("etc/mdevctl.d/matrix/" + kU)));
}

TEST_CASE("A failing action still gets post with state failure - post failures do not count") {
  FixtureRoot root("vfio-ap");  // no simulated kernel: the device never appears
  root.write_script(kCallouts + "ap-check",
                    "case \"$*\" in *post*) " + logging_script("callout", 1) + ";; esac\n");
  auto run = root.mdevctl({"define", "-p", "matrix", "-t", "vfio_ap-passthrough", "-u",
                           "11111111-2222-4333-8444-555555555555"});
  CHECK(run.status == 0);  // post failed: a warning only
  CHECK_THAT(run.err, match::StartsWith("Warning: post call-out ap-check"));
}

TEST_CASE(
    "Exit 2 means not my type: the next script is asked - post goes to the one that answered") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "10-gpu", logging_script("gpu", 2));
  root.write_script(kCallouts + "20-ap", logging_script("ap", 0));
  root.write(kCallouts + "30-not-executable", "#!/bin/sh\nexit 1\n");
  root.write_script(kCallouts + ".hidden", "exit 1\n");
  CHECK(root.mdevctl({"modify", "-u", kU, "--manual"}).status == 0);
  CHECK(root.read("log") == "gpu" + kArgs + "pre -a modify -s none -u " + kU +
                                " -p matrix\n"
                                "ap" +
                                kArgs + "pre -a modify -s none -u " + kU +
                                " -p matrix\n"
                                "ap" +
                                kArgs + "post -a modify -s success -u " + kU + " -p matrix\n");
}

TEST_CASE("Seed locators name the script - which gets no -t") {
  FixtureRoot root("vfio-ap");
  root.write_script("usr/sbin/ap_check", logging_script("ap_check", 0));
  root.write_script("etc/mdevctl/callouts/command.d/00-empty", "exit 0\n");
  root.write_script("etc/mdevctl/callouts/command.d/10-missing", "echo /no/such/script\n");
  root.write_script("etc/mdevctl/callouts/command.d/ap_command.sh",
                    "[ \"$1 $2\" = '-t vfio_ap-passthrough' ] && echo $ROOT/usr/sbin/ap_check\n");
  root.write_script("etc/mdevctl/notification/notifiers.d/seed", logging_script("seed", 0));
  CHECK(root.mdevctl({"modify", "-u", kU, "--manual"}).status == 0);
  CHECK(root.read("log") == "ap_check -e pre -a modify -s none -u " + kU +
                                " -p matrix\n"
                                "ap_check -e post -a modify -s success -u " +
                                kU +
                                " -p matrix\n"
                                "seed -e notify -a modify -s success -u " +
                                kU + " -p matrix\n");
}

TEST_CASE("A versioned script is sent only the events it supports") {
  FixtureRoot root("vfio-ap");
  root.write_script(
      kCallouts + "versioned",
      "case \"$*\" in *capabilities*) cat > /dev/null; echo "
      "'{\"supports\":{\"version\":2,\"actions\":[\"start\",\"modify\"],\"events\":[\"pre\"]}}'; "
      "exit 0;; esac\n" +
          logging_script("versioned", 0));
  root.write_script(kCallouts + "zz-plain", logging_script("plain", 0));
  CHECK(root.mdevctl({"modify", "-u", kU, "--manual"}).status == 0);
  CHECK(root.read("log") ==
        "versioned" + kArgs + "pre -a modify -s none -u " + kU + " -p matrix\n");
}

TEST_CASE("define -u takes attributes from the get call-out") {
  const std::string running = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  struct Case {
    std::string output;
    std::string attrs;
  } cases[] = {
      {"printf '[{\"assign_adapter\":\"5\"},{\"assign_domain\":\"0xab\"}]'",
       "[\n    {\n      \"assign_adapter\": \"5\"\n    },\n    {\n      \"assign_domain\": "
       "\"0xab\"\n    }\n  ]"},
      {"printf '[{}]'", "[]"},
      {"true", "[]"},
      {"printf '[{\"a\":\"1\"}]\\0'", "[\n    {\n      \"a\": \"1\"\n    }\n  ]"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.output);
    FixtureRoot root("vfio-ap");
    fs::remove(root.path("etc/mdevctl.d/matrix/" + running));
    root.write_script(kCallouts + "ap-get", "case \"$*\" in *'-e get'*) " + c.output + ";; esac\n");
    auto run = root.mdevctl({"define", "-u", running});
    CHECK(run.status == 0);
    CHECK(root.read("etc/mdevctl.d/matrix/" + running) ==
          "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"manual\",\n  \"attrs\": " +
              c.attrs + "\n}");
  }
}

TEST_CASE("Garbage from get fails define but is ignored by list") {
  const std::string running = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  FixtureRoot root("vfio-ap");
  fs::remove(root.path("etc/mdevctl.d/matrix/" + running));
  root.write_script(kCallouts + "ap-get", "case \"$*\" in *'-e get'*) echo garbage;; esac\n");
  auto before = root.snapshot();
  auto define = root.mdevctl({"define", "-u", running});
  CHECK(define.status == 1);
  CHECK_THAT(define.err, match::StartsWith("Error: attributes from the get call-out of " + running +
                                           ": invalid JSON"));
  CHECK(blackbox::changes(before, root.snapshot()) == "");
  auto list = root.mdevctl({"list"});
  CHECK(list.status == 0);
  CHECK(list.out == running + " matrix vfio_ap-passthrough manual\n");
}

TEST_CASE("list shows the attributes a get call-out reports for running devices") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "ap-get",
                    "case \"$*\" in *'-e get'*) printf '[{\"assign_adapter\":\"9\"}]';; esac\n");
  CHECK(root.mdevctl({"list", "-v"}).out ==
        "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10 matrix vfio_ap-passthrough auto (defined)\n"
        "  Attrs:\n"
        "    @{0}: {\"assign_adapter\":\"9\"}\n");
}

TEST_CASE("A call-out that never ends is killed at the timeout") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "hang", "exec sleep 1000\n");
  auto before = root.snapshot();
  auto started = std::chrono::steady_clock::now();
  auto run = root.mdevctl({"--callout-timeout", "0.5", "modify", "-u", kU, "--manual"});
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(run.status == 1);
  CHECK(run.err == "Error: pre call-out hang for " + kU + " failed: timed out after 0.500 s\n");
  CHECK(took < std::chrono::seconds(4));  // 0.5 s + 1 s grace, with room for a slow machine
  CHECK(blackbox::changes(before, root.snapshot()) == "");
  auto env = root.mdevctl({"modify", "-u", kU, "--manual"}, "", {"MDEVCTL_CALLOUT_TIMEOUT=0.3"});
  CHECK(env.err == "Error: pre call-out hang for " + kU + " failed: timed out after 0.300 s\n");
}

TEST_CASE("A script ignoring SIGTERM is killed after the grace period") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "stubborn", "trap '' TERM\nwhile :; do sleep 0.1; done\n");
  auto run = root.mdevctl({"--callout-timeout", "0.3", "modify", "-u", kU, "--manual"});
  CHECK(run.status == 1);
  CHECK_THAT(run.err, match::Contains("timed out after 0.300 s"));
}

TEST_CASE("What a script leaves running in its group is killed when it exits") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "forker", "sleep 30 &\necho $! >> $ROOT/left\nexit 0\n");
  auto run = root.mdevctl({"modify", "-u", kU, "--manual"});
  CHECK(run.status == 0);
  std::string pids = root.read("left");  // one per call-out: probe, pre, post
  CHECK(std::count(pids.begin(), pids.end(), '\n') == 3);
  for (size_t at = 0; at < pids.size();) {
    size_t end = pids.find('\n', at);
    std::string pid = pids.substr(at, end - at);
    at = end + 1;
    CAPTURE(pid);
    CHECK(process_ended(pid));
  }
}

TEST_CASE("A script that hung is not run again by the same command") {
  FixtureRoot root("vfio-ap");
  for (const char* name : {"hang1", "hang2", "hang3", "hang4", "hang5", "hang6"}) {
    root.write_script(kCallouts + name, "echo \"$0 $*\" >> $ROOT/log\nexec sleep 1000\n");
  }
  auto run = root.mdevctl({"--callout-timeout", "0.3", "modify", "-u", kU, "--manual"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: pre call-out hang1 for " + kU + " failed: timed out after 0.300 s\n");
  // Asked once, by the probe; its pre then timed out at once, and the other
  // five were never waited for.
  std::string log = root.read("log");
  CHECK(std::count(log.begin(), log.end(), '\n') == 1);
  CHECK_THAT(log, match::Contains("hang1" + kArgs + "get -a capabilities"));
}

TEST_CASE("Huge output is capped with a warning - signal deaths are failures") {
  FixtureRoot root("vfio-ap");
  root.write_script(
      kCallouts + "chatty",
      "case \"$*\" in *pre*) head -c 52428800 /dev/zero;; *post*) kill -9 $$;; esac\n");
  auto run = root.mdevctl({"modify", "-u", kU, "--manual"});
  CHECK(run.status == 0);
  CHECK(run.err ==
        "Warning: chatty: output beyond 1048576 bytes was dropped\n"
        "Warning: post call-out chatty for " +
            kU + " failed: killed by signal 9\n");
}

TEST_CASE("Notifiers run concurrently and their failures change nothing") {
  FixtureRoot root("vfio-ap");
  for (int i = 0; i < 4; ++i) {
    root.write_script(kNotifiers + "n" + std::to_string(i), "sleep 1\nexit 1\n");
  }
  auto started = std::chrono::steady_clock::now();
  auto run = root.mdevctl({"modify", "-u", kU, "--manual"});
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(run.status == 0);
  CHECK(took < std::chrono::milliseconds(3000));  // one after another would take 4 s
  CHECK_THAT(run.err,
             match::Contains("Warning: notify call-out n3 for " + kU + " failed: exit status 1"));
}

TEST_CASE("stop runs pre and post around the remove") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  const std::string running = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  root.write_script(kCallouts + "ap-check",
                    "case \"$*\" in *capabilities*) exit 0;; esac\necho \"$* $( [ -e "
                    "$ROOT/sys/bus/mdev/devices/" +
                        running + " ] && echo present)\" >> $ROOT/log\n");
  CHECK(root.mdevctl({"stop", "-u", running}).status == 0);
  // Whether the device is still there at post is the kernel's business: the
  // real one has removed it when the write returns (the kernel tier checks
  // that); this simulated one does it a moment later.
  std::string log = root.read("log");
  CHECK(log.substr(0, log.find('\n') + 1) ==
        "-t vfio_ap-passthrough -e pre -a stop -s none -u " + running + " -p matrix present\n");
  CHECK_THAT(log, match::Contains("\n-t vfio_ap-passthrough -e post -a stop -s success -u " +
                                  running + " -p matrix "));
  CHECK(root.wait_for_device(running, false));
}

TEST_CASE("modify --live sends the new config to the live call-out first") {
  FixtureRoot root("vfio-ap");
  const std::string running = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  root.write_script(kCallouts + "ap-live", logging_script("live", 0));
  const std::string config =
      "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"auto\",\"attrs\":[{\"assign_adapter\":"
      "\"7\"}]}";
  auto live = root.mdevctl(
      {"modify", "--parent", "matrix", "--jsonfile", "/dev/stdin", "--uuid", running, "--live"},
      config);
  CHECK(live.status == 0);
  CHECK(root.read("log") ==
        "live -t vfio_ap-passthrough -e live -a modify -s none -u " + running + " -p matrix\n");
  CHECK(root.read("etc/mdevctl.d/matrix/" + running).find("\"7\"") == std::string::npos);

  fs::remove(root.path("log"));
  auto both = root.mdevctl({"modify", "--parent", "matrix", "--jsonfile", "/dev/stdin", "--uuid",
                            running, "--live", "--defined"},
                           config);
  CHECK(both.status == 0);
  CHECK(root.read("log") == "live -t vfio_ap-passthrough -e live -a modify -s none -u " + running +
                                " -p matrix\n"
                                "live -t vfio_ap-passthrough -e pre -a modify -s none -u " +
                                running +
                                " -p matrix\n"
                                "live -t vfio_ap-passthrough -e post -a modify -s success -u " +
                                running + " -p matrix\n");
  CHECK(root.read("etc/mdevctl.d/matrix/" + running).find("\"assign_adapter\": \"7\"") !=
        std::string::npos);
}

TEST_CASE("define of a running device asks get after pre - also with -p and -t") {
  const std::string running = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  const std::string record = "echo \"$4 $6 $8\" >> $ROOT/log\n";  // event action state
  for (bool get_fails : {false, true}) {
    CAPTURE(get_fails);
    FixtureRoot root("vfio-ap");
    fs::remove(root.path("etc/mdevctl.d/matrix/" + running));
    root.write_script(kCallouts + "ap", "case \"$*\" in *capabilities*) exit 0;; esac\n" + record +
                                            "case \"$*\" in *'-e get'*) " +
                                            (get_fails ? "exit 1" : "printf '[{\"x\":\"1\"}]'") +
                                            ";; esac\n");
    auto before = root.snapshot();
    auto run = root.mdevctl({"define", "-u", running, "-p", "other", "-t", "vfio_ap-passthrough"});
    CHECK(root.read("log") == "pre define none\nget attributes none\npost define " +
                                  std::string(get_fails ? "failure" : "success") + "\n");
    fs::remove(root.path("log"));
    if (get_fails) {
      CHECK(run.status == 1);
      CHECK(run.err == "Error: get call-out ap for " + running + " failed: exit status 1\n");
      CHECK(blackbox::changes(before, root.snapshot()) == "");
    } else {
      CHECK(run.status == 0);
      CHECK(
          root.read("etc/mdevctl.d/other/" + running) ==
          "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"manual\",\n  \"attrs\": [\n"
          "    {\n      \"x\": \"1\"\n    }\n  ]\n}");
    }
  }
}

TEST_CASE("A versioned script that does not support a step fails it - a post is skipped") {
  FixtureRoot root("vfio-ap");
  // Supports start only: modify's pre cannot be vouched for.
  root.write_script(
      kCallouts + "ver",
      "case \"$*\" in *capabilities*) cat >/dev/null; echo "
      "'{\"supports\":{\"version\":2,\"actions\":[\"start\"],\"events\":[\"pre\"]}}'; "
      "exit 0;; esac\necho \"$*\" >> $ROOT/log\n");
  auto before = root.snapshot();
  auto run = root.mdevctl({"modify", "-u", kU, "--manual"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: pre call-out ver for " + kU +
                       " failed: it does not support event 'pre' of action 'modify'\n");
  CHECK(blackbox::changes(before, root.snapshot()) == "");

  auto forced = root.mdevctl({"modify", "-u", kU, "--manual", "--force"});
  CHECK(forced.status == 0);
  CHECK(forced.err == "Warning: pre call-out ver for " + kU +
                          " failed: it does not support event 'pre' of action 'modify' "
                          "(continuing: --force)\n");  // and no word of the unsupported post
  CHECK(root.read("etc/mdevctl.d/matrix/" + kU).find("\"manual\"") != std::string::npos);
  CHECK(root.read("log") == "<missing>");  // nothing was sent to it but the probe
}

TEST_CASE("modify --live: any start mode - never the type - then the notifiers") {
  FixtureRoot root("vfio-ap");
  const std::string running = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";  // defined auto
  const std::string defined = root.read("etc/mdevctl.d/matrix/" + running);
  root.write_script(kCallouts + "ap-live", logging_script("live", 0));
  root.write_script(kNotifiers + "tell", logging_script("notifier", 0));
  const std::string manual =
      R"({"mdev_type":"vfio_ap-passthrough","start":"manual","attrs":[{"assign_adapter":"7"}]})";
  auto live = root.mdevctl({"modify", "-u", running, "--live", "--jsonfile", "/dev/stdin"}, manual);
  CHECK(live.status == 0);
  CHECK(live.err.empty());
  CHECK(root.read("log") == "live" + kArgs + "live -a modify -s none -u " + running +
                                " -p matrix\n"
                                "notifier" +
                                kArgs + "notify -a modify -s success -u " + running +
                                " -p matrix\n");
  CHECK(root.read("etc/mdevctl.d/matrix/" + running) == defined);

  auto both = root.mdevctl(
      {"modify", "-u", running, "--live", "--defined", "--jsonfile", "/dev/stdin"}, manual);
  CHECK(both.status == 0);
  CHECK(root.read("etc/mdevctl.d/matrix/" + running) ==
        "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"manual\",\n  \"attrs\": [\n"
        "    {\n      \"assign_adapter\": \"7\"\n    }\n  ]\n}");

  root.write("other-type.json", R"({"mdev_type":"other","start":"manual"})");
  root.write("same.json", manual);
  const std::string same = root.path("same.json").string();
  fs::remove(root.path("log"));
  blackbox::expect_refusals(
      root,
      {
          {{"modify", "-u", running, "--live", "--jsonfile", root.path("other-type.json").string()},
           "Error: a live change cannot change the type of " + running +
               " (vfio_ap-passthrough to other)"},
          blackbox::usage({"modify", "-u", running, "--live", "--jsonfile", same, "-t", "x"},
                          "--live cannot change the type of a running device"),
          blackbox::usage(
              {"modify", "-u", running, "--live", "--jsonfile", same, "--auto"},
              "--live cannot take --auto or --manual: the start mode is the definition's"),
          blackbox::usage(
              {"modify", "-u", running, "--live", "--jsonfile", same, "-m"},
              "--live cannot take --auto or --manual: the start mode is the definition's"),
      });
}

TEST_CASE("A script's stderr reaches the user escaped - one line stays one line") {
  FixtureRoot root("vfio-ap");
  root.write_script(
      kCallouts + "noisy",
      "case \"$*\" in *'-e pre'*) printf 'a\\033[2Jb\\000c\\r\\n' >&2 ;; esac\nexit 1\n");
  auto run = root.mdevctl({"start", "-u", kU});
  CHECK(run.status == 1);
  CHECK(run.err ==
        "Warning: noisy: a\\x1b[2Jb\\x00c\\x0d\n"
        "Error: pre call-out noisy for " +
            kU + " failed: exit status 1\n");
}

TEST_CASE("A call-out that never reads its stdin counts by its exit status") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  root.write_script(kCallouts + "deaf", "exit 0\n");
  // A config far larger than a pipe's buffer: the write to the script's stdin fails.
  std::string attrs;
  for (int i = 0; i < 2000; ++i)
    attrs += std::string(i ? "," : "") + R"({"a":")" + std::string(100, 'x') + "\"}";
  root.write("big.json",
             R"({"mdev_type":"vfio_ap-passthrough","start":"manual","attrs":[)" + attrs + "]}");
  const std::string other = "8d7c6b5a-0000-4000-8000-00000000beef";
  auto run = root.mdevctl(
      {"define", "-u", other, "-p", "matrix", "--jsonfile", root.path("big.json").string()});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
}

TEST_CASE("Without pidfd_open a call-out fails as what it is - never a bare EBADF") {
  FixtureRoot root("vfio-ap");
  root.write_script(kCallouts + "ap-check", "exit 0\n");
  auto before = root.snapshot();
  for (const char* errno_name : {"ENOSYS", "EMFILE"}) {
    CAPTURE(errno_name);
    // strace makes the kernel's answer to pidfd_open the given error.
    auto run = blackbox::run_program(
        {"/usr/bin/strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=pidfd_open", "-e",
         std::string("inject=pidfd_open:error=") + errno_name, blackbox::mdevctl_binary(), "start",
         "-u", kU},
        "", {"MDEVCTL_ENV_ROOT=" + root.dir().string()});
    CHECK(run.status == 1);
    CHECK_THAT(run.err, match::Contains("cannot watch its exit (pidfd_open: "));
    CHECK(run.err.find("Bad file descriptor") == std::string::npos);
  }
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("A call-out - locator - notifier that others can change is not run: one warning each") {
  blackbox::PassiveRoot root;
  const std::string p = "0000:00:03.0", t = "arbitrary_type";
  root.add_type(p, t);
  auto logs = [](const std::string& name) {
    return "case \"$*\" in *capabilities*) exit 0;; esac\necho \"" + name +
           " $*\" >> $ROOT/log\nexit 0\n";
  };
  // First in name order, but anyone may rewrite it.
  root.write_script(kCallouts + "aa-open", logs("open"));
  fs::permissions(root.path(kCallouts + "aa-open"), fs::perms::all);
  root.write_script(kCallouts + "bb-good", logs("good"));
  // A notifier in a directory anyone may add to.
  root.write_script(kNotifiers + "tell", logs("notifier"));
  fs::permissions(root.path(kNotifiers), fs::perms::all);
  // A seed locator that anyone may rewrite, naming the open script.
  root.write_script("etc/mdevctl/callouts/command.d/locate",
                    "echo " + root.path(kCallouts + "aa-open").string() + "\n");
  fs::permissions(root.path("etc/mdevctl/callouts/command.d/locate"), fs::perms::all);

  auto run = root.mdevctl({"define", "-u", kU, "-p", p, "-t", t});
  CHECK(run.status == 0);
  CHECK(root.read("log") == "good -t " + t + " -e pre -a define -s none -u " + kU + " -p " + p +
                                "\ngood -t " + t + " -e post -a define -s success -u " + kU +
                                " -p " + p + "\n");
  const std::string locator = root.path("etc/mdevctl/callouts/command.d/locate").string();
  const std::string open = root.path(kCallouts + "aa-open").string();
  const std::string notifier = root.path(kNotifiers + "tell").string();
  const std::string notifiers_dir = root.path(kNotifiers).lexically_normal().string();
  CHECK(run.err == "Warning: not running " + locator + ": " + locator +
                       " is writable by group or others (mode 0777); fix: chmod go-w " + locator +
                       "\n"
                       "Warning: not running " +
                       open + ": " + open +
                       " is writable by group or others (mode 0777); fix: chmod go-w " + open +
                       "\n"
                       "Warning: not running " +
                       notifier + ": directory " +
                       notifiers_dir.substr(0, notifiers_dir.size() - 1) +
                       " is writable by group or others (mode 0777); fix: chmod go-w " +
                       notifiers_dir.substr(0, notifiers_dir.size() - 1) + "\n");
}
