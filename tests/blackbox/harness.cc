// SPDX-License-Identifier: LGPL-2.1-or-later
#include "blackbox/harness.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/catch.h"

namespace fs = std::filesystem;

namespace blackbox {

// MDEVCTL_TEST_BINARY runs the suite against another build of mdevctl (the
// ThreadSanitizer one in scripts/test.sh).
std::string mdevctl_binary() {
  const char* other = std::getenv("MDEVCTL_TEST_BINARY");
  return other && *other ? other : MDEVCTL_BINARY;
}

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

}  // namespace

namespace {

// What execve gets, made before the fork: tests fork from many threads at
// once, and a child may only make async-signal-safe calls until it execs
// (a malloc there can wait for ever on a lock another thread held).
struct ExecArgs {
  std::vector<std::string> env_text;
  std::vector<char*> args, env;
  ExecArgs(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::map<std::string, std::string> vars;
    for (char** e = environ; *e; ++e) {
      std::string kv = *e;
      vars[kv.substr(0, kv.find('='))] = kv;
    }
    for (const auto& kv : extra_env) vars[kv.substr(0, kv.find('='))] = kv;
    for (auto& [name, kv] : vars) env_text.push_back(kv);
    for (auto& kv : env_text) env.push_back(kv.data());
    env.push_back(nullptr);
  }
};

}  // namespace

Run run_program(const std::vector<std::string>& argv, const std::string& stdin_text,
                const std::vector<std::string>& env) {
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) fail("pipe");
  ExecArgs exec_args(argv, env);
  pid_t pid = fork();
  if (pid < 0) fail("fork");
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    execve(exec_args.args[0], exec_args.args.data(), exec_args.env.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  size_t written = 0;
  if (stdin_text.empty()) {
    close(in[1]);
    in[1] = -1;
  }
  Run run;
  pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in[1], POLLOUT, 0}};
  int open_outputs = 2;
  while (open_outputs > 0) {
    int nfds = in[1] >= 0 ? 3 : 2;
    if (poll(fds, nfds, -1) < 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[65536];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_outputs;
      } else {
        (i == 0 ? run.out : run.err).append(buf, static_cast<size_t>(n));
      }
    }
    if (in[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in[1], stdin_text.data() + written, stdin_text.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 || written == stdin_text.size()) {
        close(in[1]);
        in[1] = -1;
      }
    }
  }
  if (in[1] >= 0) close(in[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

std::string changes(const std::map<std::string, std::string>& before,
                    const std::map<std::string, std::string>& after) {
  std::string out;
  for (const auto& [path, content] : before) {
    auto it = after.find(path);
    if (it == after.end()) {
      out += "removed: " + path + "\n";
    } else if (it->second != content) {
      out += "changed: " + path + " (" + content + " -> " + it->second + ")\n";
    }
  }
  for (const auto& [path, content] : after) {
    if (!before.count(path)) out += "added: " + path + "\n";
  }
  return out;
}

Refusal usage(std::vector<std::string> args, const std::string& problem) {
  std::string command = args.empty() ? "" : " " + args.front();
  return Refusal{std::move(args), "Error: " + problem + " (see 'mdevctl" + command + " --help')",
                 2};
}

void expect_refusals(const FixtureRoot& root, const std::vector<Refusal>& refusals) {
  auto before = root.snapshot();
  for (const auto& refusal : refusals) {
    CAPTURE(refusal.args);
    auto run = root.mdevctl(refusal.args);
    CHECK(run.status == refusal.status);
    CHECK(run.out.empty());
    CHECK(run.err == refusal.error + "\n");
    CHECK(changes(before, root.snapshot()) == "");
  }
}

FixtureRoot::FixtureRoot(const std::string& name) {
  std::string tmpl = (fs::temp_directory_path() / "mdevctl-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) fail("mkdtemp");
  dir_ = tmpl;
  if (!name.empty()) {
    fs::copy(fs::path(FIXTURES_DIR) / name, dir_,
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }
  // Git keeps no empty directories; a real root has these.
  for (const char* d : {"etc/mdevctl.d", "sys/bus/mdev/devices", "sys/class/mdev_bus"}) {
    fs::create_directories(dir_ / d);
  }
  for (const auto& parent : fs::directory_iterator(dir_ / "sys/class/mdev_bus")) {
    auto types = parent.path() / "mdev_supported_types";
    if (!fs::is_directory(types)) continue;
    for (const auto& type : fs::directory_iterator(types)) {
      fs::create_directories(type.path() / "devices");
    }
  }
}

FixtureRoot::~FixtureRoot() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Run FixtureRoot::mdevctl(const std::vector<std::string>& args, const std::string& stdin_text,
                         const std::vector<std::string>& extra_env) const {
  std::vector<std::string> argv{mdevctl_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env{"MDEVCTL_ENV_ROOT=" + dir_.string()};
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  return run_program(argv, stdin_text, env);
}

std::map<std::string, std::string> FixtureRoot::snapshot() const {
  std::map<std::string, std::string> tree;
  for (auto it = fs::recursive_directory_iterator(dir_); it != fs::recursive_directory_iterator();
       ++it) {
    std::string rel = fs::relative(it->path(), dir_).string();
    if (it->is_symlink()) {
      tree[rel] = "-> " + fs::read_symlink(it->path()).string();
    } else if (it->is_fifo()) {
      tree[rel] = "<fifo>";  // the simulated kernel's create/remove: reading would block
    } else if (it->is_directory()) {
      tree[rel] = "<dir>";
    } else {
      tree[rel] = read(rel);
    }
  }
  return tree;
}

std::string FixtureRoot::read(const std::string& relative) const {
  std::ifstream in(dir_ / relative, std::ios::binary);
  if (!in) return "<missing>";
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void FixtureRoot::write(const std::string& relative, const std::string& text) const {
  fs::create_directories((dir_ / relative).parent_path());
  std::ofstream(dir_ / relative, std::ios::binary | std::ios::trunc) << text;
}

void FixtureRoot::write_script(const std::string& relative, const std::string& body) const {
  write(relative, "#!/bin/sh\nROOT='" + dir_.string() + "'\n" + body);
  fs::permissions(dir_ / relative, fs::perms::owner_all | fs::perms::group_read |
                                       fs::perms::group_exec | fs::perms::others_read |
                                       fs::perms::others_exec);
}

bool FixtureRoot::wait_for(const std::string& relative, bool present) const {
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(dir_ / relative, ec)) == present) return true;
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

bool FixtureRoot::wait_for_device(const std::string& uuid, bool present) const {
  return wait_for("sys/bus/mdev/devices/" + uuid, present);
}

void PassiveRoot::add_type(const std::string& parent, const std::string& type,
                           int instances) const {
  write(type_dir(parent, type) + "available_instances", std::to_string(instances) + "\n");
  write(type_dir(parent, type) + "device_api", "vfio-pci\n");
  write(type_dir(parent, type) + "name", "\n");
}

std::vector<std::string> define_three_behind_a_slow_pre(const PassiveRoot& root) {
  root.add_type("p0", "t1", 8);
  const std::vector<std::string> uuids = {"11111111-2222-4333-8444-000000000001",
                                          "11111111-2222-4333-8444-000000000002",
                                          "11111111-2222-4333-8444-000000000003"};
  for (const auto& uuid : uuids) {
    if (root.mdevctl({"define", "-u", uuid, "-p", "p0", "-t", "t1", "--auto"}).status != 0) {
      fail("define " + uuid);
    }
  }
  root.write_script("usr/lib/mdevctl/scripts.d/callouts/shared",
                    "case \"$*\" in\n"
                    "  *'-e pre'*) echo \"pre $*\" >>\"$ROOT/log\"; sleep 1;;\n"
                    "  *'-e post'*) echo \"post $*\" >>\"$ROOT/log\";;\n"
                    "esac\nexit 0\n");
  return uuids;
}

bool wait_for_first_pre(const PassiveRoot& root) {
  // read() says "<missing>" until the file exists.
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (root.read("log").find("pre ") == std::string::npos) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void PassiveRoot::add_active(const std::string& uuid, const std::string& parent,
                             const std::string& type) const {
  fs::create_directories(path(device_dir(parent, uuid)));
  fs::create_directory_symlink(path(device_dir(parent, uuid)),
                               path("sys/bus/mdev/devices/" + uuid));
  fs::create_directory_symlink(path(type_dir(parent, type)),
                               path(device_dir(parent, uuid) + "mdev_type"));
}

SimulatedKernel::SimulatedKernel(const FixtureRoot& root) {
  int out[2];
  if (pipe2(out, O_CLOEXEC)) fail("pipe");
  pid_ = fork();
  if (pid_ < 0) fail("fork");
  if (pid_ == 0) {
    dup2(out[1], 1);
    execl(SIMKERNEL_BINARY, SIMKERNEL_BINARY, root.dir().c_str(), nullptr);
    _exit(127);
  }
  close(out[1]);
  std::string said;
  char c;
  while (said.find("ready") == std::string::npos && read(out[0], &c, 1) == 1) said += c;
  close(out[0]);
  if (said.find("ready") == std::string::npos) fail("mdev-simkernel did not start");
}

SimulatedKernel::~SimulatedKernel() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

Background::Background(const FixtureRoot& root, const std::vector<std::string>& args,
                       const std::vector<std::string>& extra_env, int stdout_fd)
    : out_(root.dir().string() + ".out"), err_(root.dir().string() + ".err") {
  std::vector<std::string> env{"MDEVCTL_ENV_ROOT=" + root.dir().string()};
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  std::vector<std::string> argv{mdevctl_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  // Emptied before the fork: a wait must never see what an earlier run left.
  std::ofstream(out_, std::ios::trunc).flush();
  std::ofstream(err_, std::ios::trunc).flush();
  ExecArgs exec_args(argv, env);
  pid_ = fork();
  if (pid_ < 0) fail("fork");
  if (pid_ == 0) {
    int out = open(out_.c_str(), O_WRONLY | O_TRUNC);
    int err = open(err_.c_str(), O_WRONLY | O_TRUNC);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(stdout_fd >= 0 ? stdout_fd : out, 1);
    dup2(err, 2);
    execve(exec_args.args[0], exec_args.args.data(), exec_args.env.data());
    _exit(127);
  }
}

Background::~Background() {
  if (pid_ > 0) stop(SIGKILL);
  std::error_code ec;
  fs::remove(out_, ec);
  fs::remove(err_, ec);
}

namespace {
std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
bool wait_for_text(const fs::path& file, const std::string& text) {
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (slurp(file).find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}
}  // namespace

std::string Background::out() const {
  return slurp(out_);
}
std::string Background::err() const {
  return slurp(err_);
}
bool Background::wait_for_out(const std::string& text) const {
  return wait_for_text(out_, text);
}
bool Background::wait_for_err(const std::string& text) const {
  return wait_for_text(err_, text);
}

int Background::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace blackbox

namespace blackbox {

HeldOpen::HeldOpen(const std::filesystem::path& file) {
  int exec_done[2];
  if (::pipe2(exec_done, O_CLOEXEC) != 0) fail("pipe2");
  pid_ = ::fork();
  if (pid_ < 0) fail("fork");
  if (pid_ == 0) {
    int fd = ::open(file.c_str(), O_RDWR);  // without O_CLOEXEC: sleep keeps it
    if (fd < 0) ::_exit(126);
    ::execlp("sleep", "sleep", "600", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(exec_done[1]);
  // The pipe's write end closes when the exec is done (or the child ends):
  // the file is open in a process called sleep by then.
  char byte;
  while (::read(exec_done[0], &byte, 1) < 0 && errno == EINTR) {
  }
  ::close(exec_done[0]);
  int status;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) fail("the holder of " + file.string() + " ended");
}

HeldOpen::~HeldOpen() {
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

}  // namespace blackbox
