#!/usr/bin/env python3
"""Writes small hand-made edge-case scenarios, one folder each, for benchmarks/cross_check.py.

    python3 benchmarks/edge_cases.py OUT_DIR

Travel matrices listed in one direction only, with and without km; a worker with its own speed and
end place; part-time weekdays, days off, holidays and make-up days; household windows and weekdays
(one window narrower than its visit); several categories in one household (separated by '；');
pair visits needing a skill; patrols with windows; max_visits_per_day; a one-day horizon with no
history; a GB18030 households file; inline lists; shuffled and unknown CSV columns.
"""
import os, random, csv, io, sys
B = sys.argv[1] if len(sys.argv) > 1 else "edge-cases"
HH = "id,name,address,grid,lat,lon,categories,preferred_worker,window,weekdays,duration_min,last_visit,phone,notes"
PP = "id,name,grid,lat,lon,every_days,min_gap_days,duration_min,window,skills,priority,last_visit,notes"

POL = """policies:
  - {category: alone, every_days: 7, min_gap_days: 3, duration_min: 20, priority: 5}
  - {category: emptynest, every_days: 14, duration_min: 15, priority: 4}
  - {category: lowinc, every_days: 30, min_gap_days: 15, duration_min: 20, priority: 3}
  - {category: child, every_days: 30, min_gap_days: 10, duration_min: 25, priority: 4, window: ["16:00", "17:30"]}
  - {category: corr, every_days: 14, min_gap_days: 5, duration_min: 20, priority: 4, window: ["09:00", "11:30"]}
  - {category: mental, every_days: 7, min_gap_days: 3, duration_min: 30, priority: 8, skills: [mental-health], workers_needed: 2}
  - {category: nurse, every_days: 7, min_gap_days: 2, duration_min: 10, priority: 6, skills: [nursing]}
"""

def w(name, files):
    d = os.path.join(B, name); os.makedirs(d, exist_ok=True)
    for fn, content in files.items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(d, fn), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
            f.write(content)

def households(rng, n, grid, lat0, lon0, cats, extra=None, prefix="H"):
    rows = [HH]
    for i in range(1, n + 1):
        c = rng.choice(cats)
        rows.append(f"{grid}-{prefix}{i:03d},n{i},addr,{grid},{lat0+rng.uniform(-0.004,0.004):.6f},{lon0+rng.uniform(-0.004,0.004):.6f},{c},,,,,,,")
    if extra:
        rows += extra
    return "\n".join(rows) + "\n"

def history(rng, tasks, start_days_back=(1, 20), base="2026-11-23"):
    import datetime as dt
    b = dt.date.fromisoformat(base)
    rows = ["task,date,worker,result"]
    for t, wk in tasks:
        for k in range(rng.randint(1, 2)):
            rows.append(f"{t},{b - dt.timedelta(days=rng.randint(*start_days_back))},{wk},done")
    return "\n".join(rows) + "\n"

def ids(csvtext):
    return [l.split(",")[0] for l in csvtext.strip().split("\n")[1:]]

rng = random.Random(42)
HEAD = lambda name, start="2026-11-23", days=7, extra="": f"""name: {name}
locale: en
horizon:
  start: {start}
  days: {days}
{extra}"""

# e01 travel matrix: with and without km, one-directional entries, a pair with huge minutes
hh = households(rng, 12, "G1", 31.230, 121.450, ["alone", "emptynest", "lowinc"])
pt = PP + "\nG1-P01,gate,G1,31.2310,121.4510,1,,10,,,5,,\nG1-P02,shed,G1,31.2290,121.4490,2,1,10,,,4,,\n"
hid = ids(hh)
m = ["from,to,minutes,km"]
m.append(f"OFF,{hid[0]},25,2.5")       # much longer than coordinates
m.append(f"{hid[0]},OFF,25,2.5")
m.append(f"OFF,{hid[1]},3,")            # minutes only, km from coordinates
m.append(f"{hid[1]},{hid[2]},40,3.0")   # directed only one way
m.append(f"{hid[3]},{hid[4]},0,0")      # zero minutes
m.append(f"G1-P01,{hid[5]},30,")
m.append(f"OFF,G1-P01,12,1.0")
w("e01_matrix", {
 "scenario.yaml": HEAD("e01 matrix") + f"""travel:
  speed_kmh: 4.5
  detour_factor: 1.3
  matrix: travel.csv
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], skills: [mental-health]}}
households: households.csv
patrols: patrols.csv
history: visits.csv
""", "households.csv": hh, "patrols.csv": pt, "travel.csv": "\n".join(m) + "\n",
 "visits.csv": history(rng, [(h, "W1") for h in hid[:8]])})

# e02 speed override and a different end place (far away)
hh = households(rng, 20, "G1", 31.230, 121.450, ["alone", "emptynest", "lowinc"]) 
hh2 = households(rng, 15, "G2", 31.245, 121.470, ["alone", "emptynest"])
hh += "\n".join(hh2.strip().split("\n")[1:]) + "\n"
w("e02_speed_end", {
 "scenario.yaml": HEAD("e02 speed/end") + f"""travel:
  speed_kmh: 4.5
  detour_factor: 1.4
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
  - {{id: HOME, name: service centre, lat: 31.2480, lon: 121.4750}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], may_cover: [G2], start: OFF, end: HOME, shift: ["08:00", "16:00"], break: ["12:00", "12:45"], speed_kmh: 15, skills: []}}
  - {{id: W2, name: b, grids: [G2], may_cover: [G1], start: HOME, shift: ["09:00", "17:00"], skills: []}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": history(rng, [(h, "W1") for h in ids(hh)[::2]])})

# e03 part-time weekdays, days_off, holidays + extra workdays
hh = households(rng, 30, "G1", 31.230, 121.450, ["alone", "emptynest", "lowinc", "child"])
w("e03_calendar", {
 "scenario.yaml": HEAD("e03 calendar", "2026-09-28", 14, """  weekdays: [mon, tue, wed, thu, fri]
  holidays: [2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07]
  extra_workdays: [2026-09-27, 2026-10-10]
""") + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], days_off: [2026-09-29, 2026-09-30, 2026-10-09]}}
  - {{id: PT, name: part-timer, grids: [G1], start: OFF, shift: ["14:00", "18:00"], weekdays: [tue, thu, sat], max_visits_per_day: 4}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": history(rng, [(h, "W1") for h in ids(hh)], (1, 12), "2026-09-28")})

# e04 household windows/weekdays, a window narrower than a visit, window outside shift
extra = [
 "G1-X01,narrow,a,G1,31.2305,121.4505,alone,,10:00-10:10,,,,,window narrower than the 20 min visit",
 "G1-X02,weekday,a,G1,31.2295,121.4495,alone,,,wed,,,,only wednesdays",
 "G1-X03,both,a,G1,31.2315,121.4515,alone,,14:00-15:00,mon;thu,,,,",
 "G1-X04,late eve,a,G1,31.2285,121.4485,alone,,19:00-20:00,,,,,outside shift",
 "G1-X05,child+hh window,a,G1,31.2301,121.4521,child,,15:00-16:30,,,,,intersect with policy 16:00-17:30",
 "G1-X06,corr outside,a,G1,31.2311,121.4481,corr,,14:00-15:00,,,,,household window disjoint from policy window",
 "G1-X07,weekend only,a,G1,31.2291,121.4511,alone,,,sat;sun,,,,no working day",
]
hh = households(rng, 15, "G1", 31.230, 121.450, ["alone", "emptynest"], extra)
w("e04_windows", {
 "scenario.yaml": HEAD("e04 windows") + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"]}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": history(rng, [(h, "W1") for h in ids(hh)[:10]])})

# e05 multi-category households, '；' and ';' separators, duration override, tie on every_days
extra = [
 "G1-M01,m1,a,G1,31.2305,121.4505,alone;emptynest,,,,,,,",
 "G1-M02,m2,a,G1,31.2295,121.4495,alone；child,,,,,,,windows intersect empty?",
 "G1-M03,m3,a,G1,31.2315,121.4515,lowinc；child,,,,45,,,duration override",
 "G1-M04,m4,a,G1,31.2285,121.4485,alone;nurse,,,,,,,skill union; nurse min_gap 2 vs alone 3 (tie 7)",
 "G1-M05,m5,a,G1,31.2301,121.4521,emptynest;corr,,,,,,,14 tie: min_gap 7 vs 5",
 "G1-M06,m6,a,G1,31.2311,121.4481,alone;mental,,,,,,,pair + 50min",
 "G1-M07,m7,a,G1,31.2291,121.4511,lowinc;corr；child,,,,,,,three windows",
]
hh = households(rng, 10, "G1", 31.230, 121.450, ["alone", "lowinc"], extra)
w("e05_multicat", {
 "scenario.yaml": HEAD("e05 multi-category") + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], skills: [mental-health, nursing]}}
  - {{id: W2, name: b, grids: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["12:00", "13:00"], skills: [mental-health]}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": history(rng, [(h, "W1") for h in ids(hh)], (2, 9))})

# e06 pair visits needing a skill exactly two workers have (different breaks, different start places)
extra = [f"G1-Q{i:02d},p{i},a,G1,{31.230+0.001*i:.6f},{121.450-0.001*i:.6f},mental,,,,,,," for i in range(1, 7)]
extra.append("G2-Q01,pg2,a,G2,31.2350,121.4600,mental,W3,,,,,,preferred W3 who lacks skill")
hh = households(rng, 12, "G1", 31.230, 121.450, ["alone", "emptynest"], extra)
w("e06_pairs", {
 "scenario.yaml": HEAD("e06 pairs") + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
  - {{id: OFF2, name: office2, lat: 31.2350, lon: 121.4550}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], may_cover: [G2], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], skills: [mental-health]}}
  - {{id: W2, name: b, grids: [G2], may_cover: [G1], start: OFF2, end: OFF, shift: ["09:00", "18:00"], break: ["12:00", "13:00"], skills: [mental-health], speed_kmh: 12}}
  - {{id: W3, name: c, grids: [G1, G2], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"]}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": history(rng, [(h, "W1") for h in ids(hh)], (3, 12))})

# e07 patrols with windows, skills, defaults
pt = PP + "\n" + "\n".join([
 "G1-P01,daily,G1,31.2310,121.4510,1,,15,07:00-10:00,,5,,",
 "G1-P02,evening,G1,31.2290,121.4490,1,,10,16:30-17:30,,5,,",
 "G1-P03,every2,G1,31.2320,121.4480,2,,10,,,3,,default min gap 1",
 "G1-P04,every3 skill,G1,31.2280,121.4520,3,,20,,fire,4,,",
 "G1-P05,every5,G1,31.2300,121.4530,5,,10,13:00-14:00,,,2026-11-20,default prio; last_visit column",
 "G1-P06,weekly,G2,31.2330,121.4560,7,,30,,fire;electric,6,,two skills",
 "G1-P07,narrow,G1,31.2335,121.4465,1,,20,09:00-09:15,,4,,window narrower than duration",
])
hh = households(rng, 8, "G1", 31.230, 121.450, ["alone", "emptynest"])
w("e07_patrols", {
 "scenario.yaml": HEAD("e07 patrols", "2026-11-23", 7, "  weekdays: [mon, tue, wed, thu, fri, sat]\n") + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], may_cover: [G2], start: OFF, shift: ["07:30", "16:00"], break: ["11:30", "12:30"], skills: [fire]}}
  - {{id: W2, name: b, grids: [G2], may_cover: [G1], start: OFF, shift: ["10:00", "18:00"], break: ["13:00", "13:30"], skills: [fire, electric], weekdays: [mon, wed, fri]}}
households: households.csv
patrols: patrols.csv
history: visits.csv
""", "households.csv": hh, "patrols.csv": pt,
 "visits.csv": history(rng, [(h, "W1") for h in ids(hh)] + [("G1-P05", "W1"), ("G1-P06", "W2"), ("G1-P03", "W1")], (1, 6))})

# e08 max_visits_per_day, capacity shortfall
hh = households(rng, 45, "G1", 31.230, 121.450, ["alone"])
w("e08_capacity", {
 "scenario.yaml": HEAD("e08 capacity", "2026-11-23", 7) + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], max_visits_per_day: 4}}
  - {{id: W2, name: b, grids: [G2], may_cover: [G1], start: OFF, shift: ["08:30", "12:00"], max_visits_per_day: 2}}
households: households.csv
patrols: patrols.csv
""", "households.csv": hh, "patrols.csv": PP + "\nG1-P01,gate,G1,31.2310,121.4510,1,,10,,,5,,\n"})

# e09 1-day horizon, tasks with no history, last_visit column vs history
extra = [
 "G1-L01,lv later,a,G1,31.2305,121.4505,alone,,,,,2026-11-20,,history 11-10 but column 11-20",
 "G1-L02,lv earlier,a,G1,31.2295,121.4495,alone,,,,,2026-11-01,,history 11-19 later",
 "G1-L03,due today,a,G1,31.2315,121.4515,alone,,,,,2026-11-16,,due on 11-23",
 "G1-L04,gap blocks,a,G1,31.2285,121.4485,alone,,,,,2026-11-21,,",
]
hh = households(rng, 20, "G1", 31.230, 121.450, ["alone", "emptynest", "lowinc"], extra)
hist = "task,date,worker,result\nG1-L01,2026-11-10,W1,done\nG1-L02,2026-11-19,W1,done\nG1-H001,2026-11-01,W1,done\nG1-H002,2026-11-17,W1,not_home\n"
w("e09_oneday", {
 "scenario.yaml": HEAD("e09 one day", "2026-11-23", 1) + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G1], start: OFF, shift: ["08:30", "12:30"]}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": hist})

# e10 GB18030 CSVs with Chinese categories and '；'
pol_cn = """policies:
  - {category: 独居老人, every_days: 7, min_gap_days: 3, duration_min: 20, priority: 5}
  - {category: 空巢老人, every_days: 14, min_gap_days: 7, duration_min: 20, priority: 4}
  - {category: 低保户, every_days: 30, min_gap_days: 15, duration_min: 20, priority: 3}
  - {category: 困境儿童, every_days: 30, min_gap_days: 15, duration_min: 25, priority: 4, window: ["16:00", "17:30"]}
"""
rows = [HH]
for i in range(1, 21):
    cat = rng.choice(["独居老人", "空巢老人", "低保户", "独居老人；低保户", "空巢老人；困境儿童"])
    win = rng.choice(["", "", "09:00-11:00", "14:00-17:30"])
    rows.append(f"XG-H{i:03d},张{i},星河路{i}号,XG-01,{31.230+rng.uniform(-0.003,0.003):.6f},{121.450+rng.uniform(-0.003,0.003):.6f},{cat},,{win},,,,,备注：老人行动不便")
hhtext = "\n".join(rows) + "\n"
pttext = PP + "\nXG-P01,消防通道,XG-01,31.2310,121.4510,1,,10,,,5,,私家车占用\nXG-P02,充电棚,XG-01,31.2290,121.4490,2,,10,,,6,,飞线充电\n"
hist = "task,date,worker,result\n" + "".join(f"XG-H{i:03d},2026-11-{rng.randint(1,20):02d},W01,完成\n" for i in range(1, 16))
w("e10_gb18030", {
 "scenario.yaml": HEAD("e10 国标编码", "2026-11-23", 7).replace("locale: en", "locale: zh-Hans") + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: XG-OFFICE, name: 居委会, lat: 31.2300, lon: 121.4500}}
{pol_cn}workers:
  - {{id: W01, name: 王, grids: [XG-01], start: XG-OFFICE, shift: ["08:30", "17:30"], break: ["11:30", "13:00"]}}
households: households.csv
patrols: patrols.csv
history: visits.csv
""", "households.csv": hhtext.encode("gb18030"), "patrols.csv": pttext.encode("gb18030"), "visits.csv": hist.encode("gb18030")})

# e11 horizon starting on a Sunday holiday, overdue tasks, coincident points, inline lists, unquoted times
w("e11_inline", {
 "scenario.yaml": """name: e11 inline
locale: en
horizon:
  start: 2026-11-29
  days: 5
  holidays: [2026-11-30]
travel: {speed_kmh: 4.5, detour_factor: 1.3}
places:
  - {id: OFF, name: office, lat: 31.2300, lon: 121.4500}
policies:
  - {category: alone, every_days: 7, duration_min: 20}
  - {category: daily, every_days: 1, duration_min: 5, window: [09:00, 10:00]}
  - {category: twoday, every_days: 2, duration_min: 15}
workers:
  - {id: W1, name: a, grids: [G1], start: OFF, shift: [08:30, 12:00]}
households:
  - {id: H1, name: same place as office, grid: G1, lat: 31.2300, lon: 121.4500, categories: alone, last_visit: 2026-11-01}
  - {id: H2, name: twin a, grid: G1, lat: 31.2320, lon: 121.4520, categories: daily}
  - {id: H3, name: twin b, grid: G1, lat: 31.2320, lon: 121.4520, categories: twoday, last_visit: 2026-11-28}
  - {id: H4, name: overdue, grid: G1, lat: 31.2280, lon: 121.4480, categories: [alone, twoday], last_visit: 2026-11-15}
  - {id: H5, name: window, grid: G1, lat: 31.2290, lon: 121.4530, categories: alone, window: "10:30-11:00", weekdays: "wed;thu", last_visit: 2026-11-25}
patrols:
  - {id: P1, name: p, grid: G1, lat: 31.2320, lon: 121.4520, every_days: 1, duration_min: 10, window: "08:30-09:30"}
"""})

# e12 second worker's grid uncovered skill; preferred_worker explicit & default with file order; many workers
hh = households(rng, 25, "G1", 31.230, 121.450, ["alone", "emptynest", "nurse"]) 
hh2 = households(rng, 25, "G2", 31.236, 121.458, ["alone", "lowinc", "mental"])
rows = hh.strip().split("\n") + hh2.strip().split("\n")[1:]
rows = [r if not r.startswith("G1-H00") else r.replace(",,,,,,,", ",W3,,,,,,", 1) for r in rows]
hh = "\n".join(rows) + "\n"
w("e12_preferred", {
 "scenario.yaml": HEAD("e12 preferred", "2026-12-28", 10) + f"""travel: {{speed_kmh: 4.5, detour_factor: 1.3}}
places:
  - {{id: OFF, name: office, lat: 31.2300, lon: 121.4500}}
{POL}workers:
  - {{id: W1, name: a, grids: [G2], may_cover: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], skills: [mental-health]}}
  - {{id: W2, name: b, grids: [G1, G2], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"], skills: [nursing], days_off: [2026-12-31]}}
  - {{id: W3, name: c, grids: [G1], start: OFF, shift: ["13:00", "20:00"], break: ["17:00", "17:30"], skills: [mental-health]}}
households: households.csv
history: visits.csv
""", "households.csv": hh, "visits.csv": history(rng, [(h, "W1") for h in ids(hh)[::3]], (1, 20), "2026-12-28")})
print("ok")
