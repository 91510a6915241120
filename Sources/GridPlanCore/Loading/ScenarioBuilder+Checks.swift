import Foundation

extension ScenarioBuilder {
    // MARK: - References (errors)

    /// Duplicate ids and references to unknown places, categories, workers, grids, tasks and locations.
    func checkReferences() {
        checkDuplicateIDs()

        var seenCategories: [String: SourceLocation] = [:]
        for (_, r) in policies {
            guard let c = r.peek("category") else { continue }
            if let first = seenCategories[c] {
                r.fail("category", "duplicate policy for category '\(c)'; first at \(first.shortDescription)")
            } else {
                seenCategories[c] = r.place(of: "category")
            }
        }
        let categories = policies.compactMap { $0.record.peek("category") }
        let placeIDs = places.compactMap { $0.record.peek("id") }
        let placeSet = Set(placeIDs)
        let workerIDs = workers.compactMap { $0.record.peek("id") }
        let workerSet = Set(workerIDs)
        let categorySet = Set(categories)

        for (_, r) in workers {
            for key in ["start", "end"] {
                guard let p = r.peek(key), !placeSet.contains(p) else { continue }
                r.fail(key, "unknown place '\(p)' in '\(key)' of \(r.label)\(Spelling.hint(for: p, among: placeIDs))")
            }
        }
        for (_, r) in households {
            for (c, loc) in r.peekItems("categories") where !categorySet.contains(c) {
                r.fail("unknown category '\(c)' in \(r.label)\(Spelling.hint(for: c, among: categories))", at: loc,
                       key: "categories")
            }
            if let w = r.peek("preferred_worker"), !workerSet.contains(w) {
                r.fail("preferred_worker",
                       "unknown worker '\(w)' in 'preferred_worker' of \(r.label)\(Spelling.hint(for: w, among: workerIDs))")
            }
        }
        for (_, r) in campaigns {
            for (c, loc) in r.peekItems("categories") where !categorySet.contains(c) {
                r.fail("unknown category '\(c)' in \(r.label)\(Spelling.hint(for: c, among: categories))", at: loc,
                       key: "categories")
            }
        }

        // A grid is known when some household, patrol or worker's own grids name it.
        var grids: [String] = []
        var gridSet: Set<String> = []
        func addGrid(_ g: String) { if gridSet.insert(g).inserted { grids.append(g) } }
        for (_, r) in workers { r.peekItems("grids").forEach { addGrid($0.0) } }
        for (_, r) in households { r.peek("grid").map(addGrid) }
        for (_, r) in patrols { r.peek("grid").map(addGrid) }
        for (_, r) in workers {
            for (g, loc) in r.peekItems("may_cover") where !gridSet.contains(g) {
                r.fail("unknown grid '\(g)' in 'may_cover' of \(r.label)\(Spelling.hint(for: g, among: grids))",
                       at: loc, key: "may_cover")
            }
        }

        let taskIDs = households.compactMap { $0.record.peek("id") } + patrols.compactMap { $0.record.peek("id") }
        let taskSet = Set(taskIDs)
        for (_, r) in history {
            guard let t = r.peek("task"), !taskSet.contains(t) else { continue }
            r.fail("task", "unknown task '\(t)' in history\(Spelling.hint(for: t, among: taskIDs))")
        }
        let locationIDs = placeIDs + taskIDs
        let locationSet = placeSet.union(taskSet)
        for (_, r) in matrix {
            for key in ["from", "to"] {
                guard let id = r.peek(key), !locationSet.contains(id) else { continue }
                r.fail(key, "unknown location '\(id)' in '\(key)' of travel matrix"
                    + Spelling.hint(for: id, among: locationIDs))
            }
        }
    }

    /// Ids are unique across places, workers, households and patrols.
    private func checkDuplicateIDs() {
        var seen: [String: (kind: String, at: SourceLocation)] = [:]
        let all: [(String, [FieldReader])] = [
            ("place", places.map(\.record)), ("worker", workers.map(\.record)),
            ("household", households.map(\.record)), ("patrol", patrols.map(\.record)),
        ]
        for (kind, records) in all {
            for r in records {
                guard let id = r.peek("id") else { continue }
                if let first = seen[id] {
                    r.fail("id", "duplicate id '\(id)'; already used by the \(first.kind) at \(first.at.shortDescription)")
                } else {
                    seen[id] = (kind, r.place(of: "id"))
                }
            }
        }
    }

    // MARK: - Warnings

    /// What will surely make tasks late: grids nobody covers, skills nobody has, windows outside
    /// every shift, weekdays nobody works, workers with no working day. Only records without errors count.
    func checkWarnings() {
        let validWorkers = workers.compactMap(\.model)
        let allSkills = Set(workers.flatMap { $0.record.peekItems("skills").map(\.0) })

        // A skill nobody has is a finding whatever else is wrong with the record.
        for (_, r) in policies {
            for (s, loc) in r.peekItems("skills") where !allSkills.contains(s) {
                log.warning("no worker has skill '\(s)' needed by \(r.label)", at: loc, path: r.fieldPath("skills"))
            }
        }
        for (_, r) in patrols {
            for (s, loc) in r.peekItems("skills") where !allSkills.contains(s) {
                log.warning("no worker has skill '\(s)' needed by \(r.label)", at: loc, path: r.fieldPath("skills"))
            }
        }

        guard let horizon else { return }
        let calendar = WorkingCalendar(horizon: horizon)
        for (w, r) in workers {
            guard let w, calendar.workingDays(for: w).isEmpty else { continue }
            r.warn(nil, "\(r.label) has no working day in the horizon")
        }

        for (c, r) in campaigns {
            guard let c, c.by < horizon.start else { continue }
            r.warn("by", "\(r.label) is due \(c.by.iso), before the horizon starts (\(horizon.start.iso))")
        }

        // Jobs apply the policy-combination rules (window intersection, skills, pair visits).
        let probe = Scenario(name: "", horizon: horizon, policies: policies.compactMap(\.model),
                             workers: validWorkers, households: households.compactMap(\.model),
                             patrols: patrols.compactMap(\.model))
        var recordByTask: [String: FieldReader] = [:]
        for (h, r) in households { if let h, recordByTask[h.id] == nil { recordByTask[h.id] = r } }
        for (p, r) in patrols { if let p, recordByTask[p.id] == nil { recordByTask[p.id] = r } }
        var coverers: [String: [Worker]] = [:]
        func team(covering grid: String) -> [Worker] {
            if let c = coverers[grid] { return c }
            let c = validWorkers.filter { $0.covers(grid: grid) }
            coverers[grid] = c
            return c
        }

        // Grids a worker with an error would cover cannot be judged: say nothing about them.
        var unjudged: Set<String> = []
        var judgeNoGrid = false
        for (w, r) in workers where w == nil {
            for key in ["grids", "may_cover"] {
                let items = r.peekItems(key)
                // A grid list that cannot be read at all could name any grid.
                if let n = r.node(key), n.mapping != nil || n.sequence?.contains(where: { $0.scalar == nil }) == true {
                    judgeNoGrid = true
                }
                unjudged.formUnion(items.map(\.0))
            }
        }
        guard !judgeNoGrid else { return }
        var uncovered: [(grid: String, first: FieldReader, count: Int)] = []
        var uncoveredIndex: [String: Int] = [:]
        for job in probe.jobs() {
            guard let r = recordByTask[job.id], !unjudged.contains(job.grid) else { continue }
            let team = team(covering: job.grid)
            guard !team.isEmpty else {
                if let i = uncoveredIndex[job.grid] { uncovered[i].count += 1 } else {
                    uncoveredIndex[job.grid] = uncovered.count
                    uncovered.append((job.grid, r, 1))
                }
                continue
            }
            if job.workersNeeded > team.count {
                r.warn(nil, "\(r.label) needs \(job.workersNeeded) workers together but only \(team.count) "
                    + "\(team.count == 1 ? "covers" : "cover") grid '\(job.grid)'")
            }
            if job.skills.allSatisfy(allSkills.contains),
               !team.contains(where: { w in job.skills.allSatisfy(w.skills.contains) }) {
                r.warn(nil, "no worker covering grid '\(job.grid)' has the skills \(r.label) needs "
                    + "(\(job.skills.joined(separator: ", ")))")
            }
            if job.windowIsEmpty {
                r.warn(r.has("window") ? "window" : nil,
                       "the windows of \(r.label) and of its categories share no minute")
            } else if let window = job.window,
                      !team.contains(where: { Self.minutesFree(in: window, for: $0) >= job.durationMin }) {
                r.warn(r.has("window") ? "window" : nil,
                       "window \(window) of \(r.label) lies outside the shift of every worker covering grid '\(job.grid)'")
            }
            if let days = job.weekdays {
                let possible = horizon.dates.contains { d in
                    days.contains(d.weekday) && team.contains { calendar.isWorkingDay(d, for: $0) }
                }
                if !possible {
                    r.warn("weekdays", "no worker covering grid '\(job.grid)' works on the weekdays of \(r.label) "
                        + "(\(days.map(\.name).joined(separator: ", "))) in the horizon")
                }
            }
        }
        for u in uncovered {
            let more = u.count > 1 ? " and \(u.count - 1) more \(u.count == 2 ? "task" : "tasks")" : ""
            u.first.warn("grid", "no worker covers grid '\(u.grid)' of \(u.first.label)\(more)")
        }
    }

    /// Minutes of `window` inside `worker`'s shift and outside its break.
    static func minutesFree(in window: TimeWindow, for worker: Worker) -> Int {
        guard let inside = window.intersection(worker.shift) else { return 0 }
        let lost = worker.breakTime.map { inside.overlap($0.start.minutes, $0.end.minutes) } ?? 0
        return inside.lengthMinutes - lost
    }
}
