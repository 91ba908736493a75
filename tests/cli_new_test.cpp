// `simroi new TYPE` end to end (docs/scenario-format.md, "Starting a
// scenario"): the real binary writes a template that loads, simulates and
// carries the owner's numbers; bad requests are exit 2 with a clear message.
#include <gtest/gtest.h>

#include <string>

#include "binary_fixture.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/templates.h"

namespace {

class CliNew : public simroi::testing::BinaryTest {};

TEST_F(CliNew, DentalWithLeadsWritesAFileThatRuns) {
  const simroi::testing::Result made = run_in(dir_.string(), "new dental --leads 90 -o my.yaml");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.err.find("my.yaml"), std::string::npos) << made.err;
  const simroi::testing::Result ran = run_in(dir_.string(), "my.yaml -n 2000 -f json");
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_NE(ran.out.find("\"gain_by_source\""), std::string::npos);
  const simroi::Scenario s = simroi::load_scenario((dir_ / "my.yaml").string());
  EXPECT_EQ(s.input(simroi::Input::leads_per_month).parameters()[0], 90.0);
  EXPECT_TRUE(s.capacity_given);
  EXPECT_TRUE(s.first_visit_check_given);
}

TEST_F(CliNew, EveryTypeLoadsWithEveryOwnerNumber) {
  for (const auto& t : simroi::business_types()) {
    const std::string file = std::string(t.name) + ".yaml";
    const simroi::testing::Result made = run_in(
        dir_.string(), "new " + std::string(t.name) +
                           " --leads 120 --check 2000 --conversion 40% --free-slots 60 -o " + file);
    ASSERT_EQ(made.exit_code, 0) << t.name << ": " << made.err;
    const simroi::Scenario s = simroi::load_scenario((dir_ / file).string());
    EXPECT_EQ(s.input(simroi::Input::leads_per_month).parameters()[0], 120.0) << t.name;
    EXPECT_EQ(s.input(simroi::Input::average_check).parameters()[0], 2000.0) << t.name;
    EXPECT_EQ(s.input(simroi::Input::booking_conversion).parameters()[0], 0.4) << t.name;
    EXPECT_EQ(s.input(simroi::Input::spare_visits_per_month).parameters()[0], 60.0) << t.name;
    EXPECT_EQ(s.business, t.name);
  }
}

TEST_F(CliNew, ListShowsEveryType) {
  const simroi::testing::Result r = run_in(dir_.string(), "new --list");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& t : simroi::business_types()) {
    EXPECT_NE(r.out.find(std::string(t.name)), std::string::npos) << t.name;
  }
}

TEST_F(CliNew, TemplateOnStandardOutputIsCommentedAndCited) {
  const simroi::testing::Result r = run_in(dir_.string(), "new fitness");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("capacity:"), std::string::npos);
  EXPECT_NE(r.out.find("first_visit_check:"), std::string::npos);
  EXPECT_NE(r.out.find("Dantas et al. 2018"), std::string::npos);
  EXPECT_NE(r.out.find("[owner]"), std::string::npos);
}

TEST_F(CliNew, BadRequestsAreExit2) {
  const simroi::testing::Result unknown = run_in(dir_.string(), "new bakery");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown business type 'bakery'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("home_services"), std::string::npos) << unknown.err;
  const simroi::testing::Result none = run_in(dir_.string(), "new");
  EXPECT_EQ(none.exit_code, 2);
  const simroi::testing::Result share = run_in(dir_.string(), "new salon --conversion 140%");
  EXPECT_EQ(share.exit_code, 2);
  EXPECT_NE(share.err.find("--conversion"), std::string::npos) << share.err;
  const simroi::testing::Result leads = run_in(dir_.string(), "new salon --leads -3");
  EXPECT_EQ(leads.exit_code, 2);
  const simroi::testing::Result lang = run_in(dir_.string(), "new salon --lang de");
  EXPECT_EQ(lang.exit_code, 2);
  // Never over an existing file.
  ASSERT_EQ(run_in(dir_.string(), "new salon -o s.yaml").exit_code, 0);
  const simroi::testing::Result again = run_in(dir_.string(), "new salon -o s.yaml");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
}

}  // namespace
