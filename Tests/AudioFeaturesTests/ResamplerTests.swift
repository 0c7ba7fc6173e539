import Foundation
import Testing

@testable import AudioFeatures
@testable import TestSupport

/// python-soxr (VHQ) + the numpy feature reference on speech-like audio at common corpus rates
/// (`scripts/dev/golden_features.py`, section `resampled`).
struct ResampledGolden: Decodable {
  struct Case: Decodable {
    var file: String
    var from: Int
    var to: Int
    var samples: Int
    var frames: Int
    var bandsCompared: Int
    var logMel: [[Double]]
  }
  var resampled: [Case]

  static let shared: ResampledGolden = {
    let data = FileManager.default.contents(atPath: Golden.folder + "/features.json")!
    return try! JSONDecoder().decode(ResampledGolden.self, from: data)
  }()
}

@Suite struct ResamplerTests {
  /// Mean and largest |Δ log-Mel| against the reference over the bands up to 7/8 of the target
  /// Nyquist (7 kHz at 16 kHz), interior frames (the first and last two frames see the filters'
  /// edge transients).
  static func compare(_ golden: ResampledGolden.Case, engine: ResamplerEngine) throws -> (mean: Double, worst: Double) {
    var config = FeatureConfig(sampleRate: golden.to)
    config.resampler = engine
    let samples = try SegmentAudio.samples(
      for: FeatureRequest(segmentID: golden.file, path: Golden.folder + "/" + golden.file), config: config)
    #expect(samples.count == golden.samples)
    let features = try FeatureExtractor(config: config).features(samples)
    #expect(features.frames == golden.frames)
    var total = 0.0
    var worst = 0.0
    var count = 0
    for t in 2..<(min(features.frames, golden.frames) - 2) {
      for band in 0..<golden.bandsCompared {
        let difference = abs(Double(features[t, band]) - golden.logMel[t][band])
        total += difference
        worst = max(worst, difference)
        count += 1
      }
    }
    return (total / Double(max(count, 1)), worst)
  }

  @Test(arguments: 0..<5)
  func soxrMatchesPythonSoxrAndTheNumpyReference(_ index: Int) throws {
    let golden = ResampledGolden.shared.resampled[index]
    let (mean, worst) = try Self.compare(golden, engine: .soxr)
    // The issue's bound is 0.02 mean; the same library at the same recipe lands far below it
    // (measured: mean below 1e-3, largest below 0.01).
    #expect(mean < 0.02, "\(golden.file) \(golden.from)→\(golden.to): mean |Δ log-Mel| \(mean)")
    #expect(mean < 2e-3, "\(golden.file) \(golden.from)→\(golden.to): mean |Δ log-Mel| \(mean)")
    #expect(worst < 0.05, "\(golden.file) \(golden.from)→\(golden.to): largest |Δ log-Mel| \(worst)")
  }

  @Test func libsamplerateStaysSelectableAndClose() throws {
    // Another anti-aliasing filter: close to soxr up to 7 kHz, but not the same numbers.
    let golden = ResampledGolden.shared.resampled[0]
    let (mean, _) = try Self.compare(golden, engine: .libsamplerate)
    #expect(mean < 0.02, "mean |Δ log-Mel| \(mean)")
    var soxr = FeatureConfig()
    soxr.resampler = .soxr
    var libsamplerate = soxr
    libsamplerate.resampler = .libsamplerate
    let request = FeatureRequest(segmentID: "a", path: Golden.folder + "/" + golden.file)
    #expect(
      try SegmentAudio.samples(for: request, config: soxr) != SegmentAudio.samples(for: request, config: libsamplerate))
  }

  @Test func lengthIsRoundedAndAReusedConverterGivesTheSameSamples() throws {
    var random = SplitMixSignal(seed: 11)
    let first = random.speechLike(seconds: 1.3, rate: 44100)
    let second = random.speechLike(seconds: 0.7, rate: 44100)
    for count in [1, 2, 7, 100, 44101, first.count] {
      let out = try Resampler.resample(Array(first.prefix(count)), from: 44100, to: 16000)
      #expect(out.count == Int((Double(count) * 16000 / 44100).rounded()))
    }
    // A converter cleared between segments: the second segment as if converted alone.
    let cache = ResamplerCache()
    _ = try cache.resample(first, from: 44100, to: 16000)
    let reused = try cache.resample(second, from: 44100, to: 16000)
    let fresh = try Resampler.resample(second, from: 44100, to: 16000)
    #expect(reused == fresh)
    // Upsampling (8 kHz telephone audio to a 16 kHz model) keeps a tone where it was.
    let tone = (0..<8000).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / 8000)) }
    let up = try Resampler.resample(tone, from: 8000, to: 16000)
    #expect(up.count == 16000)
    let middle = up[4000..<12000]
    let rms = (middle.reduce(0.0) { $0 + Double($1 * $1) } / Double(middle.count)).squareRoot()
    #expect(abs(rms - 0.5 / 2.0.squareRoot()) < 0.01)
  }

  /// Segments converted one after another in a worker's stream give the samples each gives alone
  /// (the filter never sees the previous segment through the silence between them): bit for bit
  /// here, within float rounding in general.
  @Test(arguments: [
    (44100, 16000), (48000, 16000), (22050, 16000), (8000, 16000), (44100, 8000), (16000, 8000), (11025, 16000),
  ])
  func aSegmentInAStreamGivesWhatItGivesAlone(_ from: Int, _ to: Int) throws {
    var random = SplitMixSignal(seed: UInt64(from + to))
    let cache = ResamplerCache()
    for n in 0..<6 {
      if n == 3 { cache.reset() }
      let segment = random.speechLike(seconds: 0.3 + random.uniform() * 1.7, rate: from)
      let streamed = try cache.resample(segment, from: from, to: to)
      let alone = try Resampler.resample(segment, from: from, to: to)
      #expect(streamed.count == alone.count)
      let peak = alone.map(abs).max()!
      let worst = zip(streamed, alone).map { abs($0 - $1) }.max()!
      #expect(worst <= 1e-6 * peak, "\(from)→\(to), segment \(n): largest difference \(worst / peak) of the peak")
    }
  }

  @Test func engineAndQualityEnterTheConfigHash() {
    let soxr = FeatureConfig()
    #expect(soxr.resampler == .soxr)
    var libsamplerate = soxr
    libsamplerate.resampler = .libsamplerate
    var medium = libsamplerate
    medium.resampleQuality = .sincMedium
    #expect(Set([soxr.hashHex, libsamplerate.hashHex, medium.hashHex]).count == 3)
    // soxr has one quality: libsamplerate's converter setting does not split its caches.
    var soxrMedium = soxr
    soxrMedium.resampleQuality = .sincMedium
    #expect(soxrMedium.hashHex == soxr.hashHex)
    #expect(soxr.canonicalEncoding.contains(#""resampler":"soxr-vhq""#))
    #expect(medium.canonicalEncoding.contains(#""resampler":"libsamplerate-medium""#))
  }
}
