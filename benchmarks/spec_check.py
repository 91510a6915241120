#!/usr/bin/env python3
"""A second checker of gridplan plans against the format spec (version 1), §5, in Python.

Usage: spec_check.py SCENARIO.yaml PLAN.json [--quiet] [--window-mode intersect|override] [--matrix-symmetric]

Written from the format spec alone, without reading gridplan's code, to cross-check `gridplan
check` (benchmarks/cross_check.py runs both on many plans).  Prints one line per broken rule
('rule 5.N: ...'), warnings ('warn: ...'), then a summary.  Exit 0 valid, 1 invalid,
2 unreadable input.

Scenario extensions understood (Docs/scenario-format.md): horizon.calendar (presets cn-2025,
cn-2026 as tabled there, or a calendar file) and campaigns (campaign-only stops, visits lengthened
by the campaigns they carry).  Other unknown top-level fields give a warning.
YAML booleans are read YAML-1.2 style (only true/false), so ids like OFF/ON/NO stay strings.
--matrix-symmetric: a listed A->B also serves B->A when B->A is not listed (default: directed).
--window-mode override: a household window replaces the policy window (default: intersect).

Tolerances (KPIs, §5.8): integer figures (tasks_due, visits_planned, late_task_days,
travel_min, work_min) must be exact; rates (on_time_rate, utilisation_*, continuity)
within 0.0006 (the plan writes 4 decimals); travel_km within 0.01 km absolute or
1e-4 relative (stop km written with 6 decimals, totals with 3).
"""
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import sys
from collections import defaultdict

import yaml

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DEFAULT_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
REASONS = {"no_eligible_worker", "no_working_day", "window_outside_shift", "capacity",
           "min_gap", "other"}
KNOWN_TOP = {"name", "locale", "horizon", "travel", "places", "policies", "workers",
             "households", "patrols", "history", "weights", "solver",
             "campaigns"}  # extension: Docs/scenario-format.md

class Loader(yaml.SafeLoader):
    """YAML 1.2-like booleans: only true/false (YAML 1.1 would read ids such as OFF, ON, NO, Y as booleans)."""


import re as _re
Loader.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                             _re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

MATRIX_SYMMETRIC = False  # --matrix-symmetric: a listed A->B also serves B->A when B->A is not listed
errors = []
warnings = []


def err(rule, msg):
    errors.append((rule, msg))


def warn(msg):
    warnings.append(msg)


class InputError(Exception):
    pass


# ---------------------------------------------------------------- parsing helpers

def read_text(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def read_csv(path):
    text = read_text(path)
    rows = list(csv.DictReader(io.StringIO(text)))
    out = []
    for r in rows:
        out.append({(k or "").strip(): (v.strip() if isinstance(v, str) else v) for k, v in r.items()})
    return out


def to_date(v):
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v).strip())


def to_min(v):
    """HH:MM (or YAML sexagesimal int, which PyYAML gives for unquoted 09:00) -> minutes."""
    if isinstance(v, int):
        return v
    s = str(v).strip()
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt(m):
    return "%02d:%02d" % (m // 60, m % 60)


def split_list(v, seps=(";", "；")):
    if v is None:
        return []
    if isinstance(v, list):
        return [str(x).strip() for x in v if str(x).strip() != ""]
    s = str(v)
    for sep in seps[1:]:
        s = s.replace(sep, seps[0])
    return [x.strip() for x in s.split(seps[0]) if x.strip() != ""]


def parse_window(v):
    if v is None or v == "" or v == []:
        return None
    if isinstance(v, list):
        return (to_min(v[0]), to_min(v[1]))
    s = str(v).strip()
    a, b = s.split("-")
    return (to_min(a), to_min(b))


def opt_int(v, default=None):
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return default
    return int(float(v))


def weekday_name(d):
    return WEEKDAYS[d.weekday()]


# ---------------------------------------------------------------- calendars (extension)

def _dates(items):
    out = set()
    for x in items:
        if isinstance(x, str) and ".." in x:
            a, b = (to_date(p) for p in x.split(".."))
            while a <= b:
                out.add(a)
                a += dt.timedelta(days=1)
        else:
            out.add(to_date(x))
    return out


PRESETS = {  # as tabled in Docs/scenario-format.md §5
    "cn-2025": (["2025-01-01", "2025-01-28..2025-02-04", "2025-04-04..2025-04-06",
                 "2025-05-01..2025-05-05", "2025-05-31..2025-06-02", "2025-10-01..2025-10-08"],
                ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
    "cn-2026": (["2026-01-01..2026-01-03", "2026-02-15..2026-02-23", "2026-04-04..2026-04-06",
                 "2026-05-01..2026-05-05", "2026-06-19..2026-06-21", "2026-09-25..2026-09-27",
                 "2026-10-01..2026-10-07"],
                ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
}


def load_calendar(c, base):
    c = str(c)
    if "/" in c or c.endswith(".yaml") or c.endswith(".yml"):
        with open(os.path.join(base, c), encoding="utf-8-sig") as f:
            y = yaml.load(f, Loader=Loader)
        return _dates(y.get("holidays") or []), _dates(y.get("extra_workdays") or [])
    if c not in PRESETS:
        raise InputError("unknown calendar preset %r" % c)
    hol, ext = PRESETS[c]
    return _dates(hol), _dates(ext)


# ---------------------------------------------------------------- geometry

def haversine(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dl = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------- scenario

class Scenario:
    def __init__(self, path):
        if os.path.isdir(path):
            path = os.path.join(path, "scenario.yaml")
        self.path = path
        self.dir = os.path.dirname(os.path.abspath(path))
        with open(path, "rb") as f:
            self.raw_bytes = f.read()
        y = yaml.load(self.raw_bytes.decode("utf-8-sig"), Loader=Loader)
        self.y = y
        for k in y:
            if k not in KNOWN_TOP:
                warn("scenario: top-level field %r not in spec §1 (extension?)" % k)
        self.name = y.get("name")
        h = y["horizon"]
        self.start = to_date(h["start"])
        self.days = int(h["days"])
        self.dates = [self.start + dt.timedelta(days=i) for i in range(self.days)]
        self.last = self.dates[-1]
        self.hweekdays = [str(w).lower() for w in (h.get("weekdays") or DEFAULT_WEEKDAYS)]
        self.holidays = {to_date(x) for x in (h.get("holidays") or [])}
        self.extra = {to_date(x) for x in (h.get("extra_workdays") or [])}
        # extension (Docs/scenario-format.md §5): horizon.calendar presets or files
        cal = h.get("calendar")
        for c in ([cal] if isinstance(cal, str) else (cal or [])):
            hol, ext = load_calendar(c, self.dir)
            self.holidays |= hol
            self.extra |= ext
        self.workdays = [d for d in self.dates
                         if (weekday_name(d) in self.hweekdays or d in self.extra)
                         and d not in self.holidays]
        tr = y.get("travel") or {}
        self.speed = float(tr.get("speed_kmh", 4.5))
        self.detour = float(tr.get("detour_factor", 1.0))
        self.matrix = {}
        if tr.get("matrix"):
            for r in read_csv(os.path.join(self.dir, tr["matrix"])):
                km = r.get("km")
                self.matrix[(r["from"], r["to"])] = (
                    int(float(r["minutes"])),
                    float(km) if km not in (None, "") else None)
        # locations
        self.loc = {}
        self.places = {}
        for p in y.get("places") or []:
            self.places[str(p["id"])] = p
            self.loc[str(p["id"])] = (float(p["lat"]), float(p["lon"]))
        # policies
        self.policies = {}
        for p in y.get("policies") or []:
            N = int(p["every_days"])
            M = p.get("min_gap_days")
            M = int(M) if M is not None else max(1, N // 2)
            self.policies[str(p["category"])] = dict(
                N=N, M=M, dur=int(p.get("duration_min", 0)),
                prio=int(p.get("priority", 3)),
                skills=[str(s) for s in (p.get("skills") or [])],
                need=int(p.get("workers_needed", 1)),
                window=parse_window(p.get("window")))
        # workers
        self.workers = {}
        self.worder = []
        for w in y.get("workers") or []:
            wid = str(w["id"])
            shift = parse_window(w["shift"])
            brk = parse_window(w.get("break"))
            wk = [str(x).lower() for x in (w.get("weekdays") or self.hweekdays)]
            off = {to_date(x) for x in (w.get("days_off") or [])}
            days = [d for d in self.dates
                    if (weekday_name(d) in wk or d in self.extra)
                    and d not in self.holidays and d not in off]
            self.workers[wid] = dict(
                id=wid, grids=[str(g) for g in (w.get("grids") or [])],
                may=[str(g) for g in (w.get("may_cover") or [])],
                start=str(w["start"]), end=str(w.get("end") or w["start"]),
                shift=shift, brk=brk, weekdays=wk, off=off, days=set(days),
                ndays=len(days),
                cap=opt_int(w.get("max_visits_per_day")),
                skills=set(str(s) for s in (w.get("skills") or [])),
                speed=float(w["speed_kmh"]) if w.get("speed_kmh") is not None else None)
            self.worder.append(wid)
        # history
        hist = defaultdict(list)
        if y.get("history"):
            for r in read_csv(os.path.join(self.dir, y["history"])):
                hist[r["task"]].append(to_date(r["date"]))
        self.hist = hist
        # campaigns (extension): name -> (minutes, categories, deadline)
        self.campaigns = {str(c["name"]): (int(c["duration_min"]), set(split_list(c["categories"])) if isinstance(c["categories"], str) else set(map(str, c["categories"])), to_date(c["by"]))
                          for c in (y.get("campaigns") or [])}
        # tasks
        self.tasks = {}
        hh = y.get("households")
        hrows = read_csv(os.path.join(self.dir, hh)) if isinstance(hh, str) else (hh or [])
        for r in hrows:
            self._household(r)
        pp = y.get("patrols")
        prows = read_csv(os.path.join(self.dir, pp)) if isinstance(pp, str) else (pp or [])
        for r in prows:
            self._patrol(r)
        ids = list(self.places) + list(self.workers) + list(self.tasks)
        if len(ids) != len(set(ids)):
            warn("scenario: ids not unique across places/households/patrols/workers")
        for t in self.tasks.values():
            hl = max(self.hist.get(t["id"], []), default=None)
            cl = t.pop("lv_col")
            t["L"] = max([x for x in (hl, cl) if x is not None], default=None)
            t["hist_dates"] = sorted(set(self.hist.get(t["id"], []) + ([cl] if cl else [])))
        for k in self.hist:
            if k not in self.tasks:
                warn("history: task %s unknown" % k)

    def _household(self, r):
        hid = str(r["id"])
        cats = split_list(r.get("categories"))
        pols = []
        for c in cats:
            if c not in self.policies:
                raise InputError("household %s: unknown category %r" % (hid, c))
            pols.append(self.policies[c])
        rhythm = sorted(pols, key=lambda p: (p["N"], -p["M"]))[0]
        dur = opt_int(r.get("duration_min"))
        if dur is None:
            dur = sum(p["dur"] for p in pols)
        wins = [p["window"] for p in pols if p["window"]]
        hw = parse_window(r.get("window"))
        if wins:
            w = (max(a for a, b in wins), min(b for a, b in wins))
        else:
            w = None
        pol_win = w
        if hw:
            w = hw if w is None else (max(w[0], hw[0]), min(w[1], hw[1]))
        skills = set()
        for p in pols:
            skills |= set(p["skills"])
        grid = str(r["grid"])
        pref = r.get("preferred_worker")
        pref = str(pref).strip() if pref not in (None, "") else None
        if pref is None:
            for wid in self.worder:
                if grid in self.workers[wid]["grids"]:
                    pref = wid
                    break
        wd = [x.lower() for x in split_list(r.get("weekdays"))] or None
        self.tasks[hid] = dict(
            id=hid, kind="visit", grid=grid, cats=cats,
            N=rhythm["N"], M=rhythm["M"], dur=dur,
            prio=max(p["prio"] for p in pols), skills=skills,
            need=max(p["need"] for p in pols), window=w, pol_window=pol_win, hh_window=hw,
            weekdays=wd, pref=pref, lv_col=to_date(r.get("last_visit")))
        self.loc[hid] = (float(r["lat"]), float(r["lon"]))

    def _patrol(self, r):
        pid = str(r["id"])
        N = int(float(r["every_days"]))
        M = opt_int(r.get("min_gap_days"))
        if M is None:
            M = max(1, N // 2)
        self.tasks[pid] = dict(
            id=pid, kind="patrol", grid=str(r["grid"]), N=N, M=M,
            dur=int(float(r["duration_min"])), prio=opt_int(r.get("priority"), 3),
            skills=set(split_list(r.get("skills"))), need=1,
            window=parse_window(r.get("window")), pol_window=None, hh_window=None,
            weekdays=None, pref=None, lv_col=to_date(r.get("last_visit")))
        self.loc[pid] = (float(r["lat"]), float(r["lon"]))

    def travel(self, a, b, worker):
        """(minutes, km) for leg a -> b."""
        la, lb = self.loc[a], self.loc[b]
        km = haversine(la[0], la[1], lb[0], lb[1]) * self.detour
        key = (a, b) if (a, b) in self.matrix else None
        if key is None and MATRIX_SYMMETRIC and (b, a) in self.matrix:
            key = (b, a)
        if key is not None:
            mins, mkm = self.matrix[key]
            return mins, (mkm if mkm is not None else km), "matrix" + ("" if key == (a, b) else " reversed")
        if la == lb or a == b:
            return 0, 0.0, "coincident"
        sp = worker["speed"] or self.speed
        return math.ceil(km / sp * 60 - 1e-9), km, "coords"

    def first_due(self, t):
        if t["L"] is None:
            return self.workdays[0] if self.workdays else None
        return t["L"] + dt.timedelta(days=t["N"])


def overlap(a0, a1, b):
    if b is None:
        return 0
    return max(0, min(a1, b[1]) - max(a0, b[0]))


# ---------------------------------------------------------------- checking

def late_profile(sc, t, visit_dates):
    """Return (late_days, first_late_day, due_of_first_late) per §2.

    Late on working day d when no visit (plan or history) happened in [d-N+1, d].
    A task with no last visit is due on the first working day (so late there
    unless visited that day)."""
    vs = sorted(set(visit_dates) | set(t["hist_dates"]))
    N = t["N"]
    late = 0
    first = None
    due = None
    for d in sc.workdays:
        lo = d - dt.timedelta(days=N - 1)
        if not any(lo <= v <= d for v in vs):
            late += 1
            if first is None:
                first = d
                prev = [v for v in vs if v < d]
                due = (max(prev) + dt.timedelta(days=N)) if prev else sc.workdays[0]
    return late, first, due


def check(sc, plan, window_mode="intersect"):
    if plan.get("format") != "gridplan-plan/1":
        err("4", "format is %r" % plan.get("format"))
    h = plan.get("horizon") or {}
    if to_date(h.get("start")) != sc.start or int(h.get("days", -1)) != sc.days:
        err("4", "plan horizon %s differs from scenario (%s, %d)" % (h, sc.start, sc.days))
    s = plan.get("scenario") or {}
    if s.get("name") != sc.name:
        warn("plan scenario name %r != %r" % (s.get("name"), sc.name))
    mine = hashlib.sha256(sc.raw_bytes).hexdigest()
    listed = [i.get("sha256") for i in (s.get("inputs") or [])]
    if s.get("sha256") and s["sha256"] != mine and mine not in listed:
        warn("plan scenario sha256 differs from the scenario file's (and not among inputs)")

    routes = plan.get("routes") or []
    seen_rw = set()
    # per (task, date) -> list of (worker, stop)
    events = defaultdict(list)
    camp_events = defaultdict(list)  # campaigns (extension)
    work_by_worker = defaultdict(int)
    tot_km = 0.0
    tot_min = 0
    tot_work = 0

    for ri, r in enumerate(routes):
        wid = r.get("worker")
        rname = "route %s %s" % (wid, r.get("date"))
        if wid not in sc.workers:
            err("5.1", "%s: unknown worker" % rname)
            continue
        w = sc.workers[wid]
        try:
            d = to_date(r.get("date"))
        except Exception:
            err("5.1", "%s: bad date" % rname)
            continue
        if d not in sc.dates:
            err("5.1", "%s: date outside horizon" % rname)
        elif d not in w["days"]:
            err("5.1", "%s: not a working day for %s (weekday %s)" % (rname, wid, weekday_name(d)))
        if (wid, d) in seen_rw:
            err("5.1", "%s: second route for the same worker and day" % rname)
        seen_rw.add((wid, d))
        rs, re_ = to_min(r["start"]), to_min(r["end"])
        if rs < w["shift"][0]:
            err("5.2", "%s: start %s before shift start %s" % (rname, r["start"], fmt(w["shift"][0])))
        if re_ > w["shift"][1]:
            err("5.2", "%s: end %s after shift end %s" % (rname, r["end"], fmt(w["shift"][1])))
        stops = r.get("stops") or []
        prev_loc = w["start"]
        prev_t = rs
        r_min = 0
        r_km = 0.0
        r_service = 0
        nvisits = 0
        for si, st in enumerate(stops):
            tid = st.get("task")
            sname = "%s stop %d %s" % (rname, si + 1, tid)
            t = sc.tasks.get(tid)
            if t is None:
                err("5.1", "%s: unknown task" % sname)
                continue
            # campaigns (extension): a campaign-only stop at a household; campaign minutes add to the duration
            is_camp = st.get("kind") == "campaign" and t["kind"] == "visit"
            if st.get("kind") != t["kind"] and not is_camp:
                err("5.1", "%s: kind %r, task is a %s" % (sname, st.get("kind"), t["kind"]))
            cmins = 0
            for cn in st.get("campaign") or []:
                if cn not in sc.campaigns:
                    err("campaign", "%s: unknown campaign %r" % (sname, cn)); continue
                cm, ccats, cby = sc.campaigns[cn]
                cmins += cm
                if not (ccats & set(t.get("cats") or [])):
                    err("campaign", "%s: household is in none of the categories of %r" % (sname, cn))
                if d > cby:
                    err("campaign", "%s: campaign %r delivered after its deadline %s" % (sname, cn, cby))
            if is_camp and not st.get("campaign"):
                err("campaign", "%s: campaign stop names no campaign" % sname)
            exp_dur = (0 if is_camp else t["dur"]) + cmins
            a, s0, s1 = to_min(st["arrive"]), to_min(st["start"]), to_min(st["end"])
            if a < prev_t:
                err("5.2", "%s: arrives %s before leaving previous point at %s" % (sname, st["arrive"], fmt(prev_t)))
            if s0 < a:
                err("5.3", "%s: start %s before arrive %s" % (sname, st["start"], st["arrive"]))
            if s1 - s0 != exp_dur:
                err("5.3", "%s: end-start = %d, duration is %d" % (sname, s1 - s0, exp_dur))
            mins, km, how = sc.travel(prev_loc, tid, w)
            avail = a - prev_t - overlap(prev_t, a, w["brk"])
            if avail < mins:
                err("5.3", "%s: leg %s->%s has %d min (break removed), needs %d (%s)"
                    % (sname, prev_loc, tid, avail, mins, how))
            if st.get("travel_min") != mins:
                err("4", "%s: stop travel_min %s, leg is %d (%s)" % (sname, st.get("travel_min"), mins, how))
            if abs(float(st.get("travel_km", 0)) - km) > 0.0005 + 1e-6 * km:
                err("4", "%s: stop travel_km %s, leg is %.6f (%s)" % (sname, st.get("travel_km"), km, how))
            r_min += mins
            r_km += km
            r_service += exp_dur
            if overlap(s0, s1, w["brk"]) > 0:
                err("5.4", "%s: [%s,%s] overlaps break" % (sname, st["start"], st["end"]))
            win = t["window"] if window_mode == "intersect" else (t["hh_window"] or t["pol_window"])
            if win is not None and (s0 < win[0] or s1 > win[1]):
                err("5.4", "%s: [%s,%s] outside window %s-%s" % (sname, st["start"], st["end"], fmt(win[0]), fmt(win[1])))
            if t["weekdays"] and weekday_name(d) not in t["weekdays"]:
                err("5.4", "%s: %s is not one of the household's weekdays %s" % (sname, weekday_name(d), t["weekdays"]))
            if t["grid"] not in w["grids"] and t["grid"] not in w["may"]:
                err("5.5", "%s: %s does not cover grid %s" % (sname, wid, t["grid"]))
            missing = t["skills"] - w["skills"]
            if missing:
                err("5.5", "%s: %s lacks skills %s" % (sname, wid, sorted(missing)))
            if t["kind"] == "visit" and not is_camp:
                nvisits += 1
            if is_camp:  # campaigns (extension): no visit of the rhythm (no gap, lateness, visits_planned, continuity)
                camp_events[(tid, d)].append((wid, st, s0))
            else:
                events[(tid, d)].append((wid, st, s0))
            prev_loc, prev_t = tid, s1
        # leg home
        mins, km, how = sc.travel(prev_loc, w["end"], w)
        avail = re_ - prev_t - overlap(prev_t, re_, w["brk"])
        if avail < mins:
            err("5.3", "%s: leg home %s->%s has %d min (break removed), needs %d (%s)"
                % (rname, prev_loc, w["end"], avail, mins, how))
        r_min += mins
        r_km += km
        if r.get("travel_min") != r_min:
            err("4", "%s: route travel_min %s, recomputed %d" % (rname, r.get("travel_min"), r_min))
        if abs(float(r.get("travel_km", 0)) - r_km) > 0.001 + 1e-5 * r_km:
            err("4", "%s: route travel_km %s, recomputed %.4f" % (rname, r.get("travel_km"), r_km))
        if "service_min" in r and r["service_min"] != r_service:
            err("4", "%s: service_min %s, recomputed %d" % (rname, r["service_min"], r_service))
        if w["cap"] is not None and nvisits > w["cap"]:
            err("5.6", "%s: %d visits, max_visits_per_day %d" % (rname, nvisits, w["cap"]))
        wk = re_ - rs - overlap(rs, re_, w["brk"])
        work_by_worker[wid] += wk
        tot_work += wk
        tot_km += r_km
        tot_min += r_min

    # 5.5 pairs / patrols, and visit events
    visit_dates = defaultdict(list)
    n_events = 0
    n_hh_events = 0
    n_pref = 0
    n_stops_visit = 0
    for (tid, d), lst in sorted(events.items()):
        t = sc.tasks[tid]
        need = t["need"]
        workers = [x[0] for x in lst]
        # group by start time
        by_start = defaultdict(list)
        for wid, st, s0 in lst:
            by_start[s0].append((wid, st))
        n_here = len(by_start)
        for s0, grp in by_start.items():
            ws = [g[0] for g in grp]
            if t["kind"] == "patrol" and len(grp) != 1:
                err("5.5", "patrol %s on %s at %s done by %d workers %s" % (tid, d, fmt(s0), len(grp), ws))
            if len(set(ws)) != len(ws):
                err("5.5", "task %s on %s: same worker twice" % (tid, d))
            if len(set(ws)) != need and t["kind"] == "visit":
                err("5.5", "task %s on %s at %s: %d workers %s, workers_needed %d"
                    % (tid, d, fmt(s0), len(set(ws)), ws, need))
            for wid, st in grp:
                wl = st.get("with")
                others = sorted(set(ws) - {wid})
                if sorted(wl or []) != others:
                    err("5.5", "task %s on %s: %s's `with` %s, pair is %s" % (tid, d, wid, wl, others))
            n_events += 1
            if t["kind"] == "visit":
                n_hh_events += 1
                if t["pref"] in ws:
                    n_pref += 1
        if n_here > 1:
            err("5.7", "task %s visited %d times on %s" % (tid, n_here, d))
        visit_dates[tid].append(d)

    # campaigns (extension): campaign stops keep workers_needed and `with`
    for (tid, d), lst in sorted(camp_events.items()):
        need = sc.tasks[tid]["need"]
        by_start = defaultdict(list)
        for wid, st, s0 in lst:
            by_start[s0].append((wid, st))
        for s0, grp in by_start.items():
            ws = [g[0] for g in grp]
            if len(set(ws)) != need:
                err("5.5", "campaign stop %s on %s: %d workers, workers_needed %d" % (tid, d, len(set(ws)), need))
            for wid, st in grp:
                if sorted(st.get("with") or []) != sorted(set(ws) - {wid}):
                    err("5.5", "campaign stop %s on %s: bad `with`" % (tid, d))

    # 5.7 min gap
    for tid, ds in visit_dates.items():
        t = sc.tasks[tid]
        ds = sorted(set(ds))
        prev = t["L"]
        for d in ds:
            if prev is not None and (d - prev).days < t["M"]:
                err("5.7", "task %s: visit %s only %d days after %s, min_gap_days %d"
                    % (tid, d, (d - prev).days, prev, t["M"]))
            prev = d
        # history dates after plan visits? (history inside horizon)
        for hd in t["hist_dates"]:
            for d in ds:
                if hd != d and abs((d - hd).days) < t["M"] and hd >= sc.start:
                    err("5.7", "task %s: visit %s close to history %s" % (tid, d, hd))

    # late + KPIs
    due_tasks = []
    late_calc = {}
    total_late = 0
    for tid, t in sc.tasks.items():
        fd = sc.first_due(t)
        is_due = fd is not None and fd <= sc.last
        if is_due:
            due_tasks.append(tid)
        ld, first_late, due = late_profile(sc, t, visit_dates.get(tid, []))
        if ld > 0:
            late_calc[tid] = (ld, first_late, due)
        total_late += ld
    ontime = sum(1 for tid in due_tasks if tid not in late_calc)

    plan_late = {}
    for e in plan.get("late") or []:
        if e.get("task") in plan_late:
            err("4", "late: %s listed twice" % e.get("task"))
        plan_late[e.get("task")] = e
    for tid in sorted(set(late_calc) | set(plan_late)):
        if tid not in plan_late:
            ld, fl, due = late_calc[tid]
            err("4/5.8", "late: %s has %d late days (first %s, due %s) but is not listed" % (tid, ld, fl, due))
            continue
        e = plan_late[tid]
        if tid not in late_calc:
            err("4/5.8", "late: %s listed with late_days %s but recomputes to 0" % (tid, e.get("late_days")))
            continue
        ld, fl, due = late_calc[tid]
        if e.get("late_days") != ld:
            err("4/5.8", "late: %s late_days %s, recomputed %d (first late day %s)" % (tid, e.get("late_days"), ld, fl))
        fv = min(visit_dates[tid]) if visit_dates.get(tid) else None
        pfv = to_date(e.get("first_visit")) if e.get("first_visit") else None
        if pfv != fv:
            err("4", "late: %s first_visit %s, plan's first visit %s" % (tid, e.get("first_visit"), fv))
        pdue = to_date(e.get("due")) if e.get("due") else None
        if pdue != due:
            err("4", "late: %s due %s, first missed due date recomputes to %s" % (tid, e.get("due"), due))
        if e.get("reason") not in REASONS:
            err("4", "late: %s reason %r not in the spec's list" % (tid, e.get("reason")))
        if not e.get("detail"):
            warn("late: %s has no detail" % tid)

    k = plan.get("kpis") or {}
    util = {}
    for wid, w in sc.workers.items():
        per_day = (w["shift"][1] - w["shift"][0]) - overlap(w["shift"][0], w["shift"][1], w["brk"])
        avail = per_day * w["ndays"]
        if avail > 0:
            util[wid] = work_by_worker[wid] / avail
    calc = {
        "tasks_due": len(due_tasks),
        "visits_planned": n_events,
        "late_task_days": total_late,
        "on_time_rate": (ontime / len(due_tasks)) if due_tasks else 1.0,
        "travel_km": tot_km,
        "travel_min": tot_min,
        "work_min": tot_work,
        "utilisation_min": min(util.values()) if util else 0.0,
        "utilisation_max": max(util.values()) if util else 0.0,
        "continuity": (n_pref / n_hh_events) if n_hh_events else 1.0,
    }
    for key, v in calc.items():
        if key not in k:
            err("5.8", "kpis: %s missing" % key)
            continue
        pv = k[key]
        if key in ("tasks_due", "visits_planned", "late_task_days", "travel_min", "work_min"):
            ok = pv == v
        elif key == "travel_km":
            ok = abs(pv - v) <= max(0.01, 1e-4 * v)
        else:
            ok = abs(pv - v) <= 0.0006
        if not ok:
            extra = ""
            if key == "visits_planned":
                extra = " (household visits only: %d)" % n_hh_events
            err("5.8", "kpis: %s = %s, recomputed %s%s" % (key, pv, round(v, 4) if isinstance(v, float) else v, extra))
    return calc


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in argv
    global MATRIX_SYMMETRIC
    MATRIX_SYMMETRIC = "--matrix-symmetric" in argv
    mode = "intersect"
    if "--window-mode" in argv:
        mode = argv[argv.index("--window-mode") + 1]
        args = [a for a in args if a != mode]
    if len(args) != 2:
        print(__doc__)
        return 2
    try:
        sc = Scenario(args[0])
        with open(args[1], encoding="utf-8") as f:
            plan = json.load(f)
    except (OSError, ValueError, KeyError, InputError, yaml.YAMLError) as e:
        print("cannot read input: %s: %s" % (type(e).__name__, e))
        return 2
    calc = check(sc, plan, mode)
    for m in warnings:
        if not quiet:
            print("warn: " + m)
    for rule, m in errors:
        print("rule %s: %s" % (rule, m))
    nr = len(plan.get("routes") or [])
    print("check.py: %d routes, %d tasks (%d due), %d broken rule(s), %d warning(s); kpis recomputed: %s"
          % (nr, len(sc.tasks), calc["tasks_due"], len(errors), len(warnings),
             json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in calc.items()})))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
