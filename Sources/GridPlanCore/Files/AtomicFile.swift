import Foundation

/// gridplan's one way of writing a file: the new bytes go to a temporary file in the same folder,
/// which `rename(2)` puts over the target in one step, so a reader sees the old file or the new
/// one, never half a file, and a failed write leaves the old file as it was.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `data`, creating its folder when missing; when
    /// `backupPath` is given and the file exists, the current file is first copied there.
    ///
    /// - Throws: `CycleError.cannotWrite` naming the file; on failure the file at `path` is unchanged.
    public static func replace(path: String, with data: Data, backupPath: String? = nil) throws {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CycleError.cannotWrite(path: path, why: "cannot create its folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        guard fm.createFile(atPath: temporary, contents: data) else {
            throw CycleError.cannotWrite(path: path, why: "cannot create \(temporary)")
        }
        if let backup = backupPath, fm.fileExists(atPath: path) {
            do {
                if fm.fileExists(atPath: backup) { try fm.removeItem(atPath: backup) }
                try fm.copyItem(atPath: path, toPath: backup)
            } catch {
                try? fm.removeItem(atPath: temporary)
                throw CycleError.cannotWrite(path: backup, why: "cannot keep a backup: \(error.localizedDescription)")
            }
        }
        guard rename(temporary, path) == 0 else {
            let why = String(cString: strerror(errno))
            try? fm.removeItem(atPath: temporary)
            throw CycleError.cannotWrite(path: path, why: why)
        }
    }
}
