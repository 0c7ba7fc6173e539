import EmoSupport
import Foundation

/// The bytes of files that several segments are cut from (a dialog recording), read once for the
/// run and shared by the workers: the file's hash and every segment's samples come from that one
/// read, instead of one pass to hash the file and another to read it span by span.
///
/// Each file is held from its first segment to its last (`uses` counts them), then released. A
/// file larger than `fileLimit`, or one that would take the bytes held past `budget`, is not held:
/// its caller hashes it and reads it span by span from its path, as before. A worker asking for
/// a file another worker is reading waits for that read instead of starting its own.
final class SharedFileBytes: @unchecked Sendable {
  private enum State {
    case reading
    case ready(AudioFileBytes, hash: String)
    case failed(AudioError)
    case notHeld
  }

  private let condition = NSCondition()
  private var remaining: [String: Int]
  private var states: [String: State] = [:]
  private var held = 0
  private let fileLimit: Int
  private let budget: Int

  /// `uses`: path → number of segments that will ask for it.
  init(uses: [String: Int], fileLimit: Int, budget: Int) {
    remaining = uses
    self.fileLimit = fileLimit
    self.budget = budget
  }

  /// The file's bytes and hash for one of its segments; nil when the file is not held (read it
  /// from its path). Throws the file's read error (every segment of the file gets the same one).
  func take(_ path: String) throws -> (bytes: AudioFileBytes, hash: String)? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      switch states[path] {
      case .reading:
        condition.wait()
        continue
      case .ready(let bytes, let hash):
        release(path, size: bytes.count)
        return (bytes, hash)
      case .failed(let error):
        release(path, size: 0)
        throw error
      case .notHeld:
        release(path, size: 0)
        return nil
      case nil:
        break
      }
      states[path] = .reading
      condition.unlock()
      let outcome = Result { try readOutside(path) }
      condition.lock()
      switch outcome {
      case .success(let found?):
        states[path] = .ready(found.bytes, hash: found.hash)
      case .success(nil):
        states[path] = .notHeld
      case .failure(let error):
        states[path] = .failed(error as? AudioError ?? .unreadable(path: path, reason: "\(error)"))
      }
      condition.broadcast()
    }
  }

  /// Reads and hashes the file without the lock held; nil when it is not to be held (larger than
  /// the file limit or than what is left of the budget: nothing is read then).
  private func readOutside(_ path: String) throws -> (bytes: AudioFileBytes, hash: String)? {
    condition.lock()
    let allowance = min(fileLimit, budget - held)
    condition.unlock()
    guard allowance > 0, let bytes = try AudioFileBytes.read(path, limit: allowance) else { return nil }
    condition.lock()
    held += bytes.count
    condition.unlock()
    return (bytes, bytes.sha256Hex)
  }

  /// One segment of `path` served: the state is dropped after the file's last one (`size` bytes
  /// leave the budget then). Called with the lock held.
  private func release(_ path: String, size: Int) {
    let left = (remaining[path] ?? 1) - 1
    if left > 0 {
      remaining[path] = left
      return
    }
    remaining[path] = nil
    states[path] = nil
    held -= size
  }
}
