// Number and text formatting shared by the reporters (include/simroi/report/format.h).
#include "simroi/report/format.h"

#include <gtest/gtest.h>

#include <limits>

namespace simroi {
namespace {

const std::string kNb = "\u00A0";  // no-break space
const Locale en = Locale::english();
const Locale ru = Locale::russian(nullptr);

TEST(FormatMoney, GroupsThousandsAndAddsTheSymbol) {
  EXPECT_EQ(format_money(225000, "RUB", en), "225" + kNb + "000" + kNb + "₽");
  EXPECT_EQ(format_money(-8750, "RUB", en), "-8" + kNb + "750" + kNb + "₽");
  EXPECT_EQ(format_money(1234567.6, "USD", en), "1" + kNb + "234" + kNb + "568" + kNb + "USD");
  EXPECT_EQ(format_money(999.4, "RUB", en), "999" + kNb + "₽");
  EXPECT_EQ(format_money(-0.3, "RUB", en), "0" + kNb + "₽");  // never "-0"
  EXPECT_EQ(format_money(std::numeric_limits<double>::infinity(), "RUB", en), kNotAvailable);
}

TEST(FormatNumbers, FixedPercentGrouped) {
  EXPECT_EQ(format_fixed(24.0 / 17.0, 1, en), "1.4");
  EXPECT_EQ(format_fixed(-0.04, 1, en), "0.0");
  EXPECT_EQ(format_percent(250, 1, en), "250.0" + kNb + "%");
  EXPECT_EQ(format_probability(0.1234, 1, en), "12.3" + kNb + "%");
  EXPECT_EQ(format_grouped(1234.5, 1, en), "1" + kNb + "234.5");
  EXPECT_EQ(format_grouped(-1000000, 0, en), "-1" + kNb + "000" + kNb + "000");
  EXPECT_EQ(format_grouped(100, 0, en), "100");
}

TEST(FormatNumbers, SignedKeepsTheSignOfTheValue) {
  EXPECT_EQ(format_signed(0.62, 2, en), "+0.62");
  EXPECT_EQ(format_signed(-0.314, 2, en), "-0.31");
  EXPECT_EQ(format_signed(0.0, 2, en), "+0.00");
  EXPECT_EQ(format_signed(-0.001, 2, en), "-0.00");  // as printf's %+.2f: a small negative
  EXPECT_EQ(format_signed(-0.314, 2, ru), "-0,31");
  EXPECT_EQ(format_signed(std::numeric_limits<double>::quiet_NaN(), 2, en), kNotAvailable);
}

TEST(FormatNumbers, TheLocaleChoosesTheSeparators) {
  EXPECT_EQ(format_money(1500, "RUB", ru), "1" + kNb + "500" + kNb + "₽");
  EXPECT_EQ(format_percent(11, 1, ru), "11,0" + kNb + "%");
  EXPECT_EQ(format_probability(0.1234, 1, ru), "12,3" + kNb + "%");
  EXPECT_EQ(format_fixed(24.0 / 17.0, 1, ru), "1,4");
  EXPECT_EQ(format_grouped(-1234567.25, 1, ru), "-1" + kNb + "234" + kNb + "567,2");
  Locale swiss = Locale::english();
  swiss.thousands_separator = "'";
  EXPECT_EQ(format_grouped(1234567, 0, swiss), "1'234'567");
  EXPECT_EQ(format_money(1234567, "CHF", swiss), "1'234'567" + kNb + "CHF");
  EXPECT_EQ(format_percent(1234.5, 1, swiss), "1234.5" + kNb + "%");  // never grouped
}

TEST(FormatNumbers, PercentileKeysAreMinimal) {
  EXPECT_EQ(percentile_key(5), "5");
  EXPECT_EQ(percentile_key(50), "50");
  EXPECT_EQ(percentile_key(2.5), "2.5");
  EXPECT_EQ(percentile_key(99.9), "99.9");
  EXPECT_EQ(percentile_key(0), "0");
  EXPECT_EQ(percentile_key(100), "100");
  EXPECT_EQ(format_round_trip(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_round_trip(std::numeric_limits<double>::quiet_NaN()), "");
}

TEST(DisplayWidth, CountsCodePoints) {
  EXPECT_EQ(display_width("abc"), 3U);
  EXPECT_EQ(display_width("₽"), 1U);
  EXPECT_EQ(display_width("Салон"), 5U);
  EXPECT_EQ(display_width("▇▇"), 2U);
  EXPECT_EQ(pad_left("₽", 3), "  ₽");
  EXPECT_EQ(pad_right("Са", 4), "Са  ");
  EXPECT_EQ(pad_left("long", 2), "long");
}

TEST(Escaping, CsvMarkdownXml) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
  // Only what markdown would read as markup (item 9 of issue 11: no stray
  // backslashes in ordinary text).
  EXPECT_EQ(markdown_escape("a|b_c*"), "a|b_c\\*");
  EXPECT_EQ(markdown_escape("a|b_c*", true), "a\\|b_c\\*");
  EXPECT_EQ(markdown_escape("assistant.lead_growth"), "assistant.lead_growth");
  EXPECT_EQ(markdown_escape("_x_ and __init"), "\\_x\\_ and \\_\\_init");
  EXPECT_EQ(markdown_escape("Losing money, P(ROI < 0)"), "Losing money, P(ROI < 0)");
  EXPECT_EQ(markdown_escape("<b>bold</b>"), "\\<b>bold\\</b>");
  EXPECT_EQ(markdown_escape("Payback \"> 12\": in that share"), "Payback \"> 12\": in that share");
  EXPECT_EQ(markdown_escape("> 12", true), "> 12");
  EXPECT_EQ(markdown_escape("> 12"), "\\> 12");
  EXPECT_EQ(markdown_escape("# 1"), "\\# 1");
  EXPECT_EQ(markdown_escape("+ means ROI rises, - that it falls; |rho|"),
            "\\+ means ROI rises, - that it falls; |rho|");
  EXPECT_EQ(markdown_escape("-8 750 ₽"), "-8 750 ₽");
  EXPECT_EQ(markdown_escape("[0, 1] and [a](b)"), "[0, 1] and [a\\](b)");
  EXPECT_EQ(markdown_escape("C:\\dir `x`"), "C:\\\\dir \\`x\\`");
  EXPECT_EQ(markdown_escape("two\nlines"), "two lines");
  EXPECT_EQ(xml_escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
}

TEST(TextTableTest, AlignedTextAndMarkdown) {
  TextTable t({"", "P5", "mean"},
              {TextTable::Align::left, TextTable::Align::right, TextTable::Align::right});
  t.add_row({"ROI", "250.0 %", "250.0 %"});
  t.add_row({"Net profit", format_money(225000, "RUB", en), format_money(-5, "RUB", en)});
  const std::string text = t.render_text("  ");
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos;
       start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 3U);
  for (const auto& l : lines) EXPECT_EQ(display_width(l), display_width(lines[0])) << l;
  EXPECT_EQ(t.render_markdown(),
            "|  | P5 | mean |\n| --- | ---: | ---: |\n| ROI | 250.0 % | 250.0 % |\n"
            "| Net profit | 225" +
                kNb + "000" + kNb + "₽ | -5" + kNb + "₽ |\n");
}

}  // namespace
}  // namespace simroi
