#pragma once
// A test fixture that runs the real simroi binary (SIMROI_BINARY) in a scratch
// folder of its own, capturing exit code, stdout and stderr.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace simroi::testing {

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class BinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("simroi_{}_{}_{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  /// Writes `text` to a file in the scratch folder; returns its path.
  [[nodiscard]] std::string write(const std::string& name, const std::string& text) const {
    const std::filesystem::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  static std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Runs `{ simroi ARGS; }` in /bin/sh with stdout and stderr captured (ARGS is
  // passed to the shell as written, so it may continue with more commands).
  [[nodiscard]] Result run(const std::string& args) const { return run_in("", args); }

  // The same with the working folder `cwd` ("" keeps the test's own). The
  // locale variables are reset (LC_ALL=C, LANG=C, no LC_MESSAGES: English,
  // whatever the machine's), then `env` ("LANG=ru_RU.UTF-8 ...") is exported.
  [[nodiscard]] Result run_in(const std::string& cwd, const std::string& args,
                              const std::string& env = "") const {
    const std::filesystem::path out = dir_ / "stdout.txt";
    const std::filesystem::path err = dir_ / "stderr.txt";
    const std::string cd = cwd.empty() ? std::string() : fmt::format("cd '{}' && ", cwd);
    const std::string locale = "export LC_ALL=C LANG=C; unset LC_MESSAGES; " +
                               (env.empty() ? std::string() : fmt::format("export {}; ", env));
    const std::string command =
        fmt::format("{{ {}{}'{}' {}; }} >'{}' 2>'{}' </dev/null", cd, locale, SIMROI_BINARY, args,
                    out.string(), err.string());
    const int status = std::system(command.c_str());
    Result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  std::filesystem::path dir_;
};

}  // namespace simroi::testing
