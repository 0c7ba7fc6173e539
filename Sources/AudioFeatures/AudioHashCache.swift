import EmoSupport
import Foundation

/// SHA-256 of audio file bytes, remembered per path + size + modification time for the process,
/// so a long recording cut into many segments is hashed once.
enum AudioHashCache {
  private struct Stamp: Hashable {
    var size: Int
    var modified: Double
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var known: [String: (Stamp, String)] = [:]

  /// The file's content hash; throws `AudioError.missing` / `.unreadable`.
  static func hash(_ path: String) throws -> String {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      (attributes[.type] as? FileAttributeType) != .typeDirectory
    else {
      throw AudioError.missing(path: path)
    }
    let stamp = Stamp(
      size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
      modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    lock.lock()
    if let (seen, hash) = known[path], seen == stamp {
      lock.unlock()
      return hash
    }
    lock.unlock()
    let hash: String
    do {
      hash = try SHA256.hex(fileAt: path)
    } catch {
      throw AudioError.unreadable(path: path, reason: "cannot read the file's bytes")
    }
    lock.lock()
    known[path] = (stamp, hash)
    lock.unlock()
    return hash
  }
}
