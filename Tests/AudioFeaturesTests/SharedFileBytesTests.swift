import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import AudioFeatures

/// The bytes of a file several segments share: read once whatever the number of workers asking,
/// released after the last segment, refused past the budget, a read error given to every segment.
@Suite(.serialized) struct SharedFileBytesTests {
  static func file(_ folder: String, _ name: String, bytes: Int) throws -> String {
    let path = folder + "/" + name
    try Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func concurrentSegmentsOfOneFileShareOneRead() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let a = try Self.file(tmp.path, "a.wav", bytes: 300_000)
    let b = try Self.file(tmp.path, "b.wav", bytes: 1_000)
    let shared = SharedFileBytes(uses: [a: 40, b: 40], fileLimit: 1 << 20, budget: 1 << 20)
    let (results, reads) = try AudioFileReads.counting(under: tmp.path) {
      let box = LockedResults()
      DispatchQueue.concurrentPerform(iterations: 80) { i in
        let path = i % 2 == 0 ? a : b
        box.add(path, Result { try shared.take(path) })
      }
      return box.results
    }
    #expect(reads == [a: 1, b: 1])
    for (path, result) in results {
      let held = try #require(try result.get())
      #expect(held.bytes.count == (path == a ? 300_000 : 1_000))
      #expect(held.hash == (try AudioFileHash.of(fileAt: path)))
    }
    #expect(results.count == 80)
  }

  @Test func aFileIsReleasedAfterItsLastSegmentAndReadAgainOnlyIfAskedAgain() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let a = try Self.file(tmp.path, "a.wav", bytes: 600)
    let b = try Self.file(tmp.path, "b.wav", bytes: 600)
    // The budget holds one of the two files at a time.
    let shared = SharedFileBytes(uses: [a: 2, b: 2], fileLimit: 1 << 20, budget: 1_000)
    let (_, reads) = try AudioFileReads.counting(under: tmp.path) { () throws in
      #expect(try shared.take(a) != nil)
      #expect(try shared.take(b) == nil, "past the budget while a is held")
      #expect(try shared.take(a) != nil)  // a's last segment: released
      #expect(try shared.take(b) == nil, "b's answer holds for its segments")
    }
    #expect(reads == [a: 1])
    let again = SharedFileBytes(uses: [b: 1], fileLimit: 500, budget: 1 << 20)
    #expect(try again.take(b) == nil, "larger than the file limit")
  }

  @Test func aReadErrorReachesEverySegmentOfTheFile() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let missing = tmp.path + "/missing.wav"
    let shared = SharedFileBytes(uses: [missing: 3], fileLimit: 1 << 20, budget: 1 << 20)
    for _ in 0..<3 {
      #expect(throws: AudioError.missing(path: missing)) { try shared.take(missing) }
    }
  }
}

private final class LockedResults: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var results: [(String, Result<(bytes: AudioFileBytes, hash: String)?, Error>)] = []

  func add(_ path: String, _ result: Result<(bytes: AudioFileBytes, hash: String)?, Error>) {
    lock.lock()
    results.append((path, result))
    lock.unlock()
  }
}
