// The report's sections of model version 0.2 (docs/model.md, "Where the gain
// comes from" and "The cash view"): the mean gain by source and the headline
// numbers without the value of saved staff time. Built from SimulationResults
// like every section (build_report.cpp places them).
#include <cmath>

#include "report_layout.h"
#include "simroi/report/document.h"

namespace simroi::detail {

Section gain_by_source_section(const SimulationResults& r) {
  const GainBySource& g = r.gain_by_source;
  Section s;
  s.key = "gain_by_source";
  s.heading = tr("Where the gain comes from (mean over runs)");
  Table t;
  t.key = "gain_by_source";
  t.columns = {Column{"", Text(), Align::left},
               // TRANSLATORS: a column header: the mean over runs, in money
               Column{"mean", trc("table header", "mean"), Align::right},
               // TRANSLATORS: a column header: a source's share of the mean gain
               Column{"share", trc("table header", "share"), Align::right},
               Column{"se", trc("table header", "MC s.e."), Align::right}};
  const bool shares = g.total_gain > 0.0;
  auto row = [&](std::string key, Text label, const SourceMean& m, bool with_share) {
    t.rows.push_back({std::move(key),
                      {Cell::of_text(std::move(label)), Cell::money(m.mean, r.currency),
                       with_share && shares ? Cell::percent(m.mean / g.total_gain * 100.0, 1)
                                            : Cell::not_available(),
                       m.mean_se ? Cell::money(*m.mean_se, r.currency) : Cell::not_available()},
                      false});
  };
  row("more_leads", tr("More leads"), g.more_leads, true);
  row("better_conversion", tr("Better conversion"), g.better_conversion, true);
  row("fewer_no_shows", tr("Fewer no-shows"), g.fewer_no_shows, true);
  row("repeat_visits", tr("Repeat visits of the extra clients"), g.repeat_visits, true);
  row("staff_time", tr("Staff time saved (valued at the hourly cost)"), g.staff_time, true);
  t.rows.push_back({"total",
                    {Cell::of_text(tr("Total gain")), Cell::money(g.total_gain, r.currency),
                     shares ? Cell::percent(100.0, 1) : Cell::not_available(), Cell()},
                    false});
  if (g.capacity_given) {
    row("capacity_cut", tr("Cut off by capacity (wanted, not served)"), g.capacity_cut, false);
  }
  s.table = std::move(t);
  s.notes.push_back(
      tr("Means add up to the mean gain (medians would not); the first three split the extra "
         "first visits among the levers (Shapley rule)."));
  if (!shares) {
    s.notes.push_back(tr("The mean gain is not positive, so shares are not shown."));
  }
  return s;
}

Section cash_view_section(const SimulationResults& r) {
  const CashView& c = r.cash;
  Section s;
  s.key = "cash_view";
  s.heading = tr("Cash view: without the value of saved staff time");
  Table t;
  t.key = "cash_view";
  t.columns = {Column{"", Text(), Align::left},
               // TRANSLATORS: a column header: the headline numbers, time saved included
               Column{"with_time", trc("table header", "with time saved"), Align::right},
               // TRANSLATORS: a column header: the numbers without the value of saved time
               Column{"cash", trc("table header", "cash only"), Align::right}};
  t.rows.push_back({"roi_pct_mean",
                    {Cell::of_text(tr("Mean ROI")), Cell::percent(r.roi_pct.mean, 1),
                     Cell::percent(c.roi_pct.mean, 1)},
                    false});
  t.rows.push_back(
      {"net_profit_mean",
       {Cell::of_text(tr("Mean net profit")), Cell::money(r.net_profit.mean, r.currency),
        Cell::money(c.net_profit.mean, r.currency)},
       false});
  t.rows.push_back({"prob_roi_below_zero",
                    {Cell::of_text(tr("Losing money, P(ROI < 0)")),
                     Cell::probability(r.prob_roi_below_zero.value, 1),
                     Cell::probability(c.prob_roi_below_zero.value, 1)},
                    false});
  s.table = std::move(t);
  s.notes.push_back(
      tr("Saved hours are money only if payroll actually falls (fewer paid hours) or the time "
         "is sold; otherwise read the cash column."));
  return s;
}

}  // namespace simroi::detail
