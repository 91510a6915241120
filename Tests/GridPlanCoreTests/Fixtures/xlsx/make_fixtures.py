#!/usr/bin/env python3
"""Makes the fixture workbooks of the .xlsx reader tests (see README.md beside this file).

    pip install openpyxl==3.1.5
    python3 make_fixtures.py            # writes ledger.xlsx, ledger-1904.xlsx, broken.xlsx
    # then, where LibreOffice is installed, ledger-libreoffice.xlsx (LibreOffice re-saves ledger.xlsx):
    soffice --headless --calc --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir lo ledger.xlsx
    mv lo/ledger.xlsx ledger-libreoffice.xlsx

openpyxl writes formulas without a cached value (it computes nothing), so after saving, this
script writes the value Excel would have cached into each formula cell (`add_cached_values`).
Everything else is openpyxl's own output. openpyxl 3.1 writes every string inline
(`<is><t>…</t></is>`); LibreOffice's copy has shared strings (`xl/sharedStrings.xml`) instead.
"""
import datetime as dt
import re
import shutil
import zipfile

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEADERS_HOUSEHOLDS = ["编号", "姓名", "地址", "网格", "纬度", "经度", "类别", "固定联系人", "时段", "可访日",
                      "时长（分钟）", "上次走访", "电话", "备注", "楼栋长", "需陪同", "预约时间"]


def ledger(path, epoch=None):
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "本台账供 gridplan 读取；此页隐藏。"
    notes.sheet_state = "hidden"

    h = wb.create_sheet("住户")
    h["A1"] = "星河世纪城第九微网格 特殊人群台账"
    h.merge_cells("A1:N1")
    h.append(HEADERS_HOUSEHOLDS)
    h.append(["H01", "张秀英", "星河世纪城 3号楼2单元501室", "XH-09", 31.2490, 121.4061, "独居老人；低保户", "W01",
              "09:00-11:30", None, None, dt.date(2026, 9, 15), 13912345678, "耳背, 请大声敲门", "王师傅", True,
              dt.time(9, 30)])
    # The grid is written once for H01 and H02 (a merged cell, as ledgers do).
    h.append(["H02", "李桂兰", "星河世纪城 5号楼1单元202室", None, 31.2493, 121.4066, "低保户", None,
              None, "mon;wed", "=15+15", dt.datetime(2026, 9, 1), "02161234567", None, None, False, None])
    h.merge_cells("D3:D4")
    h.append(["007", "王建军", "星河世纪城 7号楼", "XH-08", 31.2480, 121.4050, "独居老人", None,
              None, None, 25, dt.date(2026, 9, 10), 13800000007, None, None, None, None])
    h["L5"].number_format = "yyyy年m月d日"
    h["K3"].number_format = "0"
    # An empty, styled cell far right and below: trailing empty rows and columns.
    h.cell(row=40, column=26).fill = PatternFill("solid", fgColor="FFFF00")

    p = wb.create_sheet("巡查点")
    p.append(["编号", "名称", "网格", "纬度", "经度", "周期(天)", "时长", "时段", "上次巡查"])
    p.append(["P01", "消防通道 3号楼", "XH-09", 31.2486, 121.4057, 1, 10, None, None])
    p.append(["P02", "电动车充电棚", "XH-08", 31.2487, 121.4058, 7, 15, "13:30-17:00", dt.date(2026, 9, 18)])

    v = wb.create_sheet("走访记录")
    v.append(["任务", "日期", "网格员", "结果"])
    v.append(["H01", dt.date(2026, 9, 14), "W01", "done"])
    v.append(["P02", dt.date(2026, 9, 18), "W02", None])

    r = wb.create_sheet("结果")
    r.append(["任务", "日期", "网格员", "结果"])
    r.append(["H01", dt.date(2026, 9, 21), "W01", "不在家"])
    r.append(["P01", dt.date(2026, 9, 22), "W01", "done"])

    m = wb.create_sheet("距离")
    m.append(["起点", "终点", "分钟", "公里"])
    m.append(["XH-OFFICE", "H01", 6, 0.4])
    m.append(["H01", "XH-OFFICE", 6, 0.4])
    wb.save(path)


def broken(path):
    wb = openpyxl.Workbook()
    h = wb.active
    h.title = "住户"
    h.append(HEADERS_HOUSEHOLDS[:14])
    h.append(["B01", "甲", "", None, 31.2490, 121.4061, "独居老人", None, None, None, None, None, None, None])
    h.append(["B02", "乙", "", "XH-09", "北纬31度", 121.4061, "独居老人", None, None, None, None, None, None, None])
    h.append(["B03", "丙", "", "XH-09", 31.2490, 121.4061, "孤寡老人", None, None, None, None, "2026/13/01",
              None, None, "多余"])
    h.append(["B04", "丁", "", "XH-09", 31.2490, 121.4061, "独居老人", None, "9点到11点", None, 0, None, None, None])
    # A formula openpyxl saves without a value (nothing computed it).
    h.append(["B05", "戊", "", "XH-09", 31.2490, 121.4061, "独居老人", None, None, None, "=10+10", None, None, None])
    c = wb.create_sheet("缺列")
    c.append(["编号", "网格", "纬度", "类别"])
    c.append(["C01", "XH-09", 31.2490, "独居老人"])
    wb.save(path)


def add_cached_values(path, cached):
    """Writes a cached value into formula cells: {(sheet part, cell): value}."""
    rewrite(path, lambda name, xml: _cache(name, xml, cached))


def _cache(name, xml, cached):
    for (part, ref), value in cached.items():
        if name != part:
            continue
        xml = re.sub(r'(<c r="%s"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?' % ref,
                     lambda m: m.group(1) + m.group(2) + "<v>%s</v>" % value, xml)
    return xml


def rewrite(path, change):
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xml"):
                data = change(item.filename, data.decode()).encode()
            dst.writestr(item, data)
    shutil.move(tmp, path)


def damaged(source, path):
    """A copy of `source` whose 住户 sheet XML is cut off half-way (a download that broke off)."""
    shutil.copy(source, path)
    rewrite(path, lambda name, xml: xml[: len(xml) // 2] if name == "xl/worksheets/sheet2.xml" else xml)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["broken"]:  # only the broken workbooks, keeping the others' bytes
        broken("broken.xlsx")
        damaged("ledger.xlsx", "damaged.xlsx")
        sys.exit(0)
    ledger("ledger.xlsx")
    # Sheet order: 说明, 住户, 巡查点, … → 住户 is sheet2.xml.
    add_cached_values("ledger.xlsx", {("xl/worksheets/sheet2.xml", "K4"): 30})
    ledger("ledger-1904.xlsx", epoch=CALENDAR_MAC_1904)
    add_cached_values("ledger-1904.xlsx", {("xl/worksheets/sheet2.xml", "K4"): 30})
    broken("broken.xlsx")
    damaged("ledger.xlsx", "damaged.xlsx")
