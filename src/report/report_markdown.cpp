// `--format markdown`: the table report's content as GitHub-flavoured markdown.
#include <ostream>

#include "report_layout.h"

namespace simroi::detail {

namespace {

class MarkdownReporter final : public Reporter {
 public:
  explicit MarkdownReporter(Locale locale) : locale_(std::move(locale)) {}
  void report(std::ostream& out, const SimulationResults& results) const override {
    out << render_markdown(describe_report(results, locale_));
  }
  void compare(std::ostream& out, const std::vector<SimulationResults>& all) const override {
    out << render_markdown(describe_compare(all, locale_));
  }

 private:
  Locale locale_;
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter(Locale locale) {
  return std::make_unique<MarkdownReporter>(std::move(locale));
}

}  // namespace simroi::detail
