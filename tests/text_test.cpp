// Translatable text and locales (include/simroi/core/text.h, locale.h): the
// seam a Russian catalogue plugs into, proven here with a test catalogue.
#include "simroi/core/text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

namespace simroi {

namespace detail {
// tests/data/i18n/ru.po, compiled by msgfmt and built into the test binary by
// simroi_embed_catalogs (tests/CMakeLists.txt), as po/*.po are built into simroi.
std::vector<MoFile> test_mo_files();
}  // namespace detail

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
  // The empty id is the catalogue's header in gettext: an empty label stays empty.
  EXPECT_EQ(ru.catalog->find("", ""), std::nullopt);
  EXPECT_EQ(Text().render(ru), "");
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

// ----- the real mechanism: a .mo file read through Boost.Locale -------------

std::shared_ptr<const Catalog> test_mo_catalog() {
  for (const MoFile& f : detail::test_mo_files()) {
    if (f.language == "ru") return mo_catalog(f.bytes);
  }
  return nullptr;
}

TEST(MoCatalog, TheTestCatalogueIsBuiltIn) {
  const auto files = detail::test_mo_files();
  ASSERT_EQ(files.size(), 1U);
  EXPECT_EQ(files[0].language, "ru");
  // A .mo file starts with its magic number, 0x950412de in either byte order.
  ASSERT_GE(files[0].bytes.size(), 4U);
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(files[0].bytes[i]); };
  EXPECT_TRUE((b(0) == 0xde && b(3) == 0x95) || (b(0) == 0x95 && b(3) == 0xde));
}

TEST(MoCatalog, TranslatesReordersAndKeepsContexts) {
  const Locale ru = Locale::russian(test_mo_catalog());
  ASSERT_TRUE(ru.catalog);
  EXPECT_EQ(tr("unknown key '{}'", "baselin").render(ru), "неизвестный ключ «baselin»");
  EXPECT_EQ(tr("{} is above {}", "min", "max").render(ru), "max меньше, чем min");
  EXPECT_EQ(trc("table header", "mean").render(ru), "среднее");
  // The empty id is the catalogue's header in gettext: an empty label stays empty.
  EXPECT_EQ(ru.catalog->find("", ""), std::nullopt);
  EXPECT_EQ(Text().render(ru), "");
  EXPECT_EQ(tr("mean").render(ru), "mean");  // the context is part of the key
  EXPECT_EQ(tr("not in the catalogue {}", 3).render(ru), "not in the catalogue 3");
  // msgfmt leaves fuzzy entries out of the .mo: English.
  EXPECT_EQ(tr("a fuzzy entry").render(ru), "a fuzzy entry");
}

TEST(MoCatalog, PluralFormsFollowTheFilesPluralFormsHeader) {
  const Locale ru = Locale::russian(test_mo_catalog());
  auto runs = [&](std::int64_t n) { return trn("{} run", "{} runs", n, Count{n}).render(ru); };
  for (const std::int64_t n : {1, 21, 101, 1001, 2'000'000'001}) {
    EXPECT_EQ(runs(n).substr(runs(n).rfind(' ') + 1), "прогон") << n;
  }
  for (const std::int64_t n : {2, 3, 4, 22, 104}) {
    EXPECT_EQ(runs(n).substr(runs(n).rfind(' ') + 1), "прогона") << n;
  }
  for (const std::int64_t n : {0, 5, 11, 12, 14, 111, 1000}) {
    EXPECT_EQ(runs(n).substr(runs(n).rfind(' ') + 1), "прогонов") << n;
  }
  EXPECT_EQ(runs(5), "5 прогонов");
  EXPECT_EQ(runs(1000), "1\u00A0000 прогонов");
  // Counts beyond int keep their last digits for the rule.
  EXPECT_EQ(runs(10'000'000'021), "10\u00A0000\u00A0000\u00A0021 прогон");
  EXPECT_EQ(runs(5'000'000'003), "5\u00A0000\u00A0000\u00A0003 прогона");
  EXPECT_EQ(runs(10'000'000'012), "10\u00A0000\u00A0000\u00A0012 прогонов");
  EXPECT_EQ(runs(-2), "-2 прогона");
}

TEST(MoCatalog, RejectsWhatIsNotAMoFile) {
  EXPECT_THROW((void)mo_catalog(""), std::invalid_argument);
  EXPECT_THROW((void)mo_catalog("msgid \"x\"\nmsgstr \"y\"\n"), std::invalid_argument);
  // The magic number of a little-endian .mo file, then too few bytes for its header.
  const char cut_short[] = "\xde\x12\x04\x95\0\0\0\0 cut short";
  EXPECT_THROW((void)mo_catalog(std::string_view(cut_short, sizeof cut_short - 1)),
               std::invalid_argument);
}

TEST(MoCatalog, BuiltInCataloguesAreThePoFilesOfTheSourceTree) {
  namespace fs = std::filesystem;
  for (const Language l : {Language::en, Language::ru}) {
    const bool has_po =
        fs::exists(fs::path(SIMROI_SOURCE_DIR) / "po" / (std::string(to_string(l)) + ".po"));
    EXPECT_EQ(builtin_catalog(l) != nullptr, has_po) << to_string(l);
    EXPECT_EQ(Locale::for_language(l).catalog, builtin_catalog(l)) << to_string(l);
    EXPECT_EQ(Locale::for_language(l).language, l);
  }
  EXPECT_EQ(Locale::for_language(Language::ru).decimal_separator, ",");
  EXPECT_EQ(Locale::for_language(Language::en).decimal_separator, ".");
}

TEST(RussianCatalog, PluralFormsAreOneFewMany) {
  const Locale ru = Locale::for_language(Language::ru);
  ASSERT_NE(ru.catalog, nullptr);
  const auto months = [&](std::int64_t n) {
    return trn("{} month", "{} months", n, Count{n}).render(ru);
  };
  EXPECT_EQ(months(1), "1 месяц");
  EXPECT_EQ(months(2), "2 месяца");
  EXPECT_EQ(months(4), "4 месяца");
  EXPECT_EQ(months(5), "5 месяцев");
  EXPECT_EQ(months(11), "11 месяцев");
  EXPECT_EQ(months(12), "12 месяцев");
  EXPECT_EQ(months(21), "21 месяц");
  EXPECT_EQ(months(22), "22 месяца");
  EXPECT_EQ(months(111), "111 месяцев");
  EXPECT_EQ(months(1500), "1\u00A0500 месяцев");
}

TEST(RussianCatalog, TranslatesContextsAndKeepsNumbersRussian) {
  const Locale ru = Locale::for_language(Language::ru);
  EXPECT_EQ(trc("table header", "mean").render(ru), "среднее");
  // The empty id is the catalogue's header in gettext: an empty label stays empty.
  EXPECT_EQ(ru.catalog->find("", ""), std::nullopt);
  EXPECT_EQ(Text().render(ru), "");
  EXPECT_EQ(tr("Net profit").render(ru), "Чистый эффект");
  EXPECT_EQ(tr("NPV").render(ru), "ЧДД");
  EXPECT_EQ(ru.money(1500, "RUB"), "1\u00A0500\u00A0₽");
  EXPECT_EQ(ru.percent(11, 1), "11,0\u00A0%");
  EXPECT_EQ(ru.number(4.2, 1), "4,2");
  // Numbered placeholders reorder the arguments.
  EXPECT_EQ(
      tr("{} is outside the valid range of {} {}{}", 1.5, "baseline.no_show_rate", "[0, 1]", "")
          .render(ru),
      "1.5 — вне допустимого диапазона [0, 1] для baseline.no_show_rate");
}

TEST(Locale, ParseLanguage) {
  EXPECT_EQ(parse_language("en"), Language::en);
  EXPECT_EQ(parse_language("ru"), Language::ru);
  EXPECT_EQ(parse_language("russian"), Language::ru);
  EXPECT_EQ(parse_language("fr"), std::nullopt);
  EXPECT_EQ(parse_language(""), std::nullopt);
  for (const Language l : {Language::en, Language::ru}) EXPECT_EQ(parse_language(to_string(l)), l);
}

TEST(Locale, MoneyAndPercent) {
  const Locale en = Locale::english();
  const Locale ru = Locale::russian(nullptr);
  EXPECT_EQ(en.money(225000, "RUB"), "225\u00A0000\u00A0₽");
  EXPECT_EQ(ru.money(-8750.4, "RUB"), "-8\u00A0750\u00A0₽");
  EXPECT_EQ(en.money(-0.3, "USD"), "0\u00A0USD");
  EXPECT_EQ(en.percent(250, 1), "250.0\u00A0%");
  EXPECT_EQ(ru.percent(11, 1), "11,0\u00A0%");
  EXPECT_EQ(en.percent(1500, 0), "1500\u00A0%");  // percentages are not grouped
  EXPECT_EQ(en.percent(std::numeric_limits<double>::quiet_NaN(), 1), "—");
  EXPECT_EQ(tr("{} or {}", Money{1500, "RUB"}, Percent{4.25, 1}).render(ru),
            "1\u00A0500\u00A0₽ or 4,2\u00A0%");
  EXPECT_EQ(currency_symbol("RUB"), "₽");
  EXPECT_EQ(currency_symbol("EUR"), "EUR");
}

}  // namespace
}  // namespace simroi
