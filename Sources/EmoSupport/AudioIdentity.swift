import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What makes audio the same, in one place.
///
/// - A file's identity is the SHA-256 of its bytes (`AudioFileHash`): prep's `duplicate_audio` and
///   `conflicting_labels` decisions and check-folds' identical audio compare it for segments that
///   span a whole file.
/// - A segment's identity (`SegmentAudioIdentity`) adds the span read from that file and the
///   channel: the feature cache keys its records with it (adding the feature configuration), the
///   catalog stores that key, and manifests' `audio_hash` is its `contentHash`.
///
/// prep computes a file's hash from the same bytes it decodes (one read of each file); a file only
/// hashed (its segments need no features) is streamed, never held whole.
public enum AudioFileHash {
  /// SHA-256 (hex) of bytes in memory.
  public static func of(_ bytes: UnsafeRawBufferPointer) -> String {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }

  /// SHA-256 (hex) of what is left to read on `descriptor`, streamed in 1 MiB blocks; nil when a
  /// read fails.
  public static func of(descriptor fd: Int32) -> String? {
    var hasher = SHA256()
    let blockSize = 1 << 20
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
    defer { block.deallocate() }
    while true {
      let n = read(fd, block.baseAddress, blockSize)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return nil }
      if n == 0 { break }
      hasher.update(UnsafeRawBufferPointer(rebasing: block[0..<n]))
    }
    return hasher.finalizeHex()
  }

  /// SHA-256 (hex) of the file at `path` (one open, one sequential read; remembered as `of(open:path:)`).
  public static func of(fileAt path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw LocatedError(file: path, "cannot open the file for hashing") }
    defer { close(fd) }
    guard let hash = of(open: fd, path: path) else { throw LocatedError(file: path, "cannot read the file's bytes") }
    return hash
  }

  /// SHA-256 (hex) of the file `fd` has open at its start, remembered for the process per path,
  /// size and modification time, so a file hashed once (a long recording cut into many segments,
  /// a file the reader compared with another of the same name) is not read again; nil when a
  /// read fails.
  public static func of(open fd: Int32, path: String) -> String? {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return nil }
    let stamp = Stamp(
      size: Int(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
    lock.lock()
    if let (seen, hash) = known[path], seen == stamp {
      lock.unlock()
      return hash
    }
    lock.unlock()
    AudioFileReads.opened(path)
    guard let hash = of(descriptor: fd) else { return nil }
    lock.lock()
    known[path] = (stamp, hash)
    lock.unlock()
    return hash
  }

  /// The hash of the file at `path` if this process already computed it and the file is
  /// unchanged since (same size and modification time): one `stat`, nothing read.
  public static func remembered(_ path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let stamp = Stamp(
      size: Int(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
    lock.lock()
    defer { lock.unlock() }
    guard let (seen, hash) = known[path], seen == stamp else { return nil }
    return hash
  }

  private struct Stamp: Hashable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var known: [String: (Stamp, String)] = [:]
}

/// Counts the opens of audio files for their content, for tests that check a run reads each file
/// once. Only paths under a folder being watched are counted (tests run in parallel).
package enum AudioFileReads {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var watched: [String: [String: Int]] = [:]

  /// Called by every reader of an audio file's bytes (hash, decode, header probe).
  package static func opened(_ path: String) {
    lock.lock()
    defer { lock.unlock() }
    if watched.isEmpty { return }
    for folder in watched.keys where path.hasPrefix(folder) { watched[folder]![path, default: 0] += 1 }
  }

  /// Runs `body` and returns, with its result, how many times each file under `folder` was opened.
  package static func counting<T>(under folder: String, _ body: () throws -> T) rethrows -> (T, [String: Int]) {
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    lock.lock()
    watched[prefix] = [:]
    lock.unlock()
    defer {
      lock.lock()
      watched[prefix] = nil
      lock.unlock()
    }
    let result = try body()
    lock.lock()
    let counts = watched[prefix] ?? [:]
    lock.unlock()
    return (result, counts)
  }
}

/// The identity of a segment's audio: its file's bytes (`AudioFileHash`), the span read from it
/// and the channel, if the segment has one of its own.
public struct SegmentAudioIdentity: Sendable, Hashable {
  /// SHA-256 (hex) of the audio file's bytes.
  public var fileHash: String
  /// Span start in seconds.
  public var start: Double
  /// Span end in seconds; nil = to the end of the file.
  public var end: Double?
  /// The file's channel (0-based) the segment's speaker owns; nil = the run's channel choice.
  public var channel: Int?

  public init(fileHash: String, start: Double, end: Double?, channel: Int?) {
    self.fileHash = fileHash
    self.start = start
    self.end = end
    self.channel = channel
  }

  /// The segment's audio content: equal for the same bytes, span (to the millisecond) and channel
  /// (manifests' `audio_hash`).
  public var contentHash: String {
    let span = fixedDecimals(start, 3) + "-" + (end.map { fixedDecimals($0, 3) } ?? "end")
    return SHA256.hex("\(fileHash):\(span)\(channel.map { "@\($0)" } ?? "")")
  }

  /// The feature cache's key of this audio under one feature configuration (`configHash`), also
  /// the catalog's `feature_entries.key`.
  public func cacheKey(configHash: String) -> String {
    SHA256.hex(
      "\(fileHash)\n\(start)\n\(end.map { "\($0)" } ?? "end")\n\(configHash)\(channel.map { "\nchannel \($0)" } ?? "")")
  }
}
