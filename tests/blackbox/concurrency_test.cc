// SPDX-License-Identifier: LGPL-2.1-or-later
// Many mdevctl processes at once, and processes killed midway: what each
// one reports as done stays done, and nothing is left half-written.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::PassiveRoot;
using blackbox::Run;
using namespace blackbox::upstream;
namespace fs = std::filesystem;

namespace {

std::string config_path() {
  return "etc/mdevctl.d/" + kP + "/" + kU;
}

// Runs `commands[i]` in process i, all at once.
std::vector<Run> run_at_once(const PassiveRoot& root,
                             const std::vector<std::vector<std::string>>& commands) {
  std::vector<Run> runs(commands.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < commands.size(); ++i) {
    threads.emplace_back([&, i] { runs[i] = root.mdevctl(commands[i]); });
  }
  for (auto& thread : threads) thread.join();
  return runs;
}

// The names aN of the attributes in a config file.
std::multiset<std::string> attribute_names(const std::string& config) {
  static const std::regex kName("\"(a[0-9]+)\":");
  std::multiset<std::string> names;
  for (std::sregex_iterator it(config.begin(), config.end(), kName), end; it != end; ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

pid_t spawn_mdevctl(const PassiveRoot& root, const std::vector<std::string>& args) {
  std::vector<std::string> argv_text = {blackbox::mdevctl_binary()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::string env_root = "MDEVCTL_ENV_ROOT=" + root.dir().string();
  char* envp[] = {env_root.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

size_t hidden_files(const fs::path& dir) {
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string()[0] == '.') ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("64 modify --addattr at once: every one reported done is in the config") {
  PassiveRoot root;
  root.write(config_path(), "{\"mdev_type\":\"" + kT + "\",\"start\":\"manual\"}");
  std::vector<std::vector<std::string>> commands;
  for (int n = 0; n < 64; ++n) {
    commands.push_back(
        {"modify", "-u", kU, "--addattr", "a" + std::to_string(n), "--value", std::to_string(n)});
  }
  auto runs = run_at_once(root, commands);
  std::multiset<std::string> reported;
  for (size_t n = 0; n < runs.size(); ++n) {
    CAPTURE(n, runs[n].err);
    CHECK(runs[n].status == 0);
    if (runs[n].status == 0) reported.insert("a" + std::to_string(n));
  }
  CHECK(attribute_names(root.read(config_path())) == reported);
}

TEST_CASE("64 define of one UUID at once: exactly one succeeds") {
  PassiveRoot root;
  root.add_type(kP, kT);
  fs::create_directories(root.path("etc/mdevctl.d"));
  std::vector<std::vector<std::string>> commands(64, {"define", "-u", kU, "-p", kP, "-t", kT});
  auto runs = run_at_once(root, commands);
  int succeeded = 0;
  for (const auto& run : runs) {
    if (run.status == 0) {
      ++succeeded;
    } else {
      CHECK_THAT(run.err, match::Contains("already defined"));
    }
  }
  CHECK(succeeded == 1);
  CHECK(root.read(config_path()) ==
        "{\n  \"mdev_type\": \"" + kT + "\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}");
}

TEST_CASE("undefine racing modify: a definition once undefined stays gone") {
  PassiveRoot root;
  for (int round = 0; round < 20; ++round) {
    CAPTURE(round);
    root.write(config_path(), "{\"mdev_type\":\"" + kT + "\",\"start\":\"manual\"}");
    auto runs = run_at_once(root, {{"undefine", "-u", kU}, {"modify", "-u", kU, "--auto"}});
    CHECK(runs[0].status == 0);
    if (runs[1].status != 0) CHECK_THAT(runs[1].err, match::Contains("no device config found"));
    CHECK_FALSE(fs::exists(root.path(config_path())));
  }
}

TEST_CASE("kill -9 in the middle of writes: the config stays whole - the debris goes") {
  PassiveRoot root;
  root.write(config_path(), "{\"mdev_type\":\"" + kT + "\",\"start\":\"manual\"}");
  // What a write killed between its temp file and its rename leaves.
  root.write("etc/mdevctl.d/" + kP + "/." + kU + ".Ab12Cd", "{\"mdev_type\":");
  std::mt19937 random(7);
  for (int n = 0; n < 200; ++n) {
    pid_t pid = spawn_mdevctl(root, {"modify", "-u", kU, n % 2 ? "--auto" : "--manual"});
    REQUIRE(pid > 0);
    ::usleep(random() % 3000);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    auto list = root.mdevctl({"list", "-d"});
    REQUIRE(list.status == 0);
    REQUIRE_THAT(list.out, match::StartsWith(kU + " " + kP + " " + kT));
  }
  auto modify = root.mdevctl({"modify", "-u", kU, "--addattr", "a", "--value", "1"});
  CHECK(modify.status == 0);
  CHECK(hidden_files(root.path("etc/mdevctl.d/" + kP)) == 0);
}

namespace {

// `flock` holding `path` for `seconds`, in the background; the path names
// what it locks (a directory works too).
pid_t hold_flock(const std::string& path, int seconds) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/usr/bin/flock", "flock", "-x", path.c_str(), "sleep", std::to_string(seconds).c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

void end(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

// Waits (5 s at most) until /proc/locks shows a lock of `pid`'s.
bool holds_a_lock(pid_t pid) {
  for (int i = 0; i < 500; ++i) {
    auto locks = blackbox::run_program({"/bin/cat", "/proc/locks"}, "", {}).out;
    if (locks.find(" " + std::to_string(pid) + " ") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_CASE("A lock on etc/mdevctl.d (anyone can take one) does not hold up define") {
  PassiveRoot root;
  root.write(config_path(), R"({"mdev_type":"t","start":"manual"})");
  pid_t holder = hold_flock(root.path("etc/mdevctl.d").string(), 30);
  REQUIRE(holds_a_lock(holder));
  auto started = std::chrono::steady_clock::now();
  auto run =
      root.mdevctl({"define", "-u", "8f2c3b4a-0000-4000-8000-000000000001", "-p", kP, "-t", kT});
  auto took = std::chrono::steady_clock::now() - started;
  end(holder);
  CHECK(run.status == 0);
  CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("A wait for the definitions' lock has a deadline and names the holder") {
  PassiveRoot root;
  root.write(config_path(), R"({"mdev_type":"t","start":"manual"})");
  // The lock file is made by the first change.
  REQUIRE(root.mdevctl({"modify", "-u", kU, "--auto"}).status == 0);
  auto before = root.snapshot();
  pid_t holder = hold_flock(root.path("run/mdevctl/definitions.lock").string(), 30);
  REQUIRE(holds_a_lock(holder));
  auto run = root.mdevctl({"modify", "-u", kU, "--manual"}, "", {"MDEVCTL_LOCK_WAIT=0.3"});
  end(holder);
  CHECK(run.status == 1);
  CHECK(run.err == "Error: waited 0.300 s for the lock on the definitions, held by pid " +
                       std::to_string(holder) + " (flock)\n");
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("run/mdevctl must be private - a link there is never followed") {
  PassiveRoot root;
  root.write(config_path(), R"({"mdev_type":"t","start":"manual"})");
  fs::create_directories(root.path("elsewhere"));
  fs::create_directories(root.path("run"));
  fs::create_directory_symlink(root.path("elsewhere"), root.path("run/mdevctl"));
  auto run = root.mdevctl({"modify", "-u", kU, "--auto"});
  CHECK(run.status == 1);
  CHECK_THAT(run.err, match::EndsWith(
                          "run/mdevctl is a symbolic link: refusing to use what it points to\n"));
  CHECK(fs::is_empty(root.path("elsewhere")));
  fs::remove(root.path("run/mdevctl"));
  fs::create_directories(root.path("run/mdevctl"));
  fs::permissions(root.path("run/mdevctl"), fs::perms::all);
  CHECK_THAT(root.mdevctl({"modify", "-u", kU, "--auto"}).err, match::Contains("is not private"));
}

TEST_CASE("A pre call-out may run mdevctl itself - no lock is held across it") {
  PassiveRoot root;
  const std::string other = "8f2c3b4a-0000-4000-8000-000000000002";
  root.write_script("usr/lib/mdevctl/scripts.d/callouts/nested",
                    "case \"$*\" in *'-e pre'*'-u " + kU +
                        "'*)\n"
                        "  MDEVCTL_ENV_ROOT=$ROOT '" +
                        blackbox::mdevctl_binary() + "' define -u " + other + " -p " + kP + " -t " +
                        kT + " || exit 1 ;;\nesac\nexit 0\n");
  auto started = std::chrono::steady_clock::now();
  auto run = root.mdevctl({"define", "-u", kU, "-p", kP, "-t", kT});
  CHECK(run.status == 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(fs::exists(root.path("etc/mdevctl.d/" + kP + "/" + other)));
}
