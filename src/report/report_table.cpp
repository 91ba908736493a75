// `--format table`: the document as aligned plain text for a terminal.
#include <ostream>

#include "report_layout.h"

namespace simroi::detail {

namespace {

std::string render_text(const Document& d, const Locale& locale) {
  const std::string title = d.title.render(locale);
  std::string out = title + "\n";
  out.append(std::string(display_width(title), '=')).append("\n");
  for (const Text& v : d.verdict) out.append(v.render(locale)).append("\n");
  if (!d.verdict.empty()) out.append("\n");
  std::size_t label_width = 0;
  for (const Fact& f : d.facts) {
    label_width = std::max(label_width, display_width(f.label.render(locale)));
  }
  for (const Fact& f : d.facts) {
    out.append("  ").append(pad_right(f.label.render(locale), label_width)).append("  ");
    out.append(render_cell(f.value, locale)).append("\n");
  }
  for (const Section& s : d.sections) {
    out.append("\n");
    if (!s.heading.empty()) out.append(s.heading.render(locale)).append("\n");
    for (const Text& p : s.paragraphs) out.append("  ").append(p.render(locale)).append("\n");
    if (s.table) out.append(text_table(*s.table, locale).render_text("  "));
    for (const Text& n : s.notes) out.append("  ").append(n.render(locale)).append("\n");
  }
  return out;
}

class TableReporter final : public Reporter {
 public:
  explicit TableReporter(Locale locale) : locale_(std::move(locale)) {}
  void render(std::ostream& out, const Document& document) const override {
    out << render_text(document, locale_);
  }

 private:
  Locale locale_;
};

}  // namespace

std::unique_ptr<Reporter> make_table_reporter(Locale locale) {
  return std::make_unique<TableReporter>(std::move(locale));
}

}  // namespace simroi::detail
