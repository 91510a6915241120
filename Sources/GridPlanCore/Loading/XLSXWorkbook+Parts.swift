import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// The XML parts of an .xlsx workbook that `XLSXWorkbook` reads, each with its own small parser:
// the workbook (sheets, date system), its relationships, the shared strings, the styles (number
// formats) and a worksheet (cells and merged ranges).

extension XLSXWorkbook {
    /// An `XMLParser` delegate that hands element names without their namespace prefix (`x:row` →
    /// `row`) to `start`, `end` and `text`, and knows whether the document's root element was closed:
    /// a part cut off half-way may parse without an error, but is never `complete`.
    class PartParser: NSObject, XMLParserDelegate {
        private(set) var complete = false
        private var depth = 0

        func start(_ name: String, _ attributes: [String: String]) {}
        func end(_ name: String) {}
        func text(_ s: String) {}

        static func localName(_ name: String) -> String {
            guard let i = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: i)...])
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            depth += 1
            start(Self.localName(elementName), attributes)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            depth -= 1
            if depth == 0 { complete = true }
            end(Self.localName(elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }
    }

    /// `xl/workbook.xml`: the sheets in tab order, with their relationship ids and visibility.
    final class WorkbookParser: PartParser {
        var sheets: [(name: String, relationship: String?, hidden: Bool)] = []
        var date1904 = false

        override func start(_ name: String, _ attributes: [String: String]) {
            switch name {
            case "sheet":
                let rel = attributes.first { Self.localName($0.key) == "id" && $0.key != "sheetId" }?.value
                let state = attributes["state"] ?? "visible"
                sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", rel, state != "visible"))
            case "workbookPr":
                let v = attributes["date1904"] ?? "false"
                date1904 = v == "1" || v.lowercased() == "true"
            default: break
            }
        }
    }

    /// `xl/_rels/workbook.xml.rels`: relationship id → part path.
    final class RelationshipParser: PartParser {
        var targets: [String: String] = [:]

        override func start(_ name: String, _ attributes: [String: String]) {
            if name == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
        }
    }

    /// Shared strings: each `si` is plain (`t`) or rich text (runs `r/t`); phonetic runs (`rPh`) are not text.
    final class SharedStringsParser: PartParser {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        private var inPhonetic = false

        override func start(_ name: String, _ attributes: [String: String]) {
            switch name {
            case "si": current = ""
            case "rPh": inPhonetic = true
            case "t": inText = !inPhonetic
            default: break
            }
        }

        override func end(_ name: String) {
            switch name {
            case "si": strings.append(current)
            case "rPh": inPhonetic = false
            case "t": inText = false
            default: break
            }
        }

        override func text(_ s: String) { if inText { current += s } }
    }

    /// Number formats: custom codes by id, and each cell format's number format id, in order.
    final class StylesParser: PartParser {
        var customFormats: [Int: String] = [:]
        var cellFormats: [Int] = []
        private var inCellXfs = false

        override func start(_ name: String, _ attributes: [String: String]) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    customFormats[id] = code
                }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }

        override func end(_ name: String) { if name == "cellXfs" { inCellXfs = false } }
    }

    /// A worksheet's cells (value, type, style, whether a formula) and merged ranges.
    final class SheetParser: PartParser {
        struct RawCell {
            var row: Int
            var column: Int
            var type: String
            var style: Int
            var value = ""
            var inline = ""
            var formula = false
        }

        var cells: [RawCell] = []
        var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
        private var cell: RawCell?
        private var row = 0
        private var nextColumn = 1
        private var inValue = false
        private var inInlineText = false
        private var inPhonetic = false

        override func start(_ name: String, _ attributes: [String: String]) {
            switch name {
            case "row":
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                nextColumn = 1
            case "c":
                var r = row, c = nextColumn
                if let ref = attributes["r"], let p = XLSXWorkbook.cellReference(ref) { (r, c) = p }
                nextColumn = c + 1
                cell = RawCell(row: r, column: c, type: attributes["t"] ?? "n",
                               style: attributes["s"].flatMap { Int($0) } ?? 0)
            case "v": inValue = cell != nil
            case "f": cell?.formula = true
            case "rPh": inPhonetic = true
            case "t": inInlineText = cell != nil && !inPhonetic
            case "mergeCell":
                let parts = (attributes["ref"] ?? "").split(separator: ":").map(String.init)
                if let a = parts.first.flatMap(XLSXWorkbook.cellReference) {
                    let b = parts.count > 1 ? XLSXWorkbook.cellReference(parts[1]) ?? a : a
                    merges.append((min(a.row, b.row), min(a.column, b.column), max(a.row, b.row),
                                   max(a.column, b.column)))
                }
            default: break
            }
        }

        override func end(_ name: String) {
            switch name {
            case "c":
                if let c = cell { cells.append(c) }
                cell = nil
            case "v": inValue = false
            case "rPh": inPhonetic = false
            case "t": inInlineText = false
            default: break
            }
        }

        override func text(_ s: String) {
            if inValue { cell?.value += s } else if inInlineText { cell?.inline += s }
        }
    }
}
