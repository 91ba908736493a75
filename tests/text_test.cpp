// Translatable text and locales (include/simroi/core/text.h, locale.h): the
// seam a Russian catalogue plugs into, proven here with a test catalogue.
#include "simroi/core/text.h"

#include <gtest/gtest.h>

#include <map>

namespace simroi {
namespace {

// The Russian plural rule of GNU gettext's ru.po header:
// n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2
int russian_form(std::int64_t n) {
  n = n < 0 ? -n : n;
  if (n % 10 == 1 && n % 100 != 11) return 0;
  if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20)) return 1;
  return 2;
}

class TestCatalog : public Catalog {
 public:
  std::map<std::pair<std::string, std::string>, std::string> singles;
  std::map<std::string, std::array<std::string, 3>> plurals;

  std::optional<std::string> find(std::string_view context, std::string_view id) const override {
    const auto it = singles.find({std::string(context), std::string(id)});
    if (it == singles.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> find_plural(std::string_view, std::string_view singular,
                                         std::string_view, std::int64_t n) const override {
    const auto it = plurals.find(std::string(singular));
    if (it == plurals.end()) return std::nullopt;
    return it->second[static_cast<std::size_t>(russian_form(n))];
  }
};

Locale test_russian() {
  auto c = std::make_shared<TestCatalog>();
  c->singles[{"", "unknown key '{}'"}] = "неизвестный ключ «{}»";
  c->singles[{"", "{} is above {}"}] = "{1} меньше, чем {0}";  // reordered
  c->singles[{"table header", "mean"}] = "среднее";
  c->singles[{"", "broken {"}] = "сломано {";
  c->singles[{"", "broken {}"}] = "сломано {5}";
  c->plurals["{} run"] = {"{} прогон", "{} прогона", "{} прогонов"};
  return Locale::russian(c);
}

TEST(Text, EnglishIsTheIdWithItsArguments) {
  EXPECT_EQ(tr("unknown key '{}'", "baselin").english(), "unknown key 'baselin'");
  EXPECT_EQ(tr("line {}", 12).english(), "line 12");
  EXPECT_EQ(tr("value {}", 0.9).english(), "value 0.9");
  EXPECT_EQ(tr("value {}", 1e-320).english(), "value 1e-320");
  EXPECT_EQ(tr("e.g. {{uniform: [a, b]}}").english(), "e.g. {uniform: [a, b]}");
}

TEST(Text, EnglishPluralByCount) {
  EXPECT_EQ(trn("{} run", "{} runs", 1, Count{1}).english(), "1 run");
  EXPECT_EQ(trn("{} run", "{} runs", 100000, Count{100000}).english(), "100\u00A0000 runs");
  EXPECT_EQ(trn("{} run", "{} runs", 0, Count{0}).english(), "0 runs");
}

TEST(Text, CatalogueTranslatesReordersAndKeepsContexts) {
  const Locale ru = test_russian();
  EXPECT_EQ(tr("unknown key '{}'", "baselin").render(ru), "неизвестный ключ «baselin»");
  EXPECT_EQ(tr("{} is above {}", "min", "max").render(ru), "max меньше, чем min");
  EXPECT_EQ(trc("table header", "mean").render(ru), "среднее");
  EXPECT_EQ(tr("mean").render(ru), "mean");  // no entry without the context: English
  EXPECT_EQ(tr("not in the catalogue {}", 3).render(ru), "not in the catalogue 3");
}

TEST(Text, RussianPluralFormsOneFewMany) {
  const Locale ru = test_russian();
  auto runs = [&](std::int64_t n) { return trn("{} run", "{} runs", n, Count{n}).render(ru); };
  EXPECT_EQ(runs(1), "1 прогон");
  EXPECT_EQ(runs(21), "21 прогон");
  EXPECT_EQ(runs(2), "2 прогона");
  EXPECT_EQ(runs(24), "24 прогона");
  EXPECT_EQ(runs(5), "5 прогонов");
  EXPECT_EQ(runs(11), "11 прогонов");
  EXPECT_EQ(runs(12), "12 прогонов");
  EXPECT_EQ(runs(111), "111 прогонов");
  EXPECT_EQ(runs(1000), "1\u00A0000 прогонов");
}

TEST(Text, NestedTextIsRenderedInTheSameLocale) {
  const Locale ru = test_russian();
  const Text t = tr("{}; {}", tr("unknown key '{}'", "x"), trn("{} run", "{} runs", 3, Count{3}));
  EXPECT_EQ(t.english(), "unknown key 'x'; 3 runs");
  EXPECT_EQ(t.render(ru), "неизвестный ключ «x»; 3 прогона");
}

TEST(Text, ABrokenTranslationFallsBackToEnglish) {
  const Locale ru = test_russian();
  EXPECT_EQ(tr("broken {}", 1).render(ru), "broken 1");
  EXPECT_EQ(tr("broken {").render(ru), "broken {");  // neither formats: the id as written
}

TEST(Text, VerbatimIsNeverTranslated) {
  const Locale ru = test_russian();
  EXPECT_EQ(Text::verbatim("mean {}").render(ru), "mean {}");
}

TEST(Locale, NumbersInEachLocale) {
  const Locale en = Locale::english();
  const Locale ru = Locale::russian(nullptr);
  EXPECT_EQ(en.number(1500.5, 1), "1\u00A0500.5");
  EXPECT_EQ(ru.number(1500.5, 1), "1\u00A0500,5");
  EXPECT_EQ(ru.number(11.0, 1), "11,0");
  EXPECT_EQ(ru.number(-1234567, 0), "-1\u00A0234\u00A0567");
  EXPECT_EQ(en.number(-0.04, 1), "0.0");
  EXPECT_EQ(en.number(999.96, 1), "1\u00A0000.0");
  EXPECT_EQ(en.number(1234.5, 1, false), "1234.5");
  EXPECT_EQ(en.number(std::numeric_limits<double>::infinity(), 1), "—");
  EXPECT_EQ(tr("{}", Number{4.25, 1}).render(ru), "4,2");  // round half to even in binary: 4.25
}

}  // namespace
}  // namespace simroi
