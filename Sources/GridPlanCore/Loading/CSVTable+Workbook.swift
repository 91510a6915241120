import Foundation

extension CSVTable {
    /// Whether a file name names a workbook the loader reads as a sheet (`.xlsx`, `.xlsm`).
    static func isWorkbook(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }

    /// Reads one sheet of an .xlsx workbook as a table, so every check made on a CSV file applies
    /// to it unchanged; diagnostics then point at `sheet!E12`.
    ///
    /// - The sheet is `sheetName`, or the first sheet that is not hidden when nil. A sheet named but
    ///   missing is reported at `sheetReference` (the YAML field), with the sheets the workbook has.
    /// - The header is the first row with a value, unless that row holds only one merged cell spanning
    ///   several columns (a title such as `星河世纪城特殊人群台账`): then the next row with a value is.
    /// - A merged range below the header gives its value to every cell it covers (a grid written once
    ///   for ten households); a merged header cell names only its first column.
    /// - Rows with no value are skipped, as blank CSV lines are; a value right of the header's last
    ///   column is an error at its cell (as a CSV row longer than its header is).
    static func read(workbook path: String, sheet sheetName: String?, file: String, log: DiagnosticLog,
                     reference: SourceLocation?, sheetReference: SourceLocation?) -> CSVTable? {
        let at = reference ?? SourceLocation(file: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            log.error("cannot read file '\(file)': \(isDirectory.boolValue ? "it is a folder" : "no such file")", at: at)
            return nil
        }
        let book: XLSXWorkbook
        do { book = try XLSXWorkbook.open(path: path) } catch {
            log.error("cannot read workbook '\(file)': \(error)", at: SourceLocation(file: file))
            return nil
        }
        // The workbook is an input of the scenario's digest, like a CSV file.
        if let data = FileManager.default.contents(atPath: path) { log.recordRead(path: path, bytes: [UInt8](data)) }
        let chosen: XLSXWorkbook.Sheet
        if let wanted = sheetName {
            let trimmed = wanted.trimmingCharacters(in: .whitespaces)
            if let s = book.sheets.first(where: { $0.name == wanted })
                ?? book.sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == trimmed.lowercased() }) {
                chosen = s
            } else {
                let names = book.sheets.map(\.name)
                log.error("no sheet '\(wanted)' in '\(file)'; its sheets are \(names.map { "'\($0)'" }.joined(separator: ", "))"
                    + Spelling.hint(for: wanted, among: names), at: sheetReference ?? at)
                return nil
            }
        } else if let s = book.firstVisibleSheet {
            chosen = s
        } else {
            log.error("workbook '\(file)' has no sheet", at: SourceLocation(file: file))
            return nil
        }
        let cells: XLSXWorkbook.Cells
        do { cells = try book.cells(of: chosen) } catch {
            log.error("cannot read sheet '\(chosen.name)' of workbook '\(file)': \(error)", at: SourceLocation(file: file))
            return nil
        }
        return table(from: cells, sheet: chosen.name, file: file, log: log)
    }

    /// The table a sheet's cells make (see `read(workbook:…)`).
    static func table(from cells: XLSXWorkbook.Cells, sheet: String, file: String, log: DiagnosticLog) -> CSVTable? {
        var rows = cells.rows.mapValues { $0.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.value.isEmpty } }.filter { !$0.value.isEmpty }
        let numbers = rows.keys.sorted()
        func isTitle(_ r: Int) -> Bool {
            guard let row = rows[r], row.count == 1, let c = row.keys.first else { return false }
            return cells.merges.contains { $0.top == r && $0.left == c && $0.right > $0.left }
        }
        guard var headerRow = numbers.first else {
            log.error("sheet is empty; expected a header row",
                      at: SourceLocation(file: file, line: 1, sheet: sheet))
            return nil
        }
        if isTitle(headerRow), let next = numbers.dropFirst().first { headerRow = next }

        // Merged ranges below the header: every cell takes the range's value.
        for m in cells.merges where m.top > headerRow {
            guard let value = rows[m.top]?[m.left] else { continue }
            for r in m.top...m.bottom {
                for c in m.left...m.right where rows[r]?[c] == nil { rows[r, default: [:]][c] = value }
            }
        }

        for u in cells.uncomputed where u.row >= headerRow {
            log.error("the formula in this cell has no saved value (the file was written by a program that "
                + "calculates nothing); open the workbook in Excel, WPS or LibreOffice and save it",
                      at: SourceLocation(file: file, line: u.row, csvColumn: rows[headerRow]?[u.column], sheet: sheet,
                                         cellColumn: XLSXWorkbook.columnLetters(u.column)))
        }
        let headerCells = rows[headerRow] ?? [:]
        let width = headerCells.keys.max() ?? 0
        let header = (0..<width).map { headerCells[$0 + 1] ?? "" }
        let letters = (0..<width).map { XLSXWorkbook.columnLetters($0 + 1) }
        var table = CSVTable(file: file, header: header, headerLine: headerRow, rows: [], sheet: sheet,
                             columnLetters: letters)
        var seen: Set<String> = []
        for (i, name) in header.enumerated() where !name.isEmpty {
            if !seen.insert(name).inserted {
                log.error("duplicate column '\(name)' in header", at: table.location(line: headerRow, column: i))
            }
        }
        for r in rows.keys.sorted() where r > headerRow {
            let row = rows[r]!
            for (c, value) in row.sorted(by: { $0.key < $1.key }) where c > width {
                let shown = value.count > 30 ? String(value.prefix(30)) + "…" : value
                log.error("value '\(shown)' in a column with no header; name the column in row \(headerRow) or clear the cell",
                          at: SourceLocation(file: file, line: r, sheet: sheet, cellColumn: XLSXWorkbook.columnLetters(c)))
            }
            table.rows.append(Row(line: r, cells: (0..<width).map { row[$0 + 1] ?? "" }))
        }
        return table
    }
}
