import XCTest
@testable import GridPlanCore

/// The system libcrypto's SHA-256 against the FIPS 180-2 test vectors.
final class SHA256DigestTests: XCTestCase {
    func testDigestOfEmptyInputIsTheKnownValue() {
        XCTAssertEqual(SHA256Digest.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testDigestOfAbcIsTheKnownValue() {
        XCTAssertEqual(SHA256Digest.hex(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testDigestOfTwoBlockMessageIsTheKnownValue() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(SHA256Digest.hex(Array(message.utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
