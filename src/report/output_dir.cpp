#include "simroi/report/output_dir.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "simroi/core/error.h"
#include "simroi/report/format.h"
#include "simroi/report/report.h"

namespace simroi {

namespace fs = std::filesystem;

void ensure_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      throw UserError(fmt::format(
          "cannot write to {}: it exists and is not a directory; choose another folder with --out",
          dir.string()));
    }
    return;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    throw UserError(fmt::format("cannot create directory {}: {}; choose another folder with --out",
                                dir.string(), ec.message()));
  }
}

void prepare_output_dir(const fs::path& dir) {
  ensure_directory(dir);
  // A probe file: the directory may exist and still refuse new files.
  const fs::path probe = dir / fmt::format(".simroi.probe.tmp.{}", ::getpid());
  errno = 0;
  bool ok = false;
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    ok = static_cast<bool>(out);
  }
  const int saved = errno;
  std::error_code ignored;
  fs::remove(probe, ignored);
  if (!ok) {
    throw UserError(fmt::format("cannot write to {}: {}; choose another folder with --out",
                                dir.string(),
                                saved != 0 ? std::strerror(saved) : "cannot create a file there"));
  }
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  const fs::path temp =
      path.parent_path() / fmt::format(".{}.tmp.{}", path.filename().string(), ::getpid());
  auto fail = [&](const std::string& reason) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw UserError(fmt::format("cannot write {}: {}", path.string(), reason));
  };
  {
    errno = 0;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail(errno != 0 ? std::strerror(errno) : "cannot create file");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) fail(errno != 0 ? std::strerror(errno) : "write failed");
    out.close();
    if (out.fail()) fail(errno != 0 ? std::strerror(errno) : "close failed");
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) fail(ec.message());
}

namespace {

std::string render(Format format, const SimulationResults& r) {
  std::ostringstream out;
  make_reporter(format)->report(out, r);
  return out.str();
}

std::string render_compare(Format format, const std::vector<SimulationResults>& all) {
  std::ostringstream out;
  make_reporter(format)->compare(out, all);
  return out.str();
}

// ----- SVG helpers -------------------------------------------------------------

// SVG numbers always use '.'; the labels are English for now.
const Locale L = Locale::english();

std::string n1(double v) {
  return format_fixed(v, 1, L);
}

struct Ticks {
  double lo = 0, hi = 1;
  std::vector<double> ticks;
};

// Ticks at 1, 2 or 5 times a power of ten, about `target` of them, with the
// range widened to whole ticks.
Ticks nice_axis(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (!(hi > lo)) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
  Ticks a;
  const double first = std::floor(lo / step);
  const double last = std::ceil(hi / step);
  a.lo = first * step;
  a.hi = last * step;
  for (double i = first; i <= last + 1e-9; i += 1) {
    const double v = i * step;
    a.ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
  }
  return a;
}

struct Frame {
  double width, height, left, right, top, bottom;
  [[nodiscard]] double plot_w() const { return width - left - right; }
  [[nodiscard]] double plot_h() const { return height - top - bottom; }
};

std::string svg_open(const Frame& f, std::string_view title) {
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      n1(f.width), n1(f.height));
  s += fmt::format("<title>{}</title>\n", xml_escape(title));
  s += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", n1(f.width),
                   n1(f.height));
  s += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                   n1(f.left), xml_escape(title));
  return s;
}

std::string money_tick(double v, const std::string& currency) {
  return format_money(v, currency, L);
}

}  // namespace

std::string fan_chart_svg(const SimulationResults& r) {
  const Frame f{800, 460, 120, 30, 50, 70};
  std::string s = svg_open(
      f, "Cumulative net by month — " + (r.scenario_name.empty() ? r.file : r.scenario_name));
  const auto& months = r.monthly;
  auto value = [](const MonthFan& m, double p) {
    const PercentileEstimate* e = find_percentile(m.cumulative_net, p);
    return e != nullptr && std::isfinite(e->value) ? e->value : NAN;
  };
  double lo = 0, hi = 0;
  for (const auto& m : months) {
    for (const auto& e : m.cumulative_net) {
      if (std::isfinite(e.value)) lo = std::min(lo, e.value), hi = std::max(hi, e.value);
    }
  }
  const Ticks y = nice_axis(lo, hi, 6);
  const int first_month = months.empty() ? 1 : months.front().month;
  const int last_month = months.empty() ? 1 : months.back().month;
  const double x_lo = last_month > first_month ? first_month : first_month - 1;
  const double x_hi = last_month > first_month ? last_month : last_month + 1;
  auto X = [&](double month) { return f.left + (month - x_lo) / (x_hi - x_lo) * f.plot_w(); };
  auto Y = [&](double v) { return f.top + (y.hi - v) / (y.hi - y.lo) * f.plot_h(); };

  // Grid and y labels.
  for (const double t : y.ticks) {
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
        n1(f.left), n1(Y(t)), n1(f.left + f.plot_w()), n1(Y(t)), n1(f.left - 8), n1(Y(t) + 4),
        xml_escape(money_tick(t, r.currency)));
  }
  // x ticks: at most about 12 labels.
  const int span = last_month - first_month + 1;
  const int step = std::max(1, (span + 11) / 12);
  for (int m = first_month; m <= last_month; ++m) {
    if ((m - first_month) % step != 0 && m != last_month) continue;
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999999\"/>\n"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        n1(X(m)), n1(f.top + f.plot_h()), n1(f.top + f.plot_h() + 5), n1(f.top + f.plot_h() + 20),
        m);
  }
  // Bands and median.
  auto band = [&](double p_lo, double p_hi, const char* fill) {
    std::string points;
    for (const auto& m : months) {
      const double v = value(m, p_hi);
      if (!std::isfinite(v)) return;
      points += fmt::format("{},{} ", n1(X(m.month)), n1(Y(v)));
    }
    for (auto it = months.rbegin(); it != months.rend(); ++it) {
      const double v = value(*it, p_lo);
      if (!std::isfinite(v)) return;
      points += fmt::format("{},{} ", n1(X(it->month)), n1(Y(v)));
    }
    if (!points.empty()) points.pop_back();
    s += fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"none\"/>\n", points, fill);
  };
  if (!months.empty()) {
    band(5, 95, "#c6dbef");
    band(25, 75, "#6baed6");
    std::string points;
    for (const auto& m : months) {
      const double v = value(m, 50);
      if (std::isfinite(v)) points += fmt::format("{},{} ", n1(X(m.month)), n1(Y(v)));
    }
    if (!points.empty()) {
      points.pop_back();
      s += fmt::format(
          "<polyline points=\"{}\" fill=\"none\" stroke=\"#08306b\" stroke-width=\"2\"/>\n",
          points);
    }
  }
  // Zero line, axes, labels, legend.
  s += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#cb181d\" "
      "stroke-dasharray=\"4 3\"/>\n",
      n1(f.left), n1(Y(0)), n1(f.left + f.plot_w()), n1(Y(0)));
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\"/>\n",
      n1(f.left), n1(f.top), n1(f.plot_w()), n1(f.plot_h()));
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">Month</text>\n",
                   n1(f.left + f.plot_w() / 2), n1(f.height - 28));
  s += fmt::format(
      "<text x=\"16\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {0})\">"
      "Cumulative net, {1}</text>\n",
      n1(f.top + f.plot_h() / 2), xml_escape(currency_symbol(r.currency)));
  const double ly = f.height - 12;
  s += fmt::format(
      "<rect x=\"{0}\" y=\"{1}\" width=\"14\" height=\"10\" fill=\"#c6dbef\"/>"
      "<text x=\"{2}\" y=\"{3}\">P5–P95</text>\n"
      "<rect x=\"{4}\" y=\"{1}\" width=\"14\" height=\"10\" fill=\"#6baed6\"/>"
      "<text x=\"{5}\" y=\"{3}\">P25–P75</text>\n"
      "<line x1=\"{6}\" y1=\"{7}\" x2=\"{8}\" y2=\"{7}\" stroke=\"#08306b\" stroke-width=\"2\"/>"
      "<text x=\"{9}\" y=\"{3}\">median</text>\n"
      "<line x1=\"{10}\" y1=\"{7}\" x2=\"{11}\" y2=\"{7}\" stroke=\"#cb181d\" "
      "stroke-dasharray=\"4 3\"/><text x=\"{12}\" y=\"{3}\">break-even</text>\n",
      n1(f.left), n1(ly - 9), n1(f.left + 20), n1(ly), n1(f.left + 100), n1(f.left + 120),
      n1(f.left + 200), n1(ly - 4), n1(f.left + 214), n1(f.left + 220), n1(f.left + 290),
      n1(f.left + 304), n1(f.left + 310));
  s += "</svg>\n";
  return s;
}

std::string percentile_chart_svg(const SimulationResults& r) {
  const auto& ps = r.roi_pct.percentiles;
  const double row_h = 30;
  const Frame f{800, 50 + row_h * static_cast<double>(std::max<std::size_t>(ps.size(), 1)) + 60,
                70,  110,
                50,  60};
  std::string s =
      svg_open(f, "ROI percentiles — " + (r.scenario_name.empty() ? r.file : r.scenario_name));
  double lo = 0, hi = 0;
  for (const auto& e : ps) {
    for (const double v : {e.value, e.ci_low, e.ci_high}) {
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  }
  const Ticks x = nice_axis(lo, hi, 6);
  auto X = [&](double v) { return f.left + (v - x.lo) / (x.hi - x.lo) * f.plot_w(); };
  const double bottom = f.top + f.plot_h();
  for (const double t : x.ticks) {
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e5e5e5\"/>\n"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        n1(X(t)), n1(f.top), n1(bottom), n1(bottom + 18), xml_escape(format_percent(t, 0, L)));
  }
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto& e = ps[i];
    const double cy = f.top + row_h * (static_cast<double>(i) + 0.5);
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", n1(f.left - 8),
                     n1(cy + 4), xml_escape(percentile_label(e.p)));
    if (!std::isfinite(e.value)) continue;
    const double x0 = X(std::min(0.0, e.value));
    const double x1 = X(std::max(0.0, e.value));
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", n1(x0),
                     n1(cy - row_h * 0.3), n1(std::max(x1 - x0, 0.5)), n1(row_h * 0.6),
                     e.value < 0 ? "#fc9272" : "#6baed6");
    if (std::isfinite(e.ci_low) && std::isfinite(e.ci_high)) {
      s += fmt::format(
          "<path d=\"M{0} {2}V{3}M{0} {4}H{1}M{1} {2}V{3}\" stroke=\"#08306b\" fill=\"none\"/>\n",
          n1(X(e.ci_low)), n1(X(e.ci_high)), n1(cy - 6), n1(cy + 6), n1(cy));
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n",
                     n1(std::max(x1, std::isfinite(e.ci_high) ? X(e.ci_high) : x1) + 6), n1(cy + 4),
                     xml_escape(format_percent(e.value, 1, L)));
  }
  s += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#cb181d\" "
      "stroke-dasharray=\"4 3\"/>\n",
      n1(X(0)), n1(f.top), n1(bottom));
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\"/>\n",
      n1(f.left), n1(f.top), n1(f.plot_w()), n1(f.plot_h()));
  s += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">ROI over {} months, % "
      "(bars: percentile; whiskers: 95 % confidence interval; dashed: break-even)</text>\n",
      n1(f.left + f.plot_w() / 2), n1(f.height - 16), r.horizon_months);
  s += "</svg>\n";
  return s;
}

std::vector<std::string> compare_folder_names(const std::vector<SimulationResults>& all) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (const auto& r : all) {
    std::string base = !r.business.empty() ? r.business
                       : !r.file.empty()   ? fs::path(r.file).stem().string()
                                           : std::string();
    std::string clean;
    for (const char c : base) {
      const auto u = static_cast<unsigned char>(c);
      const bool ok = u >= 0x80 || std::isalnum(u) != 0 || c == '.' || c == '_' || c == '-';
      clean.push_back(ok ? c : '_');
    }
    if (!clean.empty() && clean.front() == '.') clean.front() = '_';
    if (clean.empty()) clean = "scenario";
    std::string name = clean;
    for (int k = 2; used.count(name) != 0; ++k) name = fmt::format("{}-{}", clean, k);
    used.insert(name);
    names.push_back(name);
  }
  return names;
}

std::vector<fs::path> write_report_dir(const fs::path& dir, const SimulationResults& r) {
  ensure_directory(dir);
  std::vector<fs::path> written;
  for (const Format format : {Format::json, Format::markdown, Format::csv, Format::table}) {
    const fs::path path = dir / fmt::format("report.{}", file_extension(format));
    write_file_atomic(path, render(format, r));
    written.push_back(path);
  }
  written.push_back(dir / "fan.svg");
  write_file_atomic(written.back(), fan_chart_svg(r));
  written.push_back(dir / "percentiles.svg");
  write_file_atomic(written.back(), percentile_chart_svg(r));
  return written;
}

std::vector<fs::path> write_compare_dir(const fs::path& dir,
                                        const std::vector<SimulationResults>& all) {
  ensure_directory(dir);
  std::vector<fs::path> written;
  for (const Format format : {Format::json, Format::markdown, Format::csv, Format::table}) {
    const fs::path path = dir / fmt::format("compare.{}", file_extension(format));
    write_file_atomic(path, render_compare(format, all));
    written.push_back(path);
  }
  const std::vector<std::string> names = compare_folder_names(all);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto sub = write_report_dir(dir / names[i], all[i]);
    written.insert(written.end(), sub.begin(), sub.end());
  }
  return written;
}

}  // namespace simroi
