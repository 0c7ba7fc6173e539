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
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    try AtomicFile.createDirectory(folder)
    let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
    let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
    guard fd >= 0 else { throw LocatedError(file: path, "cannot create file: \(String(cString: strerror(errno)))") }
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
    if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    close(fd)
    if let failure {
      unlink(temp)
      throw LocatedError(file: path, "cannot write file: \(failure)", expected: "a writable folder with free space")
    }
    try AtomicFile.commit(temp: temp, to: path)
    let dirFD = open(folder, O_RDONLY)
    if dirFD >= 0 {
      fsync(dirFD)
      close(dirFD)
    }
  }
}
