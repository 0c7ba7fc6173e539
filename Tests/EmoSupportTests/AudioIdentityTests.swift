import EmoSupport
import Foundation
import Testing

/// Expected digests computed with Python's hashlib over the strings the doc comments describe.
@Suite struct SegmentAudioIdentityTests {
  let file = String(repeating: "ab", count: 32)

  @Test func cacheKeyHashesFileSpanConfigAndOwnChannel() {
    let own = SegmentAudioIdentity(fileHash: file, start: 0.25, end: 2.5, channel: 1)
    #expect(own.cacheKey(configHash: "cfg") == "da4ce38ea604ca10f29401da7b1dba6d57fe034f2baca7967201be1704f1cbaf")
    let whole = SegmentAudioIdentity(fileHash: file, start: 0, end: nil, channel: nil)
    #expect(whole.cacheKey(configHash: "cfg") == "c0245346665af863c4aafaa7fc58c52ad72708897b6c82334050d655a10a8304")
  }

  @Test func contentHashIsTheSameAudioToTheMillisecond() {
    let own = SegmentAudioIdentity(fileHash: file, start: 0.25, end: 2.5, channel: 1)
    #expect(own.contentHash == "0db2cbd5a348eb56972299217cab2e742ea2e08a94e0617706319cf1e0ec2201")
    let whole = SegmentAudioIdentity(fileHash: file, start: 0, end: nil, channel: nil)
    #expect(whole.contentHash == "8099c3551e9c9ffb9928223fbf5334034293dbe6deac77002971e1cadf049bdc")
    // Spans equal to the millisecond are the same audio; another channel is not.
    #expect(SegmentAudioIdentity(fileHash: file, start: 0.2501, end: 2.5, channel: 1).contentHash == own.contentHash)
    #expect(SegmentAudioIdentity(fileHash: file, start: 0.25, end: 2.5, channel: 0).contentHash != own.contentHash)
  }

  /// A file's hash is remembered per path, size and modification time: the same file is not
  /// read again, a rewritten one is.
  @Test func fileHashIsRememberedUntilTheFileChanges() throws {
    let folder = NSTemporaryDirectory() + "audio-identity-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/a.wav"
    try Data("first bytes".utf8).write(to: URL(fileURLWithPath: path))
    let (hashes, reads) = try AudioFileReads.counting(under: folder) {
      [try AudioFileHash.of(fileAt: path), try AudioFileHash.of(fileAt: path)]
    }
    #expect(hashes == [SHA256.hex("first bytes"), SHA256.hex("first bytes")])
    #expect(reads == [path: 1])
    try Data("other, longer bytes".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try AudioFileHash.of(fileAt: path) == SHA256.hex("other, longer bytes"))
  }
}
