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
}
