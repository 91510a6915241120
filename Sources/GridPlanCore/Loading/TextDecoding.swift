import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encodings gridplan accepts for scenario files and CSV tables.
public enum TextEncoding: String, Sendable, Hashable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 starting with the byte-order mark EF BB BF (what Excel writes for "CSV UTF-8").
    case utf8WithBOM = "UTF-8 with BOM"
    /// GB18030 (what Chinese Excel writes for plain "CSV").
    case gb18030 = "GB18030"
}

/// Text decoded from a file's bytes, with the encoding that was detected.
public struct DecodedText: Sendable, Hashable {
    /// The text, without a byte-order mark.
    public var text: String
    /// The encoding the bytes were in.
    public var encoding: TextEncoding

    public init(text: String, encoding: TextEncoding) {
        self.text = text
        self.encoding = encoding
    }
}

/// Decodes file bytes by detection, never by asking: UTF-8 with a byte-order mark, plain UTF-8,
/// else GB18030 (through the C library's `iconv`, which is reliable on Linux where Foundation's
/// GB18030 support is not).
public enum TextDecoder {
    /// Decodes `bytes`; nil when they are neither UTF-8 nor GB18030.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func decode(_ bytes: [UInt8]) -> DecodedText? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            guard let s = utf8(bytes[3...]) else { return nil }
            return DecodedText(text: s, encoding: .utf8WithBOM)
        }
        if let s = utf8(bytes[...]) { return DecodedText(text: s, encoding: .utf8) }
        if let s = gb18030(bytes) { return DecodedText(text: s, encoding: .gb18030) }
        return nil
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        var it = bytes.makeIterator()
        var codec = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch codec.decode(&it) {
            case .scalarValue(let u): scalars.append(u)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }

    /// Converts GB18030 bytes to a String with `iconv`; nil on an invalid or incomplete sequence.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        guard let out = Iconv.convert(bytes, from: "GB18030", to: "UTF-8") else { return nil }
        return utf8(out[...])
    }
}

/// glibc's `iconv`, for the one encoding Foundation on Linux cannot be trusted with (GB18030).
enum Iconv {
    /// `bytes` converted from the encoding `from` to `to`; nil on an invalid or incomplete sequence.
    static func convert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        let cd = iconv_open(to, from)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        if bytes.isEmpty { return [] }
        var input = bytes.map { CChar(bitPattern: $0) }
        // At most 4 bytes per character either way; 2 × input + 8 is ample for UTF-8 ↔ GB18030.
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 8)
        let capacity = output.count
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuf -> Int? in
            output.withUnsafeMutableBufferPointer { outBuf -> Int? in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = capacity
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return nil }
                return capacity - outLeft
            }
        }
        guard let n = converted else { return nil }
        return output[0..<n].map { UInt8(bitPattern: $0) }
    }
}
