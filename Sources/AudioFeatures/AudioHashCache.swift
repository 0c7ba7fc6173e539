import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// SHA-256 of audio file bytes, remembered per path + size + modification time for the process,
/// so a long recording cut into many segments is hashed once (one open, one sequential read).
enum AudioHashCache {
  private struct Stamp: Hashable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var known: [String: (Stamp, String)] = [:]

  /// The file's content hash; throws `AudioError.missing` / `.unreadable`.
  static func hash(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw AudioFileBytes.openError(path: path, errno: errno) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { throw AudioError.missing(path: path) }
    let stamp = Stamp(
      size: Int(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
    lock.lock()
    if let (seen, hash) = known[path], seen == stamp {
      lock.unlock()
      return hash
    }
    lock.unlock()
    var hasher = SHA256()
    let blockSize = 1 << 20
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
    defer { block.deallocate() }
    while true {
      let n = read(fd, block.baseAddress, blockSize)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw AudioError.unreadable(path: path, reason: "cannot read the file's bytes") }
      if n == 0 { break }
      hasher.update(UnsafeRawBufferPointer(rebasing: block[0..<n]))
    }
    let hash = hasher.finalizeHex()
    lock.lock()
    known[path] = (stamp, hash)
    lock.unlock()
    return hash
  }
}
