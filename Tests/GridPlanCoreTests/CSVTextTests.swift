import XCTest
@testable import GridPlanCore

/// The one CSV writer: quoting only where the format needs it, every row ended.
final class CSVTextTests: XCTestCase {
    func testFieldsAreQuotedOnlyWhenTheyHoldACommaQuoteOrLineBreak() {
        XCTAssertEqual(CSVText.encode([["id", "notes"], ["H1", "plain"], ["H2", "a, b"], ["H3", "say \"hi\""],
                                       ["H4", "two\nlines"], ["H5", "cr\r\nlf"], ["H6", ""]]),
                       "id,notes\nH1,plain\nH2,\"a, b\"\nH3,\"say \"\"hi\"\"\"\nH4,\"two\nlines\"\nH5,\"cr\r\nlf\"\nH6,\n")
    }

    func testCRLFEndsEveryRowAndNoRowsIsEmpty() {
        XCTAssertEqual(CSVText.encode([["a", "b"], ["1", "2"]], lineEnding: .crlf), "a,b\r\n1,2\r\n")
        XCTAssertEqual(CSVText.encode([]), "")
    }
}
