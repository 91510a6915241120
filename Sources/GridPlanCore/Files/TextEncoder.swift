import Foundation

/// Encodes text for files that must keep their encoding.
public enum TextEncoder {
    /// `text` as GB18030 bytes (through `iconv`); nil if the conversion fails.
    public static func gb18030(_ text: String) -> [UInt8]? {
        Iconv.convert(Array(text.utf8), from: "UTF-8", to: "GB18030")
    }
}
