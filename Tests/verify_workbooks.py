#!/usr/bin/env python3
"""Opens the workbooks gridplan writes in real readers, and fills in its starter workbook as a person
would, then plans and records from it. Run by scripts/test after `swift test`:

    python3 Tests/verify_workbooks.py PATH/TO/gridplan

Readers: openpyxl (needed; scripts/setup installs it with pip) and LibreOffice's
`soffice --headless --convert-to csv` where it is installed (skipped, and said so, where not).
Exits 1 on the first failed check.
"""
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
checks = 0


def check(cond, what):
    global checks
    if not cond:
        print("verify_workbooks: FAILED: " + what, file=sys.stderr)
        sys.exit(1)
    checks += 1


def run(binary, *args, expect=0):
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    check(r.returncode == expect, "gridplan %s exited %d, not %d:\n%s%s" % (" ".join(args), r.returncode, expect,
                                                                          r.stdout, r.stderr))
    return r


def reports(binary, tmp):
    out = os.path.join(tmp, "xinghe")
    run(binary, "plan", os.path.join(ROOT, "scenarios/xinghe/scenario.yaml"), "--out", out)
    plan = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
    stops = sum(len(r["stops"]) for r in plan["routes"])

    wb = openpyxl.load_workbook(os.path.join(out, "visits.xlsx"))
    ws = wb.worksheets[0]
    check(ws.freeze_panes == "A2", "visits.xlsx: header row frozen (%s)" % ws.freeze_panes)
    check(ws.auto_filter.ref == "A1:R%d" % (stops + 1), "visits.xlsx: autofilter %s" % ws.auto_filter.ref)
    check(ws.max_row == stops + 1, "visits.xlsx: one row per stop (%d rows, %d stops)" % (ws.max_row, stops))
    check(ws.column_dimensions["K"].width >= 20, "visits.xlsx: the address column is wide")
    first = [c.value for c in ws[2]]
    check(isinstance(first[0], dt.datetime), "visits.xlsx: A2 is a date cell (%r)" % first[0])
    check(isinstance(first[5], dt.time), "visits.xlsx: F2 is a time cell (%r)" % first[5])
    for row in ws.iter_rows(min_row=2):
        for c in row:
            check(c.data_type != "f", "visits.xlsx: %s is a formula" % c.coordinate)
            if isinstance(c.value, str):
                check(c.value[:1] not in "=+-@", "visits.xlsx: %s starts like a formula: %r" % (c.coordinate, c.value))
    phones = [r[13].value for r in ws.iter_rows(min_row=2) if r[13].value is not None]
    check(all(isinstance(p, str) for p in phones), "visits.xlsx: phones are text")

    wb = openpyxl.load_workbook(os.path.join(out, "roster.xlsx"))
    check(wb.sheetnames == ["周排班表", "未能按时完成"], "roster.xlsx sheets %s" % wb.sheetnames)
    week = wb["周排班表"]
    check(week.freeze_panes == "A2" and week.auto_filter.ref, "roster.xlsx: frozen header and autofilter")
    check(isinstance(week["C2"].value, dt.datetime), "roster.xlsx: C2 is a date cell")

    if shutil.which("soffice"):
        lo = os.path.join(tmp, "lo")
        subprocess.run(["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                        "--outdir", lo, os.path.join(out, "visits.xlsx")], capture_output=True, timeout=300)
        rows = list(csv.reader(open(os.path.join(lo, "visits.csv"), encoding="utf-8-sig")))
        check(len(rows) == stops + 1, "LibreOffice reads %d rows of visits.xlsx, not %d" % (len(rows), stops + 1))
        check(rows[0][0] == "日期" and rows[1][0] == plan["routes"][0]["date"],
              "LibreOffice shows the date cell as %r" % rows[1][0])
        print("verify_workbooks: LibreOffice opened visits.xlsx")
    else:
        print("verify_workbooks: LibreOffice not installed; checked with openpyxl only")


def round_trip(binary, tmp):
    d = os.path.join(tmp, "grid")
    run(binary, "init", d, "--xlsx", "--start", "2026-11-23")
    book = os.path.join(d, "台账.xlsx")
    wb = openpyxl.load_workbook(book)
    check(wb.sheetnames == ["住户", "巡查点", "走访记录", "走访结果"], "台账.xlsx sheets %s" % wb.sheetnames)
    h = wb["住户"]
    check([c.value for c in h[1]][:4] == ["编号", "姓名", "地址", "网格"], "台账.xlsx: Chinese headers")
    check(len(h.data_validations.dataValidation) >= 3, "台账.xlsx: drop-down lists on 住户")
    # Filled in as a grid head would: numbers for phones, a date cell for the last visit.
    h.append(["H002", "王德明", "幸福小区 5号楼 101室", "G01", 31.2491, 121.4063, "独居老人", "W01", None, None,
              None, dt.date(2026, 11, 18), 13912345678, "腿脚不便"])
    wb.save(book)
    yaml = os.path.join(d, "scenario.yaml")
    r = run(binary, "validate", yaml)
    check("2 households" in r.stdout, "the filled-in household is read: %s" % r.stdout)
    out = os.path.join(d, "week")
    run(binary, "plan", yaml, "--out", out)
    plan = json.load(open(os.path.join(out, "plan.json"), encoding="utf-8"))
    stop = next((rt, s) for rt in plan["routes"] for s in rt["stops"] if s["task"] == "H002")
    wb = openpyxl.load_workbook(book)
    wb["走访结果"].append(["H002", dt.date.fromisoformat(stop[0]["date"]), stop[0]["worker"], "拒访"])
    wb.save(book)
    run(binary, "record", yaml, "--plan", os.path.join(out, "plan.json"), "--results", book,
        "--results-sheet", "走访结果")
    ledger = open(os.path.join(d, "visits-outcomes.csv"), encoding="utf-8-sig").read()
    check("H002,%s,%s,refused" % (stop[0]["date"], stop[0]["worker"]) in ledger, "record wrote: %s" % ledger)
    run(binary, "validate", yaml)


def main():
    binary = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="gridplan-verify-")
    try:
        reports(binary, tmp)
        round_trip(binary, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("verify_workbooks: all %d checks passed (openpyxl %s)" % (checks, openpyxl.__version__))


if __name__ == "__main__":
    main()
