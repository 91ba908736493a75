// Scenario templates for `simroi new` (include/simroi/scenario/templates.h).
// The numbers are shared/domain.md's "Typical inputs" (min / most likely /
// max) for each business type: the owner's own numbers (leads, conversion,
// no-shows, check, free slots) fixed at the typical value, to be replaced;
// uncertainty where the owner really is unsure (the assistant's effects, its
// costs, the value of time, retention). docs/scenarios.md explains each.
#include "simroi/scenario/templates.h"

#include <cmath>

#include "simroi/core/error.h"
#include "simroi/scenario/validate.h"

namespace simroi {

namespace {

struct Range {
  double lo, mode, hi;
};

/// One plausible business of a type (domain.md; [A] where marked there).
struct Typical {
  BusinessType type;
  Range leads;                // a month; the mode is the template's fixed value
  Range conversion;           // c0
  Range no_show;              // s0
  Range check;                // A, RUB
  Range margin;               // m [A]
  Range first_visit;          // A1 as a share of A [A]
  Range lead_growth;          // g
  Range uplift;               // u, relative
  Range no_show_cut;          // r
  Range hours;                // h [A], triangular
  Range implementation;       // I, RUB
  Range monthly;              // M, RUB a month
  Range hourly;               // w [A], RUB
  Range repeat;               // q [A]
  double churn_lo, churn_hi;  // k [A], uniform
  double spare_visits;        // F [A]
};

// clang-format off
constexpr Typical kTypical[] = {
  {BusinessType::salon, {60, 150, 400}, {0.35, 0.50, 0.65}, {0.08, 0.15, 0.25}, {1500, 2300, 3500},
   {0.40, 0.45, 0.50}, {0.7, 0.85, 1.0}, {-0.05, 0.10, 0.30}, {-0.05, 0.10, 0.25}, {0, 0.20, 0.35},
   {20, 40, 80}, {30000, 80000, 250000}, {5000, 15000, 35000}, {250, 350, 500},
   {0.2, 0.3, 0.4}, 0.10, 0.20, 60},
  {BusinessType::clinic, {80, 200, 500}, {0.35, 0.50, 0.65}, {0.10, 0.18, 0.30}, {2000, 3500, 6000},
   {0.45, 0.50, 0.55}, {0.5, 0.7, 1.0}, {-0.05, 0.10, 0.30}, {-0.05, 0.10, 0.25}, {0, 0.23, 0.35},
   {30, 60, 120}, {50000, 120000, 300000}, {8000, 20000, 45000}, {300, 400, 550},
   {0.1, 0.15, 0.25}, 0.15, 0.25, 80},
  {BusinessType::dental, {50, 120, 300}, {0.30, 0.45, 0.60}, {0.10, 0.18, 0.30}, {4000, 8000, 20000},
   {0.40, 0.45, 0.50}, {0.0, 0.15, 0.4}, {-0.05, 0.10, 0.30}, {-0.05, 0.10, 0.25}, {0, 0.23, 0.35},
   {20, 40, 80}, {50000, 120000, 300000}, {8000, 20000, 45000}, {300, 400, 550},
   {0.05, 0.10, 0.20}, 0.08, 0.20, 40},
  {BusinessType::fitness, {40, 100, 250}, {0.25, 0.40, 0.55}, {0.15, 0.25, 0.40}, {2500, 4000, 7000},
   {0.60, 0.70, 0.80}, {0.0, 0.075, 0.25}, {-0.05, 0.10, 0.30}, {-0.05, 0.12, 0.30}, {0, 0.20, 0.35},
   {15, 30, 60}, {30000, 80000, 200000}, {5000, 15000, 30000}, {250, 350, 500},
   {0.25, 0.35, 0.45}, 0.10, 0.20, 50},
  {BusinessType::home_services, {50, 120, 300}, {0.20, 0.35, 0.50}, {0.03, 0.07, 0.12}, {3000, 5000, 10000},
   {0.35, 0.40, 0.45}, {0.8, 0.9, 1.0}, {-0.05, 0.10, 0.30}, {-0.05, 0.15, 0.30}, {0, 0.15, 0.30},
   {15, 30, 60}, {30000, 70000, 200000}, {5000, 12000, 30000}, {250, 350, 500},
   {0.03, 0.05, 0.10}, 0.08, 0.15, 40},
  {BusinessType::tutor, {10, 30, 80}, {0.20, 0.35, 0.50}, {0.05, 0.12, 0.20}, {1000, 1500, 2500},
   {0.75, 0.80, 0.85}, {0.0, 0.5, 1.0}, {-0.05, 0.10, 0.25}, {-0.05, 0.08, 0.20}, {0, 0.15, 0.30},
   {3, 8, 15}, {0, 15000, 50000}, {1000, 3000, 8000}, {500, 1000, 1500},
   {3.0, 4.0, 5.0}, 0.15, 0.25, 20},
};
// clang-format on

const Typical& typical(BusinessType type) {
  for (const auto& t : kTypical) {
    if (t.type == type) return t;
  }
  return kTypical[0];
}

// A round number of roubles (the template's first-visit check).
double roubles(double v) {
  return std::round(v);
}

Text check_source(BusinessType type) {
  switch (type) {
    case BusinessType::salon:
      return tr("[M] salon checks 2,300-2,900 RUB (YuMoney/Evotor 2025); put your own average");
    case BusinessType::clinic:
      return tr("[A] a clinic visit 2,000-6,000 RUB (shared/domain.md); put your own average");
    case BusinessType::dental:
      return tr("[M] dental check 6,400 RUB in 2020 (Platforma OFD), higher since; put your own");
    case BusinessType::fitness:
      return tr("[M] membership median 3,980 RUB a month: here a \"visit\" is a paid month");
    case BusinessType::home_services:
      return tr("[M] cleaning 4,200-9,200 RUB an order; put your own average order");
    case BusinessType::tutor:
      return tr("[M] about 2,000 RUB a lesson; put your own price of a lesson");
  }
  return {};
}

Text first_visit_source(BusinessType type) {
  switch (type) {
    case BusinessType::salon:
      return tr("[A] a new client often comes for one service or with a first-visit discount");
    case BusinessType::clinic:
      return tr("[A] a first consultation costs less than an average visit with tests");
    case BusinessType::dental:
      return tr("[A] the first visit is a consultation (often free), not the treatment");
    case BusinessType::fitness:
      return tr("[A] the first visit is a trial, free or a few hundred roubles");
    case BusinessType::home_services:
      return tr("[A] the first order is a full order, sometimes with a discount");
    case BusinessType::tutor:
      return tr("[A] the first lesson is a trial, free or half price");
  }
  return {};
}

Text retention_source(BusinessType type) {
  switch (type) {
    case BusinessType::salon:
      return tr("[A] a regular client comes every 3-4 months: 0.2-0.4 visits a month");
    case BusinessType::clinic:
      return tr("[A] follow-up visits: 0.1-0.25 a month per retained patient");
    case BusinessType::dental:
      return tr("[A] the rest of a treatment plan and check-ups: 0.05-0.2 visits a month");
    case BusinessType::fitness:
      return tr("[A] 25-45 % of trial visitors buy a membership: paid months per trial visitor");
    case BusinessType::home_services:
      return tr("[A] an occasional repeat order: 0.03-0.1 a month");
    case BusinessType::tutor:
      return tr("[A] a student who stays takes about one lesson a week");
  }
  return {};
}

Text capacity_source(BusinessType type) {
  switch (type) {
    case BusinessType::salon:
      return tr("[A] free chair slots a month today; count yours in the booking calendar");
    case BusinessType::clinic:
    case BusinessType::dental:
      return tr("[A] free appointment slots a month today; count yours in the schedule");
    case BusinessType::fitness:
      return tr("[A] memberships the studio can still sell a month without crowding the classes");
    case BusinessType::home_services:
      return tr("[A] orders a month the crews can still take");
    case BusinessType::tutor:
      return tr("[A] free lesson hours a month; a tutor's week fills up quickly");
  }
  return {};
}

// A share as a whole percentage in the comments: 0.35 -> "35 %".
Percent pct(double share) {
  return Percent{share * 100.0, 0};
}

Distribution pert(const Range& r) {
  return Distribution::pert(r.lo, r.mode, r.hi);
}

}  // namespace

const std::vector<BusinessTypeInfo>& business_types() {
  static const std::vector<BusinessTypeInfo> types{
      {BusinessType::salon, "salon", N_("beauty salon or barbershop: chairs and masters")},
      {BusinessType::clinic, "clinic", N_("medical clinic: appointments with doctors")},
      {BusinessType::dental, "dental", N_("dental office: consultations and treatment plans")},
      {BusinessType::fitness, "fitness", N_("fitness studio: trial visits and memberships")},
      {BusinessType::home_services, "home_services",
       N_("home services: cleaning, repairs, orders at the client's home")},
      {BusinessType::tutor, "tutor", N_("private tutor: trial lessons and regular students")},
  };
  return types;
}

std::optional<BusinessType> find_business_type(std::string_view name) noexcept {
  for (const auto& t : business_types()) {
    if (t.name == name) return t.type;
  }
  return std::nullopt;
}

ScenarioTemplate scenario_template(BusinessType type, const OwnerNumbers& owner) {
  const Typical& t = typical(type);
  std::string_view type_name;
  Text description;
  for (const auto& info : business_types()) {
    if (info.type == type) {
      type_name = info.name;
      description = tr(info.description);
    }
  }
  ScenarioTemplate out;
  Scenario& s = out.scenario;
  s.name = std::string(type_name) + " (simroi new)";
  s.business = std::string(type_name);
  s.currency = "RUB";
  s.horizon_months = 12;
  s.ramp_up_months = 2;
  s.conversion_after_given = false;
  s.first_visit_check_given = true;
  s.capacity_given = true;
  for (const auto& in : input_table())
    s.inputs[index(in.id)] = Distribution::fixed(in.default_value);
  auto set = [&](Input id, Distribution d, Text note) {
    s.inputs[index(id)] = std::move(d);
    out.input_notes[index(id)] = std::move(note);
  };
  const Text yours = tr("[owner] your own number");

  const double leads = owner.leads_per_month.value_or(t.leads.mode);
  set(Input::leads_per_month, Distribution::fixed(leads),
      owner.leads_per_month
          ? yours
          : tr("[A] typical for this business {} to {} a month; put yours (CRM, call log)",
               t.leads.lo, t.leads.hi));
  const double conversion = owner.booking_conversion.value_or(t.conversion.mode);
  set(Input::booking_conversion, Distribution::fixed(conversion),
      owner.booking_conversion
          ? yours
          : tr("[A] typical {} to {} of leads book; put yours (bookings / leads)",
               pct(t.conversion.lo), pct(t.conversion.hi)));
  set(Input::no_show_rate, Distribution::fixed(t.no_show.mode),
      tr("[S] no-shows average about 23 % across 105 studies (Dantas et al. 2018); typical here "
         "{} to {}; put yours from the booking system",
         pct(t.no_show.lo), pct(t.no_show.hi)));
  const double check = owner.average_check.value_or(t.check.mode);
  set(Input::average_check, Distribution::fixed(check),
      owner.average_check ? yours : check_source(type));
  set(Input::gross_margin, pert(t.margin),
      tr("[A] materials and the specialist's share are not profit; typical {} to {}",
         pct(t.margin.lo), pct(t.margin.hi)));
  set(Input::first_visit_check,
      Distribution::pert(roubles(t.first_visit.lo * check), roubles(t.first_visit.mode * check),
                         roubles(t.first_visit.hi * check)),
      first_visit_source(type));

  set(Input::lead_growth, pert(t.lead_growth),
      tr("[W] the article claims +15-40 %; [M] a reply within an hour qualifies ~7x more leads "
         "(HBR 2011), ~30 % of chats go unanswered (Callibri); [S] a bot can also lose buyers "
         "(Luo et al. 2019): from below 0"));
  set(Input::booking_conversion_uplift, pert(t.uplift),
      tr("[A] typical relative uplift 0 to {}, widened below 0 (Luo et al. 2019 [S])",
         pct(t.uplift.hi)));
  set(Input::no_show_reduction, pert(t.no_show_cut),
      tr("[M] SMS reminders: risk ratio 0.77, about 23 % fewer no-shows; [S] a randomised trial "
         "39.8 % -> 26.3 %"));
  set(Input::manager_hours_saved, Distribution::triangular(t.hours.lo, t.hours.mode, t.hours.hi),
      tr("[A] hours no longer spent answering and confirming; [S] AI help raised resolutions "
         "per hour by 14-15 % (Brynjolfsson, Li & Raymond): hours saved, not staff replaced"));
  set(Input::implementation, pert(t.implementation),
      tr("[W] chatbot projects in Russia: from 30k RUB (simple) to over 2M RUB (custom AI with "
         "CRM); ask for a quote"));
  set(Input::monthly, pert(t.monthly),
      tr("[W] the article: about 5k RUB a month of support; [A] subscription, support, CRM "
         "integration"));
  set(Input::per_lead, Distribution::uniform(0.5, 10),
      tr("[A] model usage, about 0.5-10 RUB per booking conversation on small models"));
  set(Input::manager_hourly_cost, pert(t.hourly),
      tr("[A] an administrator's hour with taxes; money only if payroll falls: see the report's "
         "cash view"));
  set(Input::discount_rate_annual, Distribution::fixed(0.18),
      tr("[A] about the Bank of Russia key rate, for NPV"));
  set(Input::repeat_visits_per_month, pert(t.repeat), retention_source(type));
  set(Input::monthly_churn, Distribution::uniform(t.churn_lo, t.churn_hi),
      tr("[A] share of the retained extra clients lost each month"));
  set(Input::spare_visits_per_month,
      Distribution::fixed(owner.spare_visits_per_month.value_or(t.spare_visits)),
      owner.spare_visits_per_month ? yours : capacity_source(type));

  s.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 0.3}};
  s.simulation.runs = 100'000;
  s.simulation.seed = 42;

  out.header_notes = {
      tr("Template: {}. One plausible business of this type; replace the [owner] and typical "
         "numbers with your own, keep ranges where you are unsure.",
         description),
      tr("Evidence: [S] official docs or peer-reviewed study, [M] named industry data, [W] blog "
         "or vendor claim, [A] assumption, [owner] your own number (docs/scenarios.md)."),
  };
  std::vector<Diagnostic> problems = validate(s);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return out;
}

std::string write_template(const ScenarioTemplate& t, const Locale& locale) {
  WriteOptions options;
  options.locale = locale;
  options.header_notes = t.header_notes;
  options.input_notes = t.input_notes;
  return write_scenario(t.scenario, options);
}

}  // namespace simroi
