import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `AudioFileHash` of a file read from its path (remembered per path + size + modification time
/// for the process), with the audio layer's errors.
enum AudioHashCache {
  /// The file's content hash; throws `AudioError.missing` / `.unreadable`.
  static func hash(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw AudioFileBytes.openError(path: path, errno: errno) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { throw AudioError.missing(path: path) }
    guard let hash = AudioFileHash.of(open: fd, path: path) else {
      throw AudioError.unreadable(path: path, reason: "cannot read the file's bytes")
    }
    return hash
  }
}
