import ArgumentParser
import Foundation
import GridPlanCore
import GridPlanReports

extension GridPlan {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a commented starter scenario and CSV templates into a folder.",
            discussion: """
                Writes DIR/scenario.yaml (every field explained in Chinese and English), and \
                households.csv, patrols.csv, visits.csv and travel.csv with their headers and one \
                example row each. With --xlsx, the households, patrol points and history are one \
                workbook 台账.xlsx instead (sheets 住户, 巡查点, 走访记录 with Chinese headers and drop-down \
                lists, and 走访结果 for 'gridplan record --results 台账.xlsx --results-sheet 走访结果'); \
                visits.csv is then the empty history that record appends to. Existing files are never overwritten.
                """
        )

        @Option(help: "First day of the example week, YYYY-MM-DD (default: the next Monday).")
        var start: String?

        @Flag(help: "Keep households, patrol points and history in one Excel workbook 台账.xlsx.")
        var xlsx = false

        @Argument(help: "Folder to write into (created when missing).")
        var dir: String

        func run() throws {
            let startDate: CivilDate
            if let s = start {
                guard let d = CivilDate(iso: s) else { throw FileSetOutput.fail("--start must be a date YYYY-MM-DD, got '\(s)'") }
                startDate = d
            } else {
                startDate = Self.nextMonday(after: Self.today())
            }
            let files: ScenarioFileSet
            if xlsx {
                do { files = try StarterWorkbook.files(start: startDate) } catch {
                    Console.error("cannot write the starter workbook: \(error)")
                    throw ExitCode(1)
                }
            } else {
                files = StarterScenario.files(start: startDate)
            }
            let folder = URL(fileURLWithPath: dir, isDirectory: true)
            do {
                try files.write(to: folder, overwrite: false)
            } catch let e as ScenarioFileSetError {
                if case .cannotWrite = e {
                    Console.error("\(e)")
                    throw ExitCode(1)
                }
                throw FileSetOutput.fail(FileSetOutput.message(e, given: dir))
            }
            print("wrote \(files.files.map { FileSetOutput.shown($0.name, in: dir) }.joined(separator: ", "))")
            print("next: edit them, then run: gridplan validate \(FileSetOutput.shown("scenario.yaml", in: dir))")
        }

        /// Today's date in UTC+8 (China Standard Time), where the scenarios' days are.
        static func today() -> CivilDate {
            let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
            return CivilDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        }

        /// The first Monday strictly after `d`.
        static func nextMonday(after d: CivilDate) -> CivilDate {
            var x = d.adding(days: 1)
            while x.weekday != .mon { x = x.adding(days: 1) }
            return x
        }
    }
}
