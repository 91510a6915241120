import ArgumentParser
import Foundation
import GridPlanCheck
import GridPlanCore
import GridPlanReports
import GridPlanRun
import GridPlanSolver

extension GridPlan {
    /// `gridplan replan SCENARIO --plan PLAN --from DATE [--absent W[:DATE..DATE]]… [--urgent TASK]… [--out DIR]`.
    struct Replan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replan",
            abstract: "Re-plan the rest of a period after a disruption, changing as few stops as possible.",
            discussion: """
                Routes before --from stay exactly as they were (their stops count as visits for the gap \
                rules and lateness). An absent worker gets days off: --absent W02 from --from to the end of \
                the plan, --absent W02:2026-02-25 for one day, --absent W02:2026-02-25..2026-02-27 for a \
                range. An urgent task (--urgent FL-01-H003) must be visited on --from or the next working day. \
                The rest is planned again with a penalty for every stop that changes worker or day.

                Writes DIR/plan.json (with the changes in its replan block), DIR/changes.csv (task, name, old \
                worker, old date, new worker, new date, why; in the scenario's language) and the reports (the \
                roster lists the changes; daily lists, calendars), and prints the changes grouped by worker. DIR defaults to replan-<DATE> next to the old plan; \
                the old plan is never overwritten.

                Exit status: 0 re-planned, 1 solving or writing failed, 2 invalid input.
                """)

        @Argument(help: ArgumentHelp("The scenario YAML file the plan was made for (or a folder holding scenario.yaml).", valueName: "scenario"))
        var scenario: String

        @Option(name: .customLong("plan"), help: ArgumentHelp("The plan being carried out.", valueName: "plan"))
        var plan: String

        @Option(name: .customLong("from"), help: ArgumentHelp("First day to re-plan (YYYY-MM-DD).", valueName: "date"))
        var from: String

        @Option(name: .customLong("absent"), help: ArgumentHelp("An absent worker: W, W:DATE or W:DATE..DATE (repeatable).", valueName: "W[:DATE..DATE]"))
        var absent: [String] = []

        @Option(name: .customLong("urgent"), help: ArgumentHelp("A task to visit on --from or the next working day (repeatable).", valueName: "task"))
        var urgent: [String] = []

        @Option(name: .customLong("out"), help: ArgumentHelp("Folder for plan.json and changes.csv.", valueName: "DIR"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("Seconds for the re-plan (default: the scenario's solver.time_limit_s, else 60).", valueName: "S"))
        var timeLimit: Double?

        @Option(name: .long, help: ArgumentHelp("Objective cost of one changed stop (default 100; a late day costs 1000 × priority).", valueName: "C"))
        var changePenalty: Double = CycleObjective.defaultChangePenalty

        func validate() throws {
            if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
            if !(changePenalty.isFinite && changePenalty >= 0) { throw ValidationError("--change-penalty must be a number ≥ 0") }
            if CivilDate(iso: from) == nil { throw ValidationError("--from '\(from)' is not a date YYYY-MM-DD") }
        }

        func run() throws {
            // A folder holding scenario.yaml stands for that file, in every path worked out below.
            let scenario = ScenarioLoader.scenarioFile(self.scenario)
            let loaded = ScenarioLoader.load(path: scenario)
            guard let s = loaded.resolved else {
                Console.report(loaded.errors)
                Console.error("the scenario has errors; run 'gridplan validate \(scenario)'", at: scenario)
                throw ExitCode(2)
            }
            let old = try CycleOutput.readPlan(plan)
            CycleOutput.warnIfStale(old, path: plan, scenario: s.scenario, doing: "replanning from the files on disk")
            let date = CivilDate(iso: from)!
            let setup: ReplanSetup
            var given: [Absence] = []
            do {
                for a in absent { given.append(try Absence.parse(a, defaultFrom: date, defaultThrough: s.horizon.end).get()) }
                // A re-plan of a re-plan keeps the absences the plan was made for, from --from on.
                let carried = (old.absences ?? []).compactMap { $0.clipped(from: date, through: s.horizon.end) }
                for a in carried {
                    Console.note("\(a.worker) stays absent \(a.from.iso)..\(a.through.iso), as in the plan being re-planned")
                }
                setup = try ReplanSetup.make(scenario: s, plan: old, from: date,
                                             disruption: Disruption(absences: carried + given, urgent: urgent))
            } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            for n in setup.notes { Console.note(n) }

            let dir = out ?? CyclePaths.resolve("replan-\(date.iso)", against: CyclePaths.folder(of: plan))
            let planPath = CyclePaths.resolve("plan.json", against: dir)
            if URL(fileURLWithPath: planPath).standardizedFileURL.path == URL(fileURLWithPath: plan).standardizedFileURL.path {
                Console.error("would overwrite the old plan; choose another --out", at: planPath)
                throw ExitCode(2)
            }
            // The reports include a visits.csv: never let them (or plan.json) land on an input file.
            let folder = URL(fileURLWithPath: dir)
            do {
                try PlanRun.refuseInputClash(PlanRun.fileNames(for: s, extra: ["changes.csv"])
                    .map { folder.appendingPathComponent($0) }, scenario: s.scenario)
            } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            var options = PlanOptions(timeLimitSeconds: timeLimit)
            options.cycle.changePenalty = changePenalty
            // Never hand out a plan that breaks a rule: PlanRun checks it before anything is written.
            let result: ReplanResult
            do {
                result = try PlanRun.replan(setup, oldPlan: old, scenario: s, options: options)
            } catch PlanRun.Failure.breaksRules(let violations) {
                for v in violations.prefix(20) { Console.error(v.description) }
                Console.failure(PlanRun.Failure.breaksRules(violations))
                throw ExitCode(1)
            } catch {
                Console.failure(error)
                throw ExitCode(1)
            }
            var newPlan = result.plan
            let absences = (old.absences ?? []) + given
            newPlan.absences = absences.isEmpty ? nil : absences
            // The changes go into plan.json, from which the roster and changes.csv list them.
            newPlan.replan = ReplanRecord(from: date, changes: result.changes)
            do {
                try PlanRun.write(newPlan, scenario: s, to: folder)
            } catch {
                Console.failure(error, context: "cannot write into \(dir)")
                throw ExitCode(1)
            }
            for t in result.notFirst {
                Console.note("urgent \(t) is planned on time but could not be made the first stop of its day")
            }
            let k = newPlan.kpis
            let moved = Set(result.changes.map(\.task)).count
            print("re-planned \(s.name) from \(date.iso): \(result.changes.count) change\(result.changes.count == 1 ? "" : "s") "
                + "(\(moved) task\(moved == 1 ? "" : "s")); late task-days \(old.kpis.lateTaskDays) → \(k.lateTaskDays)")
            print("")
            print(PlanChanges.byWorker(result.changes, scenario: s), terminator: "")
            print("")
            print("wrote \(planPath), \(CyclePaths.resolve("changes.csv", against: dir)) and the reports "
                + "(roster, daily lists, calendars) in \(dir)")
        }
    }
}
