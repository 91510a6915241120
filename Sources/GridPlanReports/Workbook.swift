import CXLSXWriter
import Foundation
import GridPlanCore

/// Why a workbook could not be written.
public struct WorkbookError: Error, CustomStringConvertible {
    public var description: String
}

/// An .xlsx workbook written through libxlsxwriter (Debian's libxlsxwriter-dev), in memory for the
/// caller: libxlsxwriter writes to a temporary file that `finish()` reads back and removes, so
/// callers write the bytes atomically with the other reports.
///
/// Every text cell is a string cell (never a formula) and text that a spreadsheet could take for a
/// formula (`=…`, `+…`, `-…`, `@…`) gets the same leading `'` as the CSV reports. The document's
/// creation time is fixed by the caller, so the same content gives the same bytes.
final class Workbook {
    private let path: String
    private var book: UnsafeMutablePointer<lxw_workbook>?
    /// C strings handed to libxlsxwriter, freed after the workbook is closed.
    private var retained: [UnsafeMutablePointer<CChar>] = []
    private(set) var header: UnsafeMutablePointer<lxw_format>!
    private(set) var dateFormat: UnsafeMutablePointer<lxw_format>!
    private(set) var timeFormat: UnsafeMutablePointer<lxw_format>!
    private(set) var decimalFormat: UnsafeMutablePointer<lxw_format>!
    private(set) var percentFormat: UnsafeMutablePointer<lxw_format>!
    private(set) var wrapFormat: UnsafeMutablePointer<lxw_format>!
    private(set) var titleFormat: UnsafeMutablePointer<lxw_format>!

    /// - Parameter created: the date the document says it was created (not the clock: determinism).
    init(title: String, created: CivilDate) throws {
        path = NSTemporaryDirectory() + "gridplan-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx"
        guard let b = workbook_new(path) else { throw WorkbookError(description: "libxlsxwriter cannot create \(path)") }
        book = b
        var props = lxw_doc_properties()
        props.title = keep(title)
        props.author = keep("gridplan")
        props.created = time_t(created.dayNumber * 86_400 + 8 * 3600)
        workbook_set_properties(b, &props)
        header = workbook_add_format(b)
        format_set_bold(header)
        format_set_bg_color(header, 0xDDEBF7)
        format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_text_wrap(header)
        format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        dateFormat = workbook_add_format(b)
        format_set_num_format(dateFormat, "yyyy-mm-dd")
        timeFormat = workbook_add_format(b)
        format_set_num_format(timeFormat, "hh:mm")
        decimalFormat = workbook_add_format(b)
        format_set_num_format(decimalFormat, "0.0##")
        percentFormat = workbook_add_format(b)
        format_set_num_format(percentFormat, "0.0%")
        wrapFormat = workbook_add_format(b)
        format_set_text_wrap(wrapFormat)
        format_set_align(wrapFormat, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        titleFormat = workbook_add_format(b)
        format_set_bold(titleFormat)
        format_set_font_size(titleFormat, 13)
    }

    deinit {
        if let b = book { workbook_close(b) }
        try? FileManager.default.removeItem(atPath: path)
        retained.forEach { free($0) }
    }

    /// A C string that lives as long as the workbook.
    func keep(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        retained.append(p)
        return p
    }

    /// A new sheet; `name` is cut to Excel's 31 characters and rid of the characters Excel forbids.
    func addSheet(_ name: String) -> Sheet {
        var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if clean.isEmpty { clean = "Sheet" }
        return Sheet(book: self, sheet: workbook_add_worksheet(book, clean))
    }

    /// Closes the workbook and returns its bytes.
    func finish() throws -> Data {
        guard let b = book else { throw WorkbookError(description: "workbook already finished") }
        book = nil
        let status = workbook_close(b)
        guard status == LXW_NO_ERROR else {
            throw WorkbookError(description: "libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbookError(description: "cannot read back \(path)")
        }
        return data
    }

    /// One worksheet. Rows and columns are 0-based, as libxlsxwriter counts them.
    struct Sheet {
        let book: Workbook
        let sheet: UnsafeMutablePointer<lxw_worksheet>?

        /// A text cell (formula-like text defused; empty text leaves the cell empty).
        func text(_ row: Int, _ col: Int, _ s: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
            guard !s.isEmpty else { return }
            worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(col), Escape.csvCell(s), format)
        }

        func number(_ row: Int, _ col: Int, _ v: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
            worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(col), v, format)
        }

        /// A date cell shown `yyyy-mm-dd`.
        func date(_ row: Int, _ col: Int, _ d: CivilDate) {
            let c = d.components
            var dt = lxw_datetime(year: Int32(c.year), month: Int32(c.month), day: Int32(c.day), hour: 0, min: 0, sec: 0)
            worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(col), &dt, book.dateFormat)
        }

        /// A time-of-day cell shown `hh:mm`.
        func time(_ row: Int, _ col: Int, _ t: TimeOfDay) {
            // Excel's times are fractions of a day; libxlsxwriter takes year 0 for a time alone.
            number(row, col, Double(t.minutes) / 1440, book.timeFormat)
        }

        /// The header row (row 0) with each column's width, frozen, and an autofilter over `rows` data
        /// rows; printed on A4 landscape, one page wide, with the header repeated on every page.
        func table(header: [(String, Double)], rows: Int) {
            for (i, (name, width)) in header.enumerated() {
                worksheet_write_string(sheet, 0, lxw_col_t(i), name, book.header)
                worksheet_set_column(sheet, lxw_col_t(i), lxw_col_t(i), width, nil)
            }
            worksheet_freeze_panes(sheet, 1, 0)
            // Printed: A4 landscape, one page wide, the header on every page.
            worksheet_set_landscape(sheet)
            worksheet_set_paper(sheet, 9)
            worksheet_fit_to_pages(sheet, 1, 0)
            worksheet_repeat_rows(sheet, 0, 0)
            if !header.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows, 1)), lxw_col_t(header.count - 1))
            }
        }

        /// A drop-down list on column `col`, rows `first...last`: `values` when they fit Excel's 255
        /// characters, else a reference `source` (such as `'列表'!$A$2:$A$40`).
        func dropDown(col: Int, first: Int, last: Int, values: [String], source: String?) {
            guard !values.isEmpty else { return }
            var v = lxw_data_validation()
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
            v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
            let joined = values.joined(separator: ",")
            var list: [UnsafeMutablePointer<CChar>?] = []
            if joined.utf16.count <= 250 || source == nil {
                list = values.prefix(200).map { book.keep($0) } + [nil]
            } else {
                v.value_formula = book.keep("=" + source!)
            }
            list.withUnsafeMutableBufferPointer { buffer in
                if !buffer.isEmpty { v.value_list = buffer.baseAddress }
                worksheet_data_validation_range(sheet, lxw_row_t(first), lxw_col_t(col), lxw_row_t(last),
                                                lxw_col_t(col), &v)
            }
        }

        /// Column `col`'s width and the format empty cells typed into it get (a date column).
        func columnFormat(_ col: Int, width: Double, _ format: UnsafeMutablePointer<lxw_format>?) {
            worksheet_set_column(sheet, lxw_col_t(col), lxw_col_t(col), width, format)
        }
    }
}
