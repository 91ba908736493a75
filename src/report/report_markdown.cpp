// `--format markdown`: the table report's content as GitHub-flavoured markdown.
#include <ostream>

#include "report_layout.h"

namespace simroi::detail {

namespace {

class MarkdownReporter final : public Reporter {
 public:
  void report(std::ostream& out, const SimulationResults& results) const override {
    out << render_markdown(describe_report(results));
  }
  void compare(std::ostream& out, const std::vector<SimulationResults>& all) const override {
    out << render_markdown(describe_compare(all));
  }
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter() {
  return std::make_unique<MarkdownReporter>();
}

}  // namespace simroi::detail
