#!/usr/bin/env python3
"""A second, separate checker for `gridplan bench --solutions DIR` output.

It shares nothing with the Swift code: it reads the raw instance files itself (Cordeau PVRP type 1/5,
Solomon VRPTW) and the `.sol` files in the literature's form, recomputes every route's length from the
coordinates, and checks the rules (patterns, one visit per day, vehicles per day, capacity, duration
D = travel + service, time windows with waiting, depot closing time). Prints one line per solution and
exits 1 if any solution breaks a rule or states a cost that differs from the recomputed one.

    python3 benchmarks/check_solutions.py DIR benchmarks/data/pvrp/*.txt benchmarks/data/solomon/*.txt

With --duration-with-waiting, each route is also held to D measured as its return time minus the latest departure
that still gives the earliest return (waiting at customers counted, none before the first one), as the
time-window literature is understood to read D (unconfirmed, see benchmarks/data/pvrptw/README.md);
gridplan itself checks D = travel + service.
"""
import math
import os
import sys


def read_instance(path):
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    if "VEHICLE" in text.upper() and "CUSTOMER" in text.upper():
        nodes, vehicles, capacity, section = [], 0, 0.0, ""
        for line in text.split("\n"):
            u = line.strip().upper()
            if u.startswith("VEHICLE"):
                section = "v"; continue
            if u.startswith("CUSTOMER"):
                section = "c"; continue
            try:
                v = [float(x) for x in line.split()]
            except ValueError:
                continue
            if not v:
                continue
            if section == "v":
                vehicles, capacity = int(v[0]), v[1]
            elif section == "c":
                nodes.append(dict(x=v[1], y=v[2], q=v[3], e=v[4], l=v[5], d=v[6], patterns=[(0,)]))
        return dict(kind="solomon", m=vehicles, t=1, Q=[capacity], D=[math.inf], nodes=nodes)
    rows = [[float(x) for x in l.split()] for l in text.split("\n") if l.strip()]
    typ, m, n, t = (int(x) for x in rows[0][:4])
    D = [r[0] if r[0] > 0 else math.inf for r in rows[1:1 + t]]
    Q = [r[1] for r in rows[1:1 + t]]
    nodes = []
    for r in rows[1 + t:2 + t + n]:
        a = int(r[6])
        pats = []
        for code in r[7:7 + a]:
            code = int(code)
            pats.append(tuple(day for day in range(t) if (code >> (t - 1 - day)) & 1))
        e, l = (r[7 + a], r[8 + a]) if len(r) >= 9 + a else (0.0, math.inf)
        nodes.append(dict(x=r[1], y=r[2], d=r[3], q=r[4], e=e, l=l, patterns=pats))
    return dict(kind="pvrp", m=m, t=t, Q=Q, D=D, nodes=nodes)


def read_solution(path, kind):
    lines = [l.split() for l in open(path, encoding="utf-8") if l.strip()]
    routes, stated = [], None
    if kind == "pvrp":
        stated = float(lines[0][0])
        for f in lines[1:]:
            day, veh = int(f[0]) - 1, int(f[1]) - 1
            stops = [int(x) for x in f[4:]]
            assert stops[0] == 0 and stops[-1] == 0, f"{path}: a route must start and end at 0"
            routes.append((day, veh, stops[1:-1]))
    else:
        for i, f in enumerate(lines):
            if f[0] == "Route":
                routes.append((0, i, [int(x) for x in f[3:]]))
            elif f[0] == "Cost":
                stated = float(f[1])
    return routes, stated


def duration_with_waiting(nodes, stops, dist):
    """Earliest return when leaving at the depot's opening, minus the latest departure with that return."""
    time, prev = nodes[0]["e"], 0
    for c in stops:
        time = max(time + dist(prev, c), nodes[c]["e"]) + nodes[c]["d"]
        prev = c
    back = time + dist(prev, 0)
    latest, nxt = back, 0
    for c in reversed(stops):
        latest = min(nodes[c]["l"], latest - dist(c, nxt) - nodes[c]["d"])
        nxt = c
    depart = max(nodes[0]["e"], latest - dist(0, stops[0])) if stops else back
    return back - depart


def check(inst, routes, with_waiting=False):
    nodes, bad, total = inst["nodes"], [], 0.0
    dist = lambda a, b: math.hypot(nodes[a]["x"] - nodes[b]["x"], nodes[a]["y"] - nodes[b]["y"])
    days_of = {c: [] for c in range(1, len(nodes))}
    used = set()
    for day, veh, stops in routes:
        if (day, veh) in used or not 0 <= veh < inst["m"] or not 0 <= day < inst["t"]:
            bad.append(f"day {day + 1} vehicle {veh + 1}: not an available vehicle")
        used.add((day, veh))
        prev, time, travel, service, load = 0, nodes[0]["e"], 0.0, 0.0, 0.0
        for c in stops:
            leg = dist(prev, c)
            travel += leg
            time = max(time + leg, nodes[c]["e"])
            if time > nodes[c]["l"] + 1e-6:
                bad.append(f"day {day + 1}: customer {c} starts after {nodes[c]['l']}")
            time += nodes[c]["d"]
            service += nodes[c]["d"]
            load += nodes[c]["q"]
            days_of[c].append(day)
            prev = c
        travel += dist(prev, 0)
        time += dist(prev, 0)
        total += travel
        if time > nodes[0]["l"] + 1e-6:
            bad.append(f"day {day + 1} vehicle {veh + 1}: back after the depot closes")
        if load > inst["Q"][day] + 1e-9:
            bad.append(f"day {day + 1} vehicle {veh + 1}: load {load} > {inst['Q'][day]}")
        if travel + service > inst["D"][day] + 1e-6:
            bad.append(f"day {day + 1} vehicle {veh + 1}: duration {travel + service:.2f} > {inst['D'][day]}")
        if with_waiting and inst["D"][day] < math.inf:
            waited = duration_with_waiting(nodes, stops, dist)
            if waited > inst["D"][day] + 1e-6:
                bad.append(f"day {day + 1} vehicle {veh + 1}: duration with waiting {waited:.2f} > {inst['D'][day]}")
    for c, days in days_of.items():
        if tuple(sorted(days)) not in [tuple(p) for p in nodes[c]["patterns"]]:
            bad.append(f"customer {c}: days {[d + 1 for d in sorted(days)]} match none of its patterns")
    return total, bad


def main(argv):
    with_waiting = "--duration-with-waiting" in argv
    argv = [a for a in argv if a != "--duration-with-waiting"]
    if len(argv) < 3:
        print(__doc__)
        return 2
    folder, failed = argv[1], False
    for path in argv[2:]:
        name = os.path.splitext(os.path.basename(path))[0]
        sol = os.path.join(folder, name + ".sol")
        if not os.path.exists(sol):
            continue
        inst = read_instance(path)
        routes, stated = read_solution(sol, inst["kind"])
        total, bad = check(inst, routes, with_waiting)
        if stated is not None and abs(round(total, 2) - stated) > 0.011:
            bad.append(f"stated cost {stated} but the routes measure {total:.2f}")
        failed |= bool(bad)
        print(f"{name}: {total:.2f} {'valid' if not bad else 'INVALID'}")
        if with_waiting and bad:
            print(f"  {sum('with waiting' in b for b in bad)} of {len(routes)} routes over D counting waiting")
        for b in bad[:10]:
            print(f"  {b}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
