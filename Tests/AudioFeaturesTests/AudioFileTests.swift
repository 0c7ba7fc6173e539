import Foundation
import Testing

@testable import AudioFeatures
@testable import TestSupport

@Suite struct AudioFileTests {
  /// A 440 Hz ramp-free test tone, 0.5 amplitude.
  static func tone(_ count: Int, rate: Int = 16000, frequency: Double = 440) -> [Float] {
    (0..<count).map { Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / Double(rate))) }
  }

  @Test(arguments: [
    (AudioEncoding.pcm16, 1.0 / 32768), (.pcm24, 1e-6), (.pcm32, 1e-6), (.float32, 0), (.flac16, 1.0 / 32768),
    (.ulaw, 0.02), (.alaw, 0.02),
  ])
  func readsEveryEncoding(_ encoding: AudioEncoding, _ tolerance: Double) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let samples = Self.tone(1600)
    let path = dir.path + "/a.\(encoding == .flac16 ? "flac" : "wav")"
    try AudioWriter.write(samples, sampleRate: 16000, encoding: encoding, to: path)
    let info = try AudioFile.probe(path)
    #expect(info.sampleRate == 16000 && info.channels == 1 && info.frames == 1600)
    let read = try AudioFile(path: path).read()
    #expect(read.count == 1600)
    let worst = zip(read, samples).map { abs(Double($0) - Double($1)) }.max()!
    #expect(worst <= tolerance + 1e-7, "\(encoding): largest error \(worst)")
  }

  @Test func readsATimeSpan() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let samples = (0..<16000).map { Float($0) / 16000 }
    let path = dir.path + "/ramp.wav"
    try AudioWriter.write(samples, sampleRate: 16000, encoding: .float32, to: path)
    let span = try AudioFile(path: path).read(start: 0.25, end: 0.5)
    #expect(span.count == 4000)
    #expect(abs(span[0] - samples[4000]) < 1e-7)
    #expect(abs(span.last! - samples[7999]) < 1e-7)
    // An end a few ms past the file end is clamped (annotation rounding).
    #expect(try AudioFile(path: path).read(start: 0.9, end: 1.005).count == 1600)
  }

  @Test func mixesDownOrPicksAChannel() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var interleaved: [Float] = []
    for i in 0..<800 { interleaved += [Float(i) / 1000, -0.25] }
    let path = dir.path + "/stereo.wav"
    try AudioWriter.write(interleaved, channels: 2, sampleRate: 8000, encoding: .float32, to: path)
    let file = try AudioFile(path: path)
    #expect(file.info.channels == 2)
    let mix = try file.read()
    #expect(abs(mix[100] - (0.1 - 0.25) / 2) < 1e-6)
    let right = try file.read(channel: .channel(2))
    #expect(abs(right[100] + 0.25) < 1e-7)
    let left = try file.read(channel: .channel(1))
    #expect(abs(left[100] - 0.1) < 1e-6)
  }

  @Test func errorsNameTheFileAndWhatWasExpected() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let garbage = try dir.write("garbage.wav", "this is not audio at all, just text")
    let short = dir.path + "/short.wav"
    try AudioWriter.write(Self.tone(8000), sampleRate: 16000, to: short)
    let cases: [(() throws -> Void, String)] = [
      ({ _ = try AudioFile(path: dir.path + "/none.wav") }, "\(dir.path)/none.wav: audio file not found"),
      (
        { _ = try AudioFile(path: garbage) },
        "\(garbage): cannot read audio: Format not recognised. "
          + "(expected a WAV, FLAC or other libsndfile format)"
      ),
      (
        { _ = try AudioFile(path: short).read(start: 0.25, end: 0.75) },
        "\(short): segment 0.25–0.75 s lies beyond the end of the audio (expected a span within 0–0.5 s)"
      ),
      (
        { _ = try AudioFile(path: short).read(channel: .channel(2)) },
        "\(short): no channel 2 in the audio (expected 1…1)"
      ),
    ]
    for (action, message) in cases {
      do {
        try action()
        Issue.record("expected an error: \(message)")
      } catch {
        #expect("\(error)" == message)
      }
    }
  }

  @Test func extractorReadsAndResamplesAFileSpan() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path + "/tone44k.wav"
    try AudioWriter.write(Self.tone(44100, rate: 44100), sampleRate: 44100, encoding: .float32, to: path)
    let extractor = try FeatureExtractor()
    let span = try extractor.features(path: path, start: 0.25, end: 0.75)
    #expect(span.frames == 48)  // 0.5 s at 16 kHz = 8000 samples → (8000 − 400) / 160 + 1
    #expect(span.featureCount == 120)
    #expect(throws: AudioError.missing(path: dir.path + "/none.wav")) {
      _ = try extractor.features(path: dir.path + "/none.wav")
    }
  }

  @Test func probeReadsOnlyTheHeader() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path + "/long.flac"
    try AudioWriter.write(
      [Float](repeating: 0.1, count: 2 * 44100), channels: 2, sampleRate: 44100, encoding: .flac16, to: path)
    let info = try AudioFile.probe(path)
    #expect(info.sampleRate == 44100 && info.channels == 2 && info.frames == 44100)
    #expect(abs(info.duration - 1) < 1e-9)
  }

  @Test(arguments: [AudioEncoding.pcm16, .pcm24, .float32, .ulaw, .flac16])
  func bytesInMemoryDecodeLikeTheFile(_ encoding: AudioEncoding) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var interleaved: [Float] = []
    for i in 0..<4410 { interleaved += [Float(0.4 * sin(Double(i) * 0.07)), Float(0.2 * cos(Double(i) * 0.011))] }
    let path = dir.path + "/a.\(encoding == .flac16 ? "flac" : "wav")"
    try AudioWriter.write(interleaved, channels: 2, sampleRate: 22050, encoding: encoding, to: path)
    let bytes = try #require(try AudioFileBytes.read(path))
    #expect(bytes.count == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue)
    #expect(bytes.sha256Hex == (try AudioHashCache.hash(path)))
    let fromMemory = try AudioFile(bytes: bytes)
    let fromPath = try AudioFile(path: path)
    #expect(fromMemory.info == fromPath.info)
    for channel in [ChannelSelection.mixdown, .channel(1), .channel(2)] {
      #expect(
        try fromMemory.read(start: 0.05, end: 0.15, channel: channel)
          == fromPath.read(start: 0.05, end: 0.15, channel: channel))
    }
    #expect(try fromMemory.read() == fromPath.read())
    #expect(try AudioFileBytes.read(path, limit: 100) == nil)
    #expect(throws: AudioError.missing(path: dir.path + "/none.wav")) {
      _ = try AudioFileBytes.read(dir.path + "/none.wav")
    }
    #expect(throws: AudioError.missing(path: dir.path)) { _ = try AudioFileBytes.read(dir.path) }
  }

  /// A WAV file cut short (an interrupted copy): its header still announces every frame.
  static func truncatedWAV(in dir: TemporaryDirectory, keeping fraction: Double) throws -> (
    path: String, frames: Int, held: Int
  ) {
    let path = dir.path + "/cut.wav"
    try AudioWriter.write(Self.tone(16000), sampleRate: 16000, encoding: .pcm16, to: path)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let header = data.count - 16000 * 2
    let kept = header + Int(Double(16000 * 2) * fraction) + 1  // and half a frame
    try data.prefix(kept).write(to: URL(fileURLWithPath: path))
    return (path, 16000, (kept - header) / 2)
  }

  @Test func truncatedWAVIsRefusedWithBothFrameCounts() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (path, frames, held) = try Self.truncatedWAV(in: dir, keeping: 0.5)
    #expect(held == 8000)
    let expected = AudioError.truncated(path: path, read: held, expected: frames)
    #expect(throws: expected) { _ = try AudioFile(path: path) }
    #expect(throws: expected) { _ = try AudioFile(bytes: try #require(try AudioFileBytes.read(path))) }
    #expect(expected.dropReason == .unreadableAudio)
    #expect(
      expected.detail
        == "truncated: the header announces 16000 frames, the file holds 8000 (expected a complete file; an interrupted copy?)"
    )
    // A complete file with trailing chunks after the data (LIST, id3) is not truncated.
    let whole = dir.path + "/whole.wav"
    try AudioWriter.write(Self.tone(1600), sampleRate: 16000, to: whole)
    var data = try Data(contentsOf: URL(fileURLWithPath: whole))
    data += Data("LIST".utf8) + Data([4, 0, 0, 0]) + Data("INFO".utf8)
    try data.write(to: URL(fileURLWithPath: whole))
    #expect(try AudioFile(path: whole).read().count == 1600)
  }

  @Test func streamedWAVHeadersWithoutALengthAreRead() throws {
    // Writers that stream leave the data length at 0 or 0xFFFFFFFF: no length promised, nothing to check.
    for marker: [UInt8] in [[0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF]] {
      let bytes = Self.riff(dataSize: marker, frames: 100)
      let counts = WAVHeader.frameCounts(fileSize: bytes.count) { offset, count in
        offset + count <= bytes.count ? Array(bytes[offset..<(offset + count)]) : nil
      }
      #expect(counts == nil)
    }
    let honest = Self.riff(dataSize: [200, 0, 0, 0], frames: 100)
    let counts = WAVHeader.frameCounts(fileSize: honest.count) { offset, count in
      offset + count <= honest.count ? Array(honest[offset..<(offset + count)]) : nil
    }
    #expect(counts?.announced == 100 && counts?.held == 100)
    let cut = Array(honest.prefix(honest.count - 50))
    let cutCounts = WAVHeader.frameCounts(fileSize: cut.count) { offset, count in
      offset + count <= cut.count ? Array(cut[offset..<(offset + count)]) : nil
    }
    #expect(cutCounts?.announced == 100 && cutCounts?.held == 75)
  }

  /// A minimal 16-bit mono RIFF/WAVE file with `frames` zero frames and the given data length field.
  static func riff(dataSize: [UInt8], frames: Int) -> [UInt8] {
    func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    var bytes = Array("RIFF".utf8) + le32(36 + 2 * frames) + Array("WAVE".utf8)
    bytes += Array("fmt ".utf8) + le32(16) + [1, 0, 1, 0] + le32(8000) + le32(16000) + [2, 0, 16, 0]
    bytes += Array("data".utf8) + dataSize + [UInt8](repeating: 0, count: 2 * frames)
    return bytes
  }
}
