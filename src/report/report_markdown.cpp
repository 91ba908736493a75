// `--format markdown`: the document as GitHub-flavoured markdown.
#include <ostream>

#include "report_layout.h"

namespace simroi::detail {

namespace {

std::string render_markdown(const Document& d, const Locale& locale) {
  std::string out = "# " + markdown_escape(d.title.render(locale)) + "\n";
  if (!d.verdict.empty()) {
    out.append("\n**");
    for (std::size_t i = 0; i < d.verdict.size(); ++i) {
      if (i > 0) out.append(" ");
      out.append(markdown_escape(d.verdict[i].render(locale)));
    }
    out.append("**\n");
  }
  if (!d.facts.empty()) out.append("\n");
  for (const Fact& f : d.facts) {
    out.append("- **").append(markdown_escape(f.label.render(locale))).append(":** ");
    out.append(markdown_escape(render_cell(f.value, locale))).append("\n");
  }
  for (const Section& s : d.sections) {
    if (!s.heading.empty()) {
      out.append("\n## ").append(markdown_escape(s.heading.render(locale))).append("\n");
    }
    for (const Text& p : s.paragraphs) {
      out.append("\n").append(markdown_escape(p.render(locale))).append("\n");
    }
    if (s.table) out.append("\n").append(text_table(*s.table, locale).render_markdown());
    for (const Text& n : s.notes) {
      out.append("\n").append(markdown_escape(n.render(locale))).append("\n");
    }
  }
  return out;
}

class MarkdownReporter final : public Reporter {
 public:
  explicit MarkdownReporter(Locale locale) : locale_(std::move(locale)) {}
  void render(std::ostream& out, const Document& document) const override {
    out << render_markdown(document, locale_);
  }

 private:
  Locale locale_;
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter(Locale locale) {
  return std::make_unique<MarkdownReporter>(std::move(locale));
}

}  // namespace simroi::detail
