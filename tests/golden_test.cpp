// Golden outputs (tests/golden/cases.txt): the binary prints exactly the bytes
// committed for every shipped scenario, seed and format listed there. A
// refactoring must keep them; an intended change of results regenerates them
// with tests/golden/regenerate.sh and says why (docs/changelog.md).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "binary_fixture.h"

namespace simroi {
namespace {

struct GoldenCase {
  std::string name;
  std::string args;
};

std::vector<GoldenCase> golden_cases() {
  std::ifstream in(std::string(SIMROI_SOURCE_DIR) + "/tests/golden/cases.txt");
  std::vector<GoldenCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const auto space = line.find(' ');
    cases.push_back({line.substr(0, space), line.substr(space + 1)});
  }
  return cases;
}

class Golden : public testing::BinaryTest, public ::testing::WithParamInterface<GoldenCase> {};

TEST_P(Golden, OutputIsByteIdentical) {
  const GoldenCase& c = GetParam();
  const auto r = run_in(SIMROI_SOURCE_DIR, c.args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string expected = slurp(std::string(SIMROI_SOURCE_DIR) + "/tests/golden/" + c.name);
  ASSERT_FALSE(expected.empty()) << c.name;
  EXPECT_TRUE(r.out == expected) << c.name
                                 << " differs from the golden output; if the change is "
                                    "intended, run tests/golden/regenerate.sh";
}

INSTANTIATE_TEST_SUITE_P(Shipped, Golden, ::testing::ValuesIn(golden_cases()),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace simroi
