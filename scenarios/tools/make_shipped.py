#!/usr/bin/env python3
"""Writes the shipped scenarios (xinghe, community, community-en, community-coldsnap).

The scenario files under scenarios/ are the product; this script is how they were made, kept so
that a change (one more grid, another week) is reproducible. It is deterministic (fixed seeds),
uses only the standard library and iconv, and prints each scenario's weekly load against its
capacity. Run from anywhere:  python3 scenarios/tools/make_shipped.py
"""

import csv
import datetime as dt
import io
import math
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
D = dt.date

# ---------------------------------------------------------------- names ----------------------------

SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
            ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"), ("林", "Lin"), ("何", "He"), ("郭", "Guo"),
            ("马", "Ma"), ("罗", "Luo"), ("梁", "Liang"), ("宋", "Song"), ("郑", "Zheng"), ("谢", "Xie"),
            ("韩", "Han"), ("唐", "Tang"), ("冯", "Feng"), ("于", "Yu"), ("董", "Dong"), ("萧", "Xiao"),
            ("程", "Cheng"), ("曹", "Cao"), ("袁", "Yuan"), ("邓", "Deng"), ("许", "Xu"), ("傅", "Fu"),
            ("沈", "Shen"), ("曾", "Zeng"), ("彭", "Peng"), ("吕", "Lyu"), ("蒋", "Jiang"), ("钱", "Qian"),
            ("陆", "Lu"), ("施", "Shi"), ("顾", "Gu"), ("金", "Jin"), ("范", "Fan"), ("俞", "Yu")]
OLD_GIVEN = [("桂英", "Guiying"), ("秀兰", "Xiulan"), ("玉珍", "Yuzhen"), ("凤英", "Fengying"), ("秀珍", "Xiuzhen"),
             ("美华", "Meihua"), ("兰芳", "Lanfang"), ("建国", "Jianguo"), ("国华", "Guohua"), ("德明", "Deming"),
             ("根宝", "Genbao"), ("阿林", "Alin"), ("志强", "Zhiqiang"), ("福生", "Fusheng"), ("金娣", "Jindi"),
             ("杏珍", "Xingzhen"), ("宝根", "Baogen"), ("月英", "Yueying"), ("素芬", "Sufen"), ("荣华", "Ronghua"),
             ("水根", "Shuigen"), ("雅琴", "Yaqin"), ("兴隆", "Xinglong"), ("善福", "Shanfu"), ("惠芳", "Huifang")]
MID_GIVEN = [("伟", "Wei"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"),
             ("勇", "Yong"), ("艳", "Yan"), ("杰", "Jie"), ("娟", "Juan"), ("涛", "Tao"), ("明", "Ming"),
             ("超", "Chao"), ("秀英", "Xiuying"), ("霞", "Xia"), ("平", "Ping"), ("刚", "Gang"), ("丽", "Li"),
             ("海燕", "Haiyan"), ("建华", "Jianhua"), ("晓东", "Xiaodong"), ("红梅", "Hongmei"), ("卫东", "Weidong"),
             ("志刚", "Zhigang"), ("春燕", "Chunyan"), ("立新", "Lixin"), ("文斌", "Wenbin"), ("丹", "Dan")]
KID_GIVEN = [("子涵", "Zihan"), ("梓轩", "Zixuan"), ("欣怡", "Xinyi"), ("浩然", "Haoran"), ("雨桐", "Yutong"),
             ("一诺", "Yinuo"), ("宇航", "Yuhang"), ("思彤", "Sitong"), ("俊熙", "Junxi"), ("可馨", "Kexin")]


def person(rng, kind):
    s = rng.choice(SURNAMES)
    g = rng.choice({"old": OLD_GIVEN, "mid": MID_GIVEN, "kid": KID_GIVEN}[kind])
    return s[0] + g[0], s[1] + " " + g[1]


def phone(rng):
    return rng.choice(["138", "139", "135", "136", "137", "150", "151", "158", "159", "186", "187", "189", "133",
                       "177"]) + "****" + "%04d" % rng.randrange(10000)


# ---------------------------------------------------------------- geometry -------------------------

def offset(lat, lon, east_m, north_m):
    return (round(lat + north_m / 111_195.0, 6),
            round(lon + east_m / (111_195.0 * math.cos(math.radians(lat))), 6))


def haversine_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------- calendar -------------------------

WD = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def horizon_days(start, days):
    return [start + dt.timedelta(days=i) for i in range(days)]


def is_working(d, weekdays, holidays, extra):
    return d not in holidays and (WD[d.weekday()] in weekdays or d in extra)


def min_visits(last, every, gap, workdays, allowed):
    """Fewest visits that keep a task on time: visit on the last allowed working day before it would be late."""
    visits = []
    prev = last
    for i, t in enumerate(workdays):
        covered = prev is not None and (t - prev).days < every
        if covered:
            continue
        # visit at t if allowed, else at the latest earlier allowed working day that keeps the gap
        cands = [d for d in workdays[: i + 1] if allowed(d) and (prev is None or (d - prev).days >= gap)
                 and (prev is None or d > prev)]
        if not cands:
            continue
        prev = cands[-1]
        visits.append(prev)
    return visits


# ---------------------------------------------------------------- writing --------------------------

HH_COLS = ["id", "name", "address", "grid", "lat", "lon", "categories", "preferred_worker", "window", "weekdays",
           "duration_min", "last_visit", "phone", "notes"]
PT_COLS = ["id", "name", "grid", "lat", "lon", "every_days", "min_gap_days", "duration_min", "window", "skills",
           "priority", "last_visit", "notes"]


def csv_text(cols, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in cols])
    return buf.getvalue()


def write(path, text, encoding="utf-8", bom=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if encoding == "gb18030":
        # What Chinese Excel writes; converted by iconv so the bytes are the standard's, not Python's guess.
        out = subprocess.run(["iconv", "-f", "UTF-8", "-t", "GB18030"], input=text.encode("utf-8"),
                             capture_output=True, check=True).stdout
        with open(path, "wb") as f:
            f.write(out)
        return
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


# ---------------------------------------------------------------- load report ----------------------

def load_report(title, horizon, workers, policies, households, patrols, history_last, speed_kmh, detour):
    start, days, weekdays, holidays, extra = horizon
    dates = horizon_days(start, days)
    workdays = [d for d in dates if is_working(d, weekdays, holidays, extra)]
    pol = {p["category"]: p for p in policies}
    cap = 0
    for w in workers:
        avail = (w["shift_len"] - w["break_len"])
        wdays = w.get("weekdays") or weekdays
        for d in dates:
            if d in holidays or d in w.get("days_off", []):
                continue
            if WD[d.weekday()] in wdays or d in extra:
                cap += avail
    service = 0
    stops = 0
    by_day = {d: 0 for d in workdays}
    late_day_one = 0
    tasks = []
    for h in households:
        ps = [pol[c] for c in h["categories"].split(";")]
        r = min(ps, key=lambda p: (p["every"], -p["gap"]))
        dur = h.get("duration_min") or sum(p["dur"] for p in ps)
        need = max(p.get("need", 1) for p in ps)
        wds = h.get("weekdays")
        allowed = (lambda d, wds=wds: wds is None or WD[d.weekday()] in wds.split(";"))
        tasks.append((h["id"], r["every"], r["gap"], dur, need, allowed))
    for p in patrols:
        tasks.append((p["id"], p["every_days"], p.get("min_gap_days") or max(1, p["every_days"] // 2),
                      p["duration_min"], 1, lambda d: True))
    for tid, every, gap, dur, need, allowed in tasks:
        last = history_last.get(tid)
        due = (last + dt.timedelta(days=every)) if last else workdays[0]
        if due <= workdays[0]:
            late_day_one += 1
        vs = min_visits(last, every, gap, workdays, allowed)
        for v in vs:
            by_day[v] += 1
        service += len(vs) * dur * need
        stops += len(vs) * need
    # travel: a stop-to-stop leg of about 120 m inside a grid plus two office legs per worker-day
    leg = math.ceil(0.12 * detour / speed_kmh * 60)
    worker_days = sum(1 for w in workers for d in dates
                      if d not in holidays and d not in w.get("days_off", [])
                      and (WD[d.weekday()] in (w.get("weekdays") or weekdays) or d in extra))
    travel = stops * leg + worker_days * 2 * 8
    load = service + travel
    print(f"{title}: {len(households)} households, {len(patrols)} patrols, {len(workers)} workers; "
          f"working days {[d.isoformat() for d in workdays]}")
    print(f"  minimum stops {stops}, service {service} min, travel ≈{travel} min, load ≈{load} min, "
          f"capacity {cap} min, utilisation ≈{load / cap:.0%}; due on day one: {late_day_one}")
    print("  visits forced per day (latest-possible):", {d.isoformat(): n for d, n in by_day.items()})
    return dict(households=len(households), patrols=len(patrols), workers=len(workers), stops=stops,
                service=service, travel=travel, capacity=cap)


def pick_last(rng, start, every, can_visit):
    """A plausible last visit: uniform over the days in [start − every, start − 1] the task could be visited,
    else the latest such day before; so due dates spread evenly over the next `every` days."""
    cands = [start - dt.timedelta(days=k) for k in range(1, every + 1)]
    cands = [d for d in cands if can_visit(d)]
    if cands:
        return rng.choice(cands)
    d = start - dt.timedelta(days=every + 1)
    while not can_visit(d):
        d -= dt.timedelta(days=1)
    return d


def ledger(rng, task, last, every, worker, can_visit, depth=2):
    """History rows for one task: its last visit and one or two before it, with the odd missed call."""
    rows = [(task, last, worker, "done")]
    d = last
    for _ in range(depth - 1):
        d = d - dt.timedelta(days=every)
        while not can_visit(d):
            d -= dt.timedelta(days=1)
        rows.append((task, d, worker, "done"))
        if rng.random() < 0.08:
            rows.append((task, d - dt.timedelta(days=1 if can_visit(d - dt.timedelta(days=1)) else 3), worker,
                         "not_home"))
    if every >= 14 and rng.random() < 0.1:
        rows.append((task, last + dt.timedelta(days=min(3, every - 1)), worker, "phone"))
    return rows


def history_text(rows):
    # Every history row counts as a visit (format §1); `gridplan record` keeps phone calls and
    # households not at home in a separate outcomes ledger, so the history holds done visits only.
    rows = sorted((r for r in rows if r[3] == "done"), key=lambda r: (r[1], r[0], r[2]))
    return csv_text(["task", "date", "worker", "result"],
                    [dict(task=t, date=d.isoformat(), worker=w, result=res) for t, d, w, res in rows])


# ================================================================ 星河世纪城 第九微网格 ===============

def xinghe():
    rng = random.Random(20261123)
    start = D(2026, 11, 23)
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    center = (31.24850, 121.40560)
    office = offset(*center, -60, -40)
    policies = [
        dict(category="独居老人", every=7, gap=3, dur=20, prio=5),
        dict(category="空巢老人", every=14, gap=7, dur=20, prio=4),
        dict(category="低保户", every=30, gap=15, dur=20, prio=3),
        dict(category="残疾人", every=30, gap=15, dur=20, prio=3),
        dict(category="特困人员", every=30, gap=15, dur=25, prio=4),
        dict(category="困境儿童", every=30, gap=15, dur=25, prio=4, window=("16:00", "17:30")),
        dict(category="计生特殊家庭", every=30, gap=15, dur=25, prio=4),
        dict(category="严重精神障碍", every=7, gap=3, dur=30, prio=8, skills=["mental-health"]),
    ]
    mix = ([("独居老人", 14), ("空巢老人", 8), ("低保户", 12), ("残疾人", 8), ("特困人员", 3), ("困境儿童", 4),
            ("计生特殊家庭", 4), ("严重精神障碍", 2), ("独居老人;残疾人", 2), ("低保户;残疾人", 2),
            ("独居老人;低保户", 1)])
    notes = {
        "独居老人": ["子女在外地，每周电话联系", "有高血压，查看药品是否按时服用", "行动不便，敲门后多等一会儿",
                 "听力较差，需大声说话", "已安装燃气报警器和一键呼叫", "女儿在苏州工作,每月回来一次",
                 "老伴去年去世，情绪低落，多聊几句", "糖尿病，注意饮食情况"],
        "空巢老人": ["老两口同住，儿子在国外", "老伴卧床，需了解照护情况", "想报名社区老年食堂助餐"],
        "低保户": ["复核家庭收入情况", "孩子读初中，申请教育救助中", "男主人打零工，白天常不在家"],
        "残疾人": ["肢体二级，轮椅出行", "视力残疾，家属陪同", "申请无障碍改造，跟进进度", "听力残疾，可用手写交流"],
        "特困人员": ["分散供养，核对护理补贴", "冬季取暖设备检查"],
        "困境儿童": ["父母离异，随祖母生活", "放学后在家，16点后上门", "父亲服刑，关注学习情况"],
        "计生特殊家庭": ["失独家庭，避免提及子女话题", "老两口身体尚可，关注心理"],
        "严重精神障碍": ["监护人为母亲，核实服药情况", "病情稳定，风险等级3级，按时随访"],
    }
    first_bldg = 25
    buildings = {}
    for i in range(12):  # 25–36号楼 in a 4 × 3 block around the centre
        col, row = i % 4, i // 4
        buildings[first_bldg + i] = offset(*center, -270 + col * 180, 210 - row * 190)
    households = []
    hid = 0
    for cat, n in mix:
        for _ in range(n):
            hid += 1
            b = first_bldg + rng.randrange(12)
            unit = rng.randrange(1, 3)
            room = rng.randrange(2, 19) * 100 + rng.randrange(1, 5)
            kind = "kid" if cat == "困境儿童" else ("mid" if cat in ("低保户", "低保户;残疾人", "严重精神障碍") else "old")
            zh, _ = person(rng, kind)
            lat, lon = offset(*buildings[b], (unit - 1.5) * 20 + rng.uniform(-4, 4), rng.uniform(-6, 6))
            main = cat.split(";")[0]
            note = rng.choice(notes[main])
            households.append(dict(id=f"XH-H{hid:03d}", name=zh, address=f"星河世纪城 {b}号楼 {unit}单元 {room}室",
                                   grid="XH-09", lat=f"{lat:.6f}", lon=f"{lon:.6f}", categories=cat,
                                   phone=phone(rng), notes=note))
    # two households that cannot take visits every day, one first assessment
    households[20]["weekdays"] = "tue;thu"
    households[20]["notes"] = "周一三五去医院透析，只能周二周四上门"
    households[36]["duration_min"] = 45
    households[36]["notes"] = "新申请残疾人两项补贴，首次入户评估"
    households[8]["window"] = "09:00-11:00"
    households[8]["notes"] = "下午要午睡和去老年活动室，上午上门"

    patrols_src = [
        ("消防通道（27–29号楼北侧）", 1, None, 10, None, 5, "常有私家车占用，拍照上报物业", (-180, 260)),
        ("电动车集中充电棚（南门）", 1, None, 10, None, 6, "检查飞线充电、充电桩故障", (40, -330)),
        ("垃圾分类投放点（中心广场）", 1, None, 5, "07:00-10:00", 3, "早高峰投放督导", (0, 30)),
        ("地下车库入口及排水沟", 3, 1, 10, None, 3, "雨天检查积水", (250, -150)),
        ("32号楼 群租房", 7, 3, 15, None, 5, "登记租客变动，检查隔断和消防器材", (-90, 20)),
        ("东门沿街商铺（6家）", 2, 1, 20, "09:00-17:00", 4, "门前三包、燃气使用、灭火器有效期", (330, 40)),
        ("中心花园 儿童游乐设施", 7, 3, 10, None, 3, "设施松动、地面破损", (60, 90)),
        ("高层电梯（25–36号楼）", 7, 3, 20, None, 4, "困人报警、年检标志", (-20, -100)),
        ("桃浦河沿岸步道", 3, 1, 15, None, 4, "护栏、落水警示牌、钓鱼人员", (280, 240)),
        ("35号楼 装修施工点", 2, 1, 10, None, 4, "渣土堆放、施工时间、动火作业", (90, -190)),
        ("窨井盖（中心路段）", 5, 2, 10, None, 4, "井盖缺失、破损", (-250, -60)),
        ("老年活动室", 7, 3, 10, "08:30-16:30", 2, "用电安全、取暖器使用", (-40, 150)),
    ]
    patrols = []
    for i, (name, every, gap, dur, win, prio, note, (e, n)) in enumerate(patrols_src, 1):
        lat, lon = offset(*center, e, n)
        patrols.append(dict(id=f"XH-P{i:02d}", name=name, grid="XH-09", lat=f"{lat:.6f}", lon=f"{lon:.6f}",
                            every_days=every, min_gap_days=gap, duration_min=dur, window=win, priority=prio,
                            notes=note))

    def workday(d):
        return d.weekday() < 5

    pol = {p["category"]: p for p in policies}
    hist = []
    last = {}
    for h in households:
        ps = [pol[c] for c in h["categories"].split(";")]
        every = min(p["every"] for p in ps)
        can = workday
        if h.get("weekdays"):
            can = (lambda d, ws=h["weekdays"].split(";"): workday(d) and WD[d.weekday()] in ws)
        if h["id"] == "XH-H037":  # the new applicant: never visited, due on the first day
            continue
        L = pick_last(rng, start, every, can)
        last[h["id"]] = L
        hist += ledger(rng, h["id"], L, every, "W01", can)
    for p in patrols:
        L = pick_last(rng, start, p["every_days"], workday)
        last[p["id"]] = L
        hist += ledger(rng, p["id"], L, p["every_days"], "W01", workday, depth=1)

    workers = [dict(id="W01", shift_len=540, break_len=90)]
    stats = load_report("xinghe", (start, 7, weekdays, set(), set()), workers, policies, households, patrols,
                        last, 4.5, 1.3)

    yaml = f"""# 星河世纪城 第九微网格：一名专职网格员，约60户重点人群，12个巡查点，一周计划。
# Xinghe Century City, micro-grid 9: one full-time grid worker, ~60 special households,
# 12 patrol points, one week. See Docs/scenarios.md.
name: 星河世纪城 第九微网格 2026-W48
locale: zh-Hans
horizon:
  start: 2026-11-23
  days: 7
  weekdays: [mon, tue, wed, thu, fri]
travel:
  speed_kmh: 4.5
  detour_factor: 1.3
places:
  - {{id: XH-OFFICE, name: 星河世纪城居委会, lat: {office[0]:.6f}, lon: {office[1]:.6f}}}
policies:
  - {{category: 独居老人, every_days: 7, min_gap_days: 3, duration_min: 20, priority: 5}}
  - {{category: 空巢老人, every_days: 14, min_gap_days: 7, duration_min: 20, priority: 4}}
  - {{category: 低保户, every_days: 30, min_gap_days: 15, duration_min: 20, priority: 3}}
  - {{category: 残疾人, every_days: 30, min_gap_days: 15, duration_min: 20, priority: 3}}
  - {{category: 特困人员, every_days: 30, min_gap_days: 15, duration_min: 25, priority: 4}}
  - category: 困境儿童
    every_days: 30
    min_gap_days: 15
    duration_min: 25
    priority: 4
    window: ["16:00", "17:30"]          # 放学后 after school
  - {{category: 计生特殊家庭, every_days: 30, min_gap_days: 15, duration_min: 25, priority: 4}}
  - category: 严重精神障碍
    every_days: 7
    min_gap_days: 3
    duration_min: 30
    priority: 8
    skills: [mental-health]
workers:
  - id: W01
    name: 潘靚雨
    grids: [XH-09]
    start: XH-OFFICE
    shift: ["08:30", "17:30"]
    break: ["11:30", "13:00"]
    max_visits_per_day: 10
    skills: [elderly-care, mental-health]
households: households.csv
patrols: patrols.csv
history: visits.csv
solver:
  time_limit_s: 30
  mip_gap: 0.01
"""
    out = os.path.join(ROOT, "xinghe")
    write(os.path.join(out, "scenario.yaml"), yaml)
    write(os.path.join(out, "households.csv"), csv_text(HH_COLS, households), bom=True)
    write(os.path.join(out, "patrols.csv"), csv_text(PT_COLS, patrols))
    write(os.path.join(out, "visits.csv"), history_text(hist))
    return stats


# ================================================================ 枫林社区 (five grids) =============

CATS = {  # zh: (en, every, gap, duration, priority, skills, workers_needed, window)
    "独居老人": ("elderly living alone", 7, 3, 20, 5, [], 1, None),
    "空巢老人": ("empty-nest elderly", 14, 7, 20, 4, [], 1, None),
    "高龄老人": ("elderly over 80", 14, 7, 20, 4, [], 1, None),
    "低保户": ("minimum-income household", 30, 15, 20, 3, [], 1, None),
    "残疾人": ("person with disability", 30, 15, 20, 3, [], 1, None),
    "特困人员": ("extreme-poverty support", 30, 15, 25, 4, [], 1, None),
    "困境儿童": ("child in difficulty", 30, 15, 25, 4, [], 1, None),
    "计生特殊家庭": ("bereaved one-child family", 30, 15, 25, 4, [], 1, None),
    "社区矫正": ("community correction", 30, 15, 20, 4, [], 1, ("09:00", "11:30")),
    "严重精神障碍": ("severe mental disorder", 7, 3, 30, 8, ["mental-health"], 2, None),
}

NOTES = {  # (zh, en)
    "独居老人": [("子女在外地，每周电话联系", "children live in another city; they phone weekly"),
             ("有高血压，查看药品是否按时服用", "high blood pressure: check the pills are taken"),
             ("行动不便，敲门后多等一会儿", "walks slowly: wait after knocking"),
             ("听力较差，需大声说话", "hard of hearing: speak up"),
             ("已安装燃气报警器和一键呼叫", "gas alarm and emergency button installed"),
             ("女儿在上海工作,每月回来一次", "daughter works in Shanghai, comes home monthly"),
             ("老伴去年去世，情绪低落，多聊几句", "widowed last year, low mood: stay a while"),
             ("冬天用电热毯，提醒用电安全", "uses an electric blanket: remind about electrical safety")],
    "空巢老人": [("老两口同住，儿子在国外", "couple living alone, son abroad"),
             ("老伴卧床，了解照护情况", "spouse bedridden: ask how care is going"),
             ("想报名社区老年食堂助餐", "wants to join the community canteen meal plan")],
    "高龄老人": [("九十岁，由保姆照顾", "aged 90, cared for by a live-in helper"),
             ("高龄津贴已发放，核对银行卡", "old-age allowance paid: check the bank card"),
             ("腿脚不好，很少下楼", "bad legs, rarely goes downstairs")],
    "低保户": [("复核家庭收入情况", "review household income"),
            ("孩子读初中，申请教育救助中", "child in middle school, education aid applied for"),
            ("男主人打零工，白天常不在家", "husband does odd jobs, often out in the day")],
    "残疾人": [("肢体二级，轮椅出行", "physical disability grade 2, uses a wheelchair"),
            ("视力残疾，家属陪同", "visually impaired, family present"),
            ("申请无障碍改造，跟进进度", "applied for barrier-free adaptation: follow up")],
    "特困人员": [("分散供养，核对护理补贴", "supported at home: check the care subsidy"),
             ("冬季取暖设备检查", "check winter heating")],
    "困境儿童": [("父母离异，随祖母生活", "parents divorced, lives with grandmother"),
             ("父亲服刑，关注学习情况", "father in prison: ask about school")],
    "计生特殊家庭": [("失独家庭，避免提及子女话题", "lost their only child: do not raise the topic"),
               ("老两口身体尚可，关注心理", "couple in fair health: watch their spirits")],
    "社区矫正": [("配合司法所，核实去向", "with the justice office: confirm whereabouts")],
    "严重精神障碍": [("监护人为母亲，核实服药情况", "guardian is his mother: check medication"),
               ("风险等级3级，按时随访，与民警联合走访", "risk level 3: joint visit with the community police")],
}
EVENING_NOTE = ("双职工，白天上班,晚上在家", "both parents work, at home only in the evening")
WEEKEND_NOTE = ("在外地打工，只有周末在家", "works out of town, home only at weekends")
NEW_NOTE = ("春节前新纳入低保，首次入户评估", "new to minimum income before the Spring Festival: first assessment")

GRIDS = [  # id, estate zh, estate en, centre offset (east, north) in metres from the community office
    ("FL-01", "枫林苑", "Fenglin Garden", (-360, 230)),
    ("FL-02", "翠竹小区", "Cuizhu Estate", (0, 330)),
    ("FL-03", "桂花新村", "Guihua New Village", (360, 230)),
    ("FL-04", "文华公寓", "Wenhua Apartments", (-250, -250)),
    ("FL-05", "和睦新村", "Hemu New Village", (250, -250)),
]
MIX = [("独居老人", 18), ("空巢老人", 13), ("高龄老人", 11), ("低保户", 15), ("残疾人", 12), ("特困人员", 3),
       ("困境儿童", 4), ("计生特殊家庭", 3), ("社区矫正", 1), ("严重精神障碍", 2), ("独居老人;残疾人", 2),
       ("低保户;残疾人", 2), ("空巢老人;高龄老人", 2)]
PATROLS = [  # zh, en, every, gap, duration, window, priority, note zh, note en
    ("消防通道", "fire lane", 1, None, 10, None, 5, "私家车占用拍照上报", "photograph parked cars and report"),
    ("电动车集中充电棚", "e-bike charging shed", 2, 1, 10, None, 6, "检查飞线充电", "look for cables run from windows"),
    ("群租房", "shared rental flat", 7, 3, 15, None, 5, "登记租客变动，检查隔断", "register tenant changes, check partitions"),
    ("沿街商铺", "street-front shops", 3, 1, 20, ("09:00", "17:00"), 4, "燃气使用、灭火器有效期",
     "gas use, extinguisher dates"),
    ("地下车库", "underground garage", 5, 2, 10, None, 3, "积水、消防栓", "standing water, hydrants"),
    ("垃圾分类点", "waste sorting point", 2, 1, 5, None, 3, "满溢、混投", "overflow, unsorted waste"),
    ("网格日常巡查（步行全网格）", "daily walk of the grid", 1, None, 30, None, 4, "每天至少30分钟，井盖、路面、乱堆放随手拍上报",
     "at least 30 minutes a day; report manholes, paving and dumped rubbish"),
]
SPECIAL_PATROL = {
    "FL-01": ("9幢 装修施工工地", "building 9 renovation site", 2, 1, 10, None, 4, "渣土、动火作业", "rubble, hot work"),
    "FL-02": ("小区南门 门岗", "south gate lodge", 3, 1, 10, None, 3, "外来人员登记", "visitor register"),
    "FL-03": ("群租房集中区 夜间消防巡查", "rental-housing cluster night fire patrol", 1, None, 20, ("19:00", "21:30"), 6,
              "冬季防火夜查专项行动", "winter night fire-safety campaign"),
    "FL-04": ("沿河步道", "riverside walk", 3, 1, 15, None, 4, "护栏、落水警示牌", "railings, drowning warning signs"),
    "FL-05": ("农贸市场周边", "around the wet market", 2, 1, 15, None, 4, "占道经营、消防通道", "stalls on the road, fire lanes"),
}
WORKERS = [  # id, zh, en, grid, shift, break, weekdays, days_off, skills, max visits, role note
    ("W01", "沈佳怡", "Shen Jiayi", "FL-01", ("08:30", "17:30"), ("11:30", "13:00"), None, [],
     ["mental-health", "elderly-care"], None),
    ("W02", "陆文杰", "Lu Wenjie", "FL-02", ("08:30", "17:30"), ("11:30", "13:00"), None, ["2026-02-26", "2026-02-27"],
     ["mental-health"], None),
    ("W03", "顾晓雯", "Gu Xiaowen", "FL-03", ("08:30", "17:30"), ("11:30", "13:00"), None, [], ["elderly-care"], None),
    ("W04", "钱志明", "Qian Zhiming", "FL-04", ("08:30", "17:30"), ("11:30", "13:00"), None, [], ["mental-health"], None),
    ("W05", "唐立新", "Tang Lixin", "FL-05", ("12:30", "21:30"), ("17:00", "18:30"), None, [], ["mental-health"], None),
    ("W06", "吴德明", "Wu Deming", "FL-03", ("08:30", "11:30"), None, ["tue", "thu"], [], ["elderly-care"], 5),
]
START = D(2026, 2, 23)
HOLIDAYS = {D(2026, 2, 23)}
EXTRA = {D(2026, 2, 28)}
PRE_HOLIDAYS = {D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)} | {D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)}
PRE_EXTRA = {D(2026, 2, 14), D(2026, 1, 4)}
DUTY = {D(2026, 2, 17) + dt.timedelta(days=i) for i in range(6)}  # 春节值班走访 (初一—初六)


def regular_day(d):
    return d not in PRE_HOLIDAYS and (d.weekday() < 5 or d in PRE_EXTRA)


def duty_or_regular(d):
    return regular_day(d) or d in DUTY


def community_data():
    rng = random.Random(20260223)
    center = (30.29050, 120.14200)
    households, patrols, hist, last = [], [], [], {}
    for gi, (gid, estate, estate_en, (ge, gn)) in enumerate(GRIDS):
        g_center = offset(*center, ge, gn)
        wid = WORKERS[gi][0]
        bldgs = {}
        for b in range(1, 17):
            col, row = (b - 1) % 4, (b - 1) // 4
            bldgs[b] = offset(*g_center, -120 + col * 80 + rng.uniform(-10, 10), 120 - row * 80 + rng.uniform(-10, 10))
        mix = list(MIX)
        if gid == "FL-03":  # the old walk-up estate: more elderly living alone
            mix[0] = ("独居老人", 24)
        n = 0
        grid_rows = []
        for cat, count in mix:
            for _ in range(count):
                n += 1
                b = rng.randrange(1, 17)
                unit = rng.randrange(1, 4)
                floors = 6 if gid == "FL-03" else 18
                room = rng.randrange(1, floors + 1) * 100 + rng.randrange(1, 3)
                main = cat.split(";")[0]
                kind = "kid" if main == "困境儿童" else ("mid" if main in ("低保户", "残疾人", "严重精神障碍", "社区矫正") else "old")
                zh, en = person(rng, kind)
                lat, lon = offset(*bldgs[b], (unit - 2) * 15 + rng.uniform(-3, 3), rng.uniform(-5, 5))
                nz, ne = rng.choice(NOTES[main])
                grid_rows.append(dict(
                    id=f"{gid}-H{n:03d}", name=zh, name_en=en, grid=gid, lat=f"{lat:.6f}", lon=f"{lon:.6f}",
                    address=f"{estate} {b}幢 {unit}单元 {room}室",
                    address_en=f"{estate_en}, Bldg {b}, Unit {unit}, Rm {room}",
                    categories=cat, categories_en=";".join(CATS[c][0] for c in cat.split(";")),
                    phone=phone(rng), notes=nz, notes_en=ne))
        # evening, weekend-only and new households
        evening = [r for r in grid_rows if r["categories"] in ("低保户", "困境儿童", "残疾人")][:4]
        for r in evening:
            r["window"] = "18:30-20:30"
            r["notes"], r["notes_en"] = EVENING_NOTE
        if gid in ("FL-02", "FL-04"):
            r = [r for r in grid_rows if r["categories"] == "低保户" and "window" not in r][0]
            r["weekdays"] = "sat;sun"
            r["notes"], r["notes_en"] = WEEKEND_NOTE
        new = [r for r in grid_rows if r["categories"] == "低保户" and "window" not in r and "weekdays" not in r][-1]
        new["duration_min"] = 45
        new["notes"], new["notes_en"] = NEW_NOTE
        new["new"] = True
        households += grid_rows
        # patrols
        pts = PATROLS + [SPECIAL_PATROL[gid]]
        for pi, (nz, ne, every, gap, dur, win, prio, notez, notee) in enumerate(pts, 1):
            b = rng.randrange(1, 17)
            lat, lon = offset(*bldgs[b], rng.uniform(-40, 40), rng.uniform(-40, 40))
            where = f"{b}幢旁" if pi in (1, 2, 3, 6) else ""
            where_en = f" by building {b}" if pi in (1, 2, 3, 6) else ""
            patrols.append(dict(
                id=f"{gid}-P{pi:02d}", name=f"{estate} {nz}{('（' + where + '）') if where else ''}",
                name_en=f"{estate_en} {ne}{where_en}", grid=gid, lat=f"{lat:.6f}", lon=f"{lon:.6f}",
                every_days=every, min_gap_days=gap, duration_min=dur, window=f"{win[0]}-{win[1]}" if win else None,
                priority=prio, notes=notez, notes_en=notee, worker=("W05" if win and win[0] >= "19:00" else wid)))
        for r in grid_rows:
            r["worker"] = wid
    for h in households:
        if h.get("new"):
            continue
        every = min(CATS[c][1] for c in h["categories"].split(";"))
        base = duty_or_regular if every <= 14 else regular_day
        can = base
        if h.get("weekdays") == "sat;sun":
            # home only at weekends: last seen when back early for the Spring Festival; due Saturday 2/28
            L = D(2026, 1, 29)
            last[h["id"]] = L
            hist += [(h["id"], L, h["worker"], "done"), (h["id"], L - dt.timedelta(days=30), h["worker"], "done")]
            continue
        L = pick_last(rng, START, every, can)
        last[h["id"]] = L
        hist += ledger(rng, h["id"], L, every, h["worker"], can)
    for p in patrols:
        L = pick_last(rng, START, p["every_days"], duty_or_regular)
        last[p["id"]] = L
        hist += ledger(rng, p["id"], L, p["every_days"], p["worker"], duty_or_regular, depth=1)
    return households, patrols, hist, last


def community_yaml(locale, elderly_every=None):
    en = locale == "en"
    cat_name = (lambda zh: CATS[zh][0]) if en else (lambda zh: zh)
    lines = []
    if en:
        lines += ["# Fenglin Community (枫林社区): five grids, five full-time grid workers and one part-time helper,",
                  "# the first week after the 2026 Spring Festival: Monday 2/23 is still a holiday and Saturday 2/28",
                  "# is a make-up working day (调休). Same tasks and ids as scenarios/community. See Docs/scenarios.md.",
                  "name: Fenglin Community, week 9 of 2026 (after the Spring Festival)",
                  "locale: en"]
    elif elderly_every:
        lines += ["# 枫林社区 寒潮应对：独居、空巢老人改为每3天走访一次，其余同 scenarios/community。",
                  "# Fenglin Community under a cold snap: elderly living alone and empty-nest elderly every 3 days;",
                  "# households, patrols and history are scenarios/community's. See Docs/scenarios.md.",
                  "name: 枫林社区 寒潮应对 2026-W09",
                  "locale: zh-Hans"]
    else:
        lines += ["# 枫林社区：5个网格，5名专职网格员和1名兼职网格员；春节后第一周，2/23（周一）仍放假，",
                  "# 2/28（周六）调休上班。W02 请假两天，W05 错时上班（12:30–21:30），负责晚间走访和夜查。",
                  "# Fenglin Community: five grids, the week after the 2026 Spring Festival. See Docs/scenarios.md.",
                  "name: 枫林社区 2026-W09（春节后第一周）",
                  "locale: zh-Hans"]
    lines += ["horizon:",
              "  start: 2026-02-23",
              "  days: 7",
              "  weekdays: [mon, tue, wed, thu, fri]",
              "  holidays: [2026-02-23]" + ("" if en else "              # 春节假期最后一天"),
              "  extra_workdays: [2026-02-28]" + ("" if en else "        # 调休上班"),
              "travel:",
              "  speed_kmh: 4.5",
              "  detour_factor: 1.3",
              "places:"]
    office = offset(30.29050, 120.14200, 0, 0)
    lines.append(f"  - {{id: FL-OFFICE, name: {'Fenglin Community Service Centre' if en else '枫林社区党群服务中心'}, "
                 f"lat: {office[0]:.6f}, lon: {office[1]:.6f}}}")
    lines.append("policies:")
    for zh, (cen, every, gap, dur, prio, skills, need, win) in CATS.items():
        if elderly_every and zh in ("独居老人", "空巢老人"):
            every, gap = elderly_every
        lines.append(f"  - category: {cat_name(zh)}")
        lines.append(f"    every_days: {every}")
        lines.append(f"    min_gap_days: {gap}")
        lines.append(f"    duration_min: {dur}")
        lines.append(f"    priority: {prio}")
        if skills:
            lines.append(f"    skills: [{', '.join(skills)}]")
        if need > 1:
            lines.append(f"    workers_needed: {need}" + ("  # joint visit" if en else "  # 两人联合走访"))
        if win:
            lines.append(f'    window: ["{win[0]}", "{win[1]}"]')
    lines.append("workers:")
    grids = [g[0] for g in GRIDS]
    for wid, zh, wen, grid, shift, brk, wdays, off, skills, maxv in WORKERS:
        lines.append(f"  - id: {wid}")
        lines.append(f"    name: {wen if en else zh}")
        lines.append(f"    grids: [{grid}]")
        cover = [g for g in grids if g != grid] if wid != "W06" else ["FL-01"]
        lines.append(f"    may_cover: [{', '.join(cover)}]")
        lines.append("    start: FL-OFFICE")
        lines.append(f'    shift: ["{shift[0]}", "{shift[1]}"]' +
                     ({"W05": "  # staggered hours: evening visits and night patrol" if en else "  # 错时上班，负责晚间走访和夜查",
                       "W06": "  # part-time helper" if en else "  # 兼职网格员（退休党员、楼栋长）"}.get(wid, "")))
        if brk:
            lines.append(f'    break: ["{brk[0]}", "{brk[1]}"]')
        if wdays:
            lines.append(f"    weekdays: [{', '.join(wdays)}]")
        if off:
            lines.append(f"    days_off: [{', '.join(off)}]" + ("  # leave" if en else "  # 请假"))
        if maxv:
            lines.append(f"    max_visits_per_day: {maxv}")
        lines.append(f"    skills: [{', '.join(skills)}]")
    prefix = "../community/" if elderly_every else ""
    lines += [f"households: {prefix}households.csv", f"patrols: {prefix}patrols.csv", f"history: {prefix}visits.csv",
              "solver:", "  time_limit_s: 60", "  mip_gap: 0.01", ""]
    return "\n".join(lines)


def community():
    households, patrols, hist, last = community_data()
    pol = [dict(category=zh, every=v[1], gap=v[2], dur=v[3], need=v[6]) for zh, v in CATS.items()]

    def wrec(w):
        sh = [int(x[:2]) * 60 + int(x[3:]) for x in w[4]]
        br = [int(x[:2]) * 60 + int(x[3:]) for x in w[5]] if w[5] else [0, 0]
        return dict(id=w[0], shift_len=sh[1] - sh[0], break_len=br[1] - br[0], weekdays=w[6],
                    days_off=[D.fromisoformat(x) for x in w[7]])
    workers = [wrec(w) for w in WORKERS]
    horizon = (START, 7, ["mon", "tue", "wed", "thu", "fri"], HOLIDAYS, EXTRA)
    stats = load_report("community", horizon, workers, pol, households, patrols, last, 4.5, 1.3)
    cold = [dict(p, every=3, gap=1) if p["category"] in ("独居老人", "空巢老人") else p for p in pol]
    stats_cold = load_report("community-coldsnap", horizon, workers, cold, households, patrols, last, 4.5, 1.3)

    zh_h = [dict(h) for h in households]
    en_h = [dict(h, name=h["name_en"], address=h["address_en"], categories=h["categories_en"], notes=h["notes_en"])
            for h in households]
    zh_p = patrols
    en_p = [dict(p, name=p["name_en"], notes=p["notes_en"]) for p in patrols]
    out = os.path.join(ROOT, "community")
    write(os.path.join(out, "scenario.yaml"), community_yaml("zh-Hans"))
    write(os.path.join(out, "households.csv"), csv_text(HH_COLS, zh_h), encoding="gb18030")
    write(os.path.join(out, "patrols.csv"), csv_text(PT_COLS, zh_p))
    write(os.path.join(out, "visits.csv"), history_text(hist))
    out = os.path.join(ROOT, "community-en")
    write(os.path.join(out, "scenario.yaml"), community_yaml("en"))
    write(os.path.join(out, "households.csv"), csv_text(HH_COLS, en_h))
    write(os.path.join(out, "patrols.csv"), csv_text(PT_COLS, en_p))
    write(os.path.join(out, "visits.csv"), history_text(hist))
    out = os.path.join(ROOT, "community-coldsnap")
    write(os.path.join(out, "scenario.yaml"), community_yaml("zh-Hans", elderly_every=(3, 1)))
    return stats, stats_cold


if __name__ == "__main__":
    xinghe()
    community()
