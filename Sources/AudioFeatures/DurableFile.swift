import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Crash-safe file replacement for the feature cache: write a temporary sibling, fsync it, rename
/// it over the final name, fsync the folder. After `kill -9` or a power cut the final name holds
/// either the old complete file or the new complete file, never a prefix.
enum DurableFile {
  static func write(_ data: Data, to path: String) throws {
    try AtomicFile.createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    let writer = try Writer(path: path)
    try writer.append(data)
    try writer.commit()
  }

  /// Streams a file into a temporary sibling; `commit()` makes it durable and renames it into
  /// place. Dropped without commit, the temporary file is removed.
  final class Writer {
    let path: String
    private let temp: String
    private var fd: Int32
    private(set) var offset = 0

    init(path: String) throws {
      self.path = path
      let url = URL(fileURLWithPath: path)
      temp = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())"
      fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
      guard fd >= 0 else { throw LocatedError(file: path, "cannot create file: \(String(cString: strerror(errno)))") }
    }

    func append(_ data: Data) throws {
      var failure: String?
      data.withUnsafeBytes { bytes in
        var done = 0
        while done < bytes.count {
          let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
          if n < 0 {
            if errno == EINTR { continue }
            failure = String(cString: strerror(errno))
            return
          }
          done += n
        }
      }
      if let failure {
        throw LocatedError(file: path, "cannot write file: \(failure)", expected: "a writable folder with free space")
      }
      offset += data.count
    }

    func commit() throws {
      let synced = fsync(fd) == 0
      let reason = String(cString: strerror(errno))
      close(fd)
      fd = -1
      guard synced else {
        unlink(temp)
        throw LocatedError(file: path, "cannot write file: \(reason)", expected: "a writable folder with free space")
      }
      try AtomicFile.commit(temp: temp, to: path)
      DurableFile.syncFolder(of: path)
    }

    deinit {
      if fd >= 0 {
        close(fd)
        unlink(temp)
      }
    }
  }

  static func syncFolder(of path: String) {
    let dirFD = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
    if dirFD >= 0 {
      fsync(dirFD)
      close(dirFD)
    }
  }
}
