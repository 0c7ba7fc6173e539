import Foundation

/// Atomic output: everything is written to a temporary sibling and renamed into place, so an
/// interrupted run never leaves a half-written file under the final name.
public enum AtomicFile {
  /// Writes `data` to `path` through a temporary file in the same folder, then renames it.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    try createDirectory(folder)
    let temp =
      folder
      + "/.\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    guard FileManager.default.createFile(atPath: temp, contents: data) else {
      throw LocatedError(file: path, "cannot write file (folder not writable or disk full)")
    }
    try commit(temp: temp, to: path)
  }

  /// Writes a UTF-8 string atomically.
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// Renames a finished temporary file onto its final name (POSIX rename: atomic on one file system).
  public static func commit(temp: String, to path: String) throws {
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw LocatedError(file: path, "cannot move finished file into place: \(reason)")
    }
  }

  /// `mkdir -p` with a clear error.
  public static func createDirectory(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw LocatedError(file: path, "cannot create folder: \(error.localizedDescription)")
    }
  }
}
