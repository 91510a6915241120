import ArgumentParser
import Foundation
import GridPlanCore

extension GridPlan {
    /// `gridplan next SCENARIO [--out FILE]`: writes next period's scenario.
    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "next",
            abstract: "Write next period's scenario: the horizon moved on, past leave and holidays dropped.",
            discussion: """
                The horizon's start moves by its number of days; holidays, extra workdays and workers' \
                days_off before the new start are dropped; a week label such as 2026-W09 (or the old start \
                date) in the name is updated. Everything else — comments, order, quoting — is kept as \
                written: the file is edited where the values are, not rewritten. The history file stays \
                the same, so run 'gridplan record' first.

                The default output is the scenario's name with the new start date \
                (scenario.yaml → scenario-2026-03-02.yaml; w-2026-02-23.yaml → w-2026-03-02.yaml). The input \
                is never overwritten, nor an existing file unless --force is given. The new scenario is \
                loaded before it is written and must have no error.

                Exit status: 0 written, 1 cannot write, 2 a bad scenario or output path.
                """)

        @Argument(help: ArgumentHelp("The scenario YAML file of this period (or a folder holding scenario.yaml).", valueName: "scenario"))
        var scenario: String

        @Option(name: .customLong("out"), help: ArgumentHelp("Where to write the new scenario.", valueName: "file"))
        var out: String?

        @Flag(name: .customLong("force"), help: "Overwrite an existing output file (never the input).")
        var force = false

        func run() throws {
            // A folder holding scenario.yaml stands for that file, in every path worked out below.
            let scenario = ScenarioLoader.scenarioFile(self.scenario)
            let loaded = ScenarioLoader.load(path: scenario)
            guard let s = loaded.scenario, let data = FileManager.default.contents(atPath: scenario),
                  let decoded = TextDecoder.decode([UInt8](data)) else {
                Console.report(loaded.errors)
                Console.error("the scenario has errors; run 'gridplan validate \(scenario)'", at: scenario)
                throw ExitCode(2)
            }
            let newStart = s.horizon.start.adding(days: s.horizon.days)
            let target = out ?? NextPeriod.defaultOutputPath(for: scenario, oldStart: s.horizon.start, newStart: newStart)
            let inURL = URL(fileURLWithPath: scenario).standardizedFileURL.resolvingSymlinksInPath()
            let outURL = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
            if inURL.path == outURL.path {
                Console.error("refusing to overwrite the input scenario; name another --out", at: target)
                throw ExitCode(2)
            }
            if FileManager.default.fileExists(atPath: target), !force {
                Console.error("the file exists; pass --force to overwrite it or name another --out", at: target)
                throw ExitCode(2)
            }
            let fromDir = CyclePaths.folder(of: scenario)
            let toDir = CyclePaths.folder(of: target)
            let next: NextPeriod
            do {
                next = try NextPeriod.roll(yaml: decoded.text, scenario: s, relocate: { name in
                    NextPeriod.relativeName(name, from: fromDir, to: toDir)
                })
            } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            let check = ScenarioLoader.load(yaml: next.yaml, file: target, baseDirectory: toDir)
            if check.hasErrors {
                Console.report(check.errors)
                Console.error("not written: the new scenario would have errors", at: target)
                throw ExitCode(1)
            }
            var bytes = Array(next.yaml.utf8)
            if decoded.encoding == .utf8WithBOM { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            do { try AtomicFile.replace(path: target, with: Data(bytes), backupPath: nil) } catch {
                Console.failure(error)
                throw ExitCode(1)
            }
            print("wrote \(target): \(newStart.iso) .. \(newStart.adding(days: s.horizon.days - 1).iso)")
            for c in next.changes { print("  \(c)") }
            if let h = s.source?.historyPath {
                let recorded = s.history.contains { $0.date >= s.horizon.start }
                if !recorded {
                    print("note: \(h) holds nothing from \(s.horizon.start.iso) on; "
                        + "run 'gridplan record \(scenario) --plan PLAN' before planning the new period")
                }
            } else {
                print("note: the scenario names no history file; run 'gridplan record' so next period knows what was done")
            }
        }
    }
}
