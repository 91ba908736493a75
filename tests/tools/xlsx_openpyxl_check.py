"""Read report.xlsx as a spreadsheet program would (openpyxl) and check it
against report.json of the same --out folder: the sheets, a few cells equal
to the JSON's numbers, their number formats (₽, %) and the native charts.

    python3 xlsx_openpyxl_check.py DIR LANG     (exit 0: every check passed)

Run by tests/report_xlsx_test.cpp (Xlsx.OpenpyxlReadsTheSameNumbersAsTheJson).
"""
import json
import sys

import openpyxl

folder, lang = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(f"{folder}/report.xlsx")
report = json.load(open(f"{folder}/report.json", encoding="utf-8"))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


names = {
    "ru": ["Сводка", "Процентили", "По месяцам", "Окупаемость", "Чувствительность",
           "Исходные данные"],
    "en": ["Summary", "Percentiles", "Monthly fan", "Payback", "Sensitivity", "Inputs"],
}[lang]
check(wb.sheetnames == names, f"sheets {wb.sheetnames}, expected {names}")
summary, percentiles, fan, payback, sensitivity, inputs = (wb[n] for n in names)


def find(ws, text):
    """The (row, column) of the first cell holding `text`."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    return None


def close(a, b):
    return isinstance(a, (int, float)) and abs(a - b) <= 1e-9 * max(1.0, abs(b))


# The outcomes table: ROI and net profit at P50, numbers with their formats.
metrics = report["metrics"]
header = find(percentiles, "P50")
roi_row = find(percentiles, "ROI")
net_row = find(percentiles, {"ru": "Чистый эффект", "en": "Net profit"}[lang])
check(header and roi_row and net_row, "the outcomes table's P50 column and rows")
if header and roi_row and net_row:
    roi = percentiles.cell(roi_row[0], header[1])
    net = percentiles.cell(net_row[0], header[1])
    # ROI is a fraction with a percent format: 250 % is 2.5.
    check(close(roi.value, metrics["roi_pct"]["percentiles"]["50"] / 100),
          f"ROI P50 {roi.value} vs {metrics['roi_pct']['percentiles']['50']}")
    check("%" in roi.number_format, f"ROI format {roi.number_format}")
    check(close(net.value, metrics["net_profit"]["percentiles"]["50"]),
          f"net P50 {net.value} vs {metrics['net_profit']['percentiles']['50']}")
    check("₽" in net.number_format, f"net profit format {net.number_format}")

# The fan: the last month's P50 of the cumulative net.
month_col = find(fan, {"ru": "месяц", "en": "month"}[lang])
check(month_col is not None, "the fan's month column")
if month_col:
    last = report["monthly"][-1]
    p50_col = None
    for c in range(1, fan.max_column + 1):
        if fan.cell(month_col[0], c).value == "P50":
            p50_col = c
    for r in range(month_col[0] + 1, fan.max_row + 1):
        if fan.cell(r, month_col[1]).value == last["month"] and p50_col:
            cell = fan.cell(r, p50_col)
            check(close(cell.value, last["cumulative_net"]["50"]),
                  f"fan month {last['month']} {cell.value}")
            check("₽" in cell.number_format, f"fan format {cell.number_format}")
            break
    else:
        check(False, "the fan's last month")

# The payback curve: every month's probability, a percent format.
curve = metrics["payback_months"]["by_month"]
top = find(payback, {"ru": "месяц", "en": "month"}[lang])
check(top is not None, "the payback sheet's month column")
if top:
    seen = 0
    for r in range(top[0] + 1, payback.max_row + 1):
        month = payback.cell(r, top[1]).value
        if not isinstance(month, (int, float)):
            break
        cell = payback.cell(r, top[1] + 1)
        check(close(cell.value, curve[int(month)]["probability"]),
              f"payback month {month}: {cell.value}")
        check("%" in cell.number_format, f"payback format {cell.number_format}")
        seen += 1
    check(seen == len(curve), f"payback months {seen} of {len(curve)}")

# Native charts: the ROI bars, the fan lines, the payback curve.
for ws in (percentiles, fan, payback):
    check(len(ws._charts) >= 1, f"no chart on {ws.title}")

for f in failures:
    print(f)
sys.exit(1 if failures else 0)
