import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The one way EmoCorpus writes an output file: into a temporary sibling that is renamed into
/// place, so an interrupted run never leaves a half-written file under the final name.
///
/// `durable` writes (feature cache, checkpoints, weights) also fsync the file before the rename
/// and the folder after it: after `kill -9` or a power cut the final name holds either the old
/// complete file or the new complete file, never a prefix.
public enum AtomicFile {
  /// Writes `data` to `path` atomically (durably when asked).
  public static func write(_ data: Data, to path: String, durable: Bool = false) throws {
    let writer = try Writer(path: path, durable: durable)
    try writer.append(data)
    try writer.commit()
  }

  /// Writes a UTF-8 string atomically.
  public static func write(_ text: String, to path: String, durable: Bool = false) throws {
    try write(Data(text.utf8), to: path, durable: durable)
  }

  /// Writes `data` to a new file at `path` directly, with no temporary sibling and no fsync: for
  /// files inside a temporary folder that is itself renamed into place when complete (fold
  /// manifests), and for probing that a folder is writable. Fails if `path` exists.
  public static func writeInsideTemporaryFolder(_ data: Data, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw LocatedError(file: path, "cannot write file: \(String(cString: strerror(errno)))")
    }
    let failure = writeAll(data, to: fd)
    let closed = close(fd) == 0 ? nil : String(cString: strerror(errno))
    if let reason = failure ?? closed {
      throw LocatedError(file: path, "cannot write file: \(reason)", expected: "a writable folder with free space")
    }
  }

  /// Writes all of `data` to `fd` (retrying short writes and interrupted calls); the reason of a
  /// failure, nil on success.
  static func writeAll(_ data: Data, to fd: Int32) -> String? {
    data.withUnsafeBytes { bytes -> String? in
      var done = 0
      while done < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return n < 0 ? String(cString: strerror(errno)) : "no progress writing" }
        done += n
      }
      return nil
    }
  }

  /// For libraries that open a path themselves (zlib, libsndfile): `body` writes the file at the
  /// temporary path it is given; when it returns, the file is renamed into place. When `body`
  /// throws, the temporary file is removed and the final name is untouched.
  public static func produce(_ path: String, durable: Bool = false, _ body: (String) throws -> Void) throws {
    try createDirectory(folder(of: path))
    let temp = temporaryPath(for: path)
    do {
      try body(temp)
      if durable { try sync(path: temp, reportingAs: path) }
    } catch {
      unlink(temp)
      throw error
    }
    try commit(temp: temp, to: path)
    if durable { syncFolder(of: path) }
  }

  /// A hidden temporary sibling of `path`, unique to this process and call.
  public static func temporaryPath(for path: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).tmp-\(getpid())-"
      + String(UInt32.random(in: 0...UInt32.max), radix: 16)
  }

  /// Renames a finished temporary file or folder onto its final name (POSIX rename: atomic on one
  /// file system). On failure the temporary is removed.
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

  /// Streams a file into a temporary sibling; `commit()` renames it into place (after an fsync
  /// when durable). Dropped without commit, the temporary file is removed.
  public final class Writer {
    public let path: String
    private let temp: String
    private let durable: Bool
    private var fd: Int32
    /// Bytes appended so far.
    public private(set) var offset = 0

    public init(path: String, durable: Bool = false) throws {
      self.path = path
      self.durable = durable
      try AtomicFile.createDirectory(AtomicFile.folder(of: path))
      temp = AtomicFile.temporaryPath(for: path)
      fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
      guard fd >= 0 else {
        throw LocatedError(
          file: path, "cannot create file: \(String(cString: strerror(errno)))", expected: "a writable folder")
      }
    }

    public func append(_ data: Data) throws {
      if let failure = AtomicFile.writeAll(data, to: fd) {
        throw LocatedError(file: path, "cannot write file: \(failure)", expected: "a writable folder with free space")
      }
      offset += data.count
    }

    public func commit() throws {
      let synced = !durable || fsync(fd) == 0
      let reason = String(cString: strerror(errno))
      let closed = close(fd) == 0
      fd = -1
      guard synced, closed else {
        unlink(temp)
        throw LocatedError(file: path, "cannot write file: \(reason)", expected: "a writable folder with free space")
      }
      try AtomicFile.commit(temp: temp, to: path)
      if durable { AtomicFile.syncFolder(of: path) }
    }

    deinit {
      if fd >= 0 {
        close(fd)
        unlink(temp)
      }
    }
  }

  static func folder(of path: String) -> String { URL(fileURLWithPath: path).deletingLastPathComponent().path }

  private static func sync(path temp: String, reportingAs path: String) throws {
    let fd = open(temp, O_RDONLY)
    let ok = fd >= 0 && fsync(fd) == 0
    let reason = String(cString: strerror(errno))
    if fd >= 0 { close(fd) }
    guard ok else {
      throw LocatedError(file: path, "cannot write file: \(reason)", expected: "a writable folder with free space")
    }
  }

  /// Makes a rename in `path`'s folder durable.
  static func syncFolder(of path: String) {
    let dirFD = open(folder(of: path), O_RDONLY)
    if dirFD >= 0 {
      fsync(dirFD)
      close(dirFD)
    }
  }
}
