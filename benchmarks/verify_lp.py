#!/usr/bin/env python3
"""Solves an LP file written by `gridplan plan --write-lp` with an independent MIP solver (HiGHS).

Used by Docs/benchmarks.md to check what plan.json's `solver` block claims: the objective of the
plan's assignment must be no better than HiGHS's optimum, and its bound no higher.

    pip install highspy
    python3 benchmarks/verify_lp.py model.lp [--time-limit 300] [--plan plan.json]
"""
import argparse
import json
import sys

import highspy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--time-limit", type=float, default=300)
    ap.add_argument("--plan", help="plan.json to compare with")
    ap.add_argument("--gap", type=float, default=1e-4)
    a = ap.parse_args()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", a.time_limit)
    h.setOptionValue("mip_rel_gap", a.gap)
    h.setOptionValue("random_seed", 1)
    if h.readModel(a.lp) != highspy.HighsStatus.kOk:
        sys.exit(f"cannot read {a.lp}")
    h.run()
    info = h.getInfo()
    out = {"status": h.modelStatusToString(h.getModelStatus()), "objective": info.objective_function_value,
           "bound": info.mip_dual_bound, "gap": info.mip_gap, "seconds": h.getRunTime()}
    if a.plan:
        s = json.load(open(a.plan))["solver"]
        out["plan_objective"] = s["objective"]
        out["plan_bound"] = s["bound"]
        out["plan_vs_highs_objective"] = (s["objective"] - out["objective"]) / max(1, abs(out["objective"]))
        out["plan_bound_valid"] = s["bound"] <= out["objective"] + 1e-6 * max(1, abs(out["objective"]))
        out["plan_objective_valid"] = s["objective"] >= out["bound"] - 1e-6 * max(1, abs(out["bound"]))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
