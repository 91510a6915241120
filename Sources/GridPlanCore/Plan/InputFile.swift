/// One file a scenario was read from, named relative to the scenario's YAML file, with the hex
/// SHA-256 of its bytes.
public struct InputFile: Sendable, Hashable, Codable {
    /// e.g. `scenario.yaml`, `households.csv`, `../shared/travel.csv` (absolute when named so).
    public var file: String
    public var sha256: String

    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }

    /// The scenario's digest over its inputs: SHA-256 of the lines `<sha256>  <file>\n`, one per
    /// input, sorted by file name in UTF-8 byte order. That is what
    /// `sha256sum FILES | LC_ALL=C sort -k2 | sha256sum` prints in the scenario's folder; it does
    /// not depend on the order the files were read in.
    public static func digest(of inputs: [InputFile]) -> String {
        let lines = inputs
            .sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
            .map { "\($0.sha256)  \($0.file)\n" }
            .joined()
        return SHA256Digest.hex(Array(lines.utf8))
    }
}
