import EmoSupport
import Foundation
import Testing

@testable import AudioFeatures

/// Golden values from scripts/dev/golden_features.py (numpy + librosa, float64, the feature definition literally).
struct Golden: Decodable {
  struct Signal: Decodable {
    var file: String
    var sampleRate: Int
    var frames: Int
    var featureCount: Int
    var means: [Double]
    var rows: [String: [Double]]
  }
  struct Filterbank: Decodable {
    var rows: [String: [Double]]
    var rowSums: [Double]
  }
  var signals: [String: Signal]
  var filterbanks: [String: Filterbank]

  static let folder = Bundle.module.resourcePath! + "/Fixtures/golden"
  static let shared: Golden = {
    let data = FileManager.default.contents(atPath: folder + "/features.json")!
    return try! JSONDecoder().decode(Golden.self, from: data)
  }()
}

@Suite struct FeatureNumericsTests {
  /// Tolerance promised to users: a numpy reference reproduces every value within 1e-3.
  static let tolerance = 1e-3

  @Test(arguments: ["chirp16k", "noise16k", "sine440_16k", "sine440_8k"])
  func featuresMatchNumpyReference(_ name: String) throws {
    let golden = Golden.shared.signals[name]!
    let file = try AudioFile(path: Golden.folder + "/" + golden.file)
    #expect(file.info.sampleRate == golden.sampleRate)
    let samples = try file.read()
    let extractor = try FeatureExtractor(config: FeatureConfig(sampleRate: golden.sampleRate))
    let matrix = extractor.features(samples)
    #expect(matrix.frames == golden.frames)
    #expect(matrix.featureCount == 120)
    var worst = 0.0
    for (key, row) in golden.rows {
      let t = Int(key)!
      for j in 0..<120 { worst = max(worst, abs(Double(matrix[t, j]) - row[j])) }
    }
    for j in 0..<120 {
      var sum = 0.0
      for t in 0..<matrix.frames { sum += Double(matrix[t, j]) }
      worst = max(worst, abs(sum / Double(matrix.frames) - golden.means[j]))
    }
    #expect(worst < Self.tolerance, "largest deviation \(worst)")
  }

  @Test(arguments: [
    ("16000", 16000, 512, MelScale.htk, MelNorm.none), ("8000", 8000, 256, .htk, .none),
    ("16000-slaney", 16000, 512, .slaney, .slaney),
  ])
  func filterbankEqualsLibrosa(_ key: String, rate: Int, fft: Int, scale: MelScale, norm: MelNorm) {
    let golden = Golden.shared.filterbanks[key]!
    let bank = MelFilterbank(
      sampleRate: rate, fftSize: fft, melCount: 40, fmin: 0, fmax: Double(rate) / 2, scale: scale, norm: norm)
    // librosa returns float32 weights: equal to float32 rounding of the same float64 formula.
    for (row, values) in golden.rows {
      let m = Int(row)!
      for k in 0..<bank.binCount {
        #expect(abs(Double(bank.weights[m * bank.binCount + k]) - values[k]) <= 1e-6 * max(1, abs(values[k])))
      }
    }
    for m in 0..<40 {
      let sum = (0..<bank.binCount).reduce(0.0) { $0 + Double(bank.weights[m * bank.binCount + $1]) }
      #expect(abs(sum - golden.rowSums[m]) <= 1e-5 * max(1, golden.rowSums[m]))
    }
  }

  @Test func powerSpectrumSatisfiesParseval() throws {
    var random = SeededRandom(seed: 7)
    let frame = (0..<400).map { _ in Float(random.uniform() - 0.5) }
    let config = FeatureConfig()
    let extractor = try FeatureExtractor(config: config)
    let power = extractor.powerSpectrum(frame: frame)
    let window = FeatureExtractor.makeWindow(.hann, length: 400)
    let timeEnergy = zip(frame, window).reduce(0.0) { $0 + Double($1.0 * $1.1) * Double($1.0 * $1.1) }
    // One-sided spectrum of a real 512-point signal: DC and Nyquist once, the other bins twice.
    var spectralEnergy = Double(power[0]) + Double(power[256])
    for k in 1..<256 { spectralEnergy += 2 * Double(power[k]) }
    spectralEnergy /= 512
    #expect(abs(spectralEnergy - timeEnergy) <= 1e-5 * timeEnergy)
  }

  /// The Mel energies equal the product of the whole weight matrix with each frame's power
  /// spectrum (summed here in float64, frame by frame), across the extractor's 128-frame blocks, at
  /// another rate and with filters left empty (128 Mel bands on a 129-bin spectrum leave the lowest
  /// bands without a bin, whose energy must be exactly 0).
  @Test(arguments: [(16000, 40, MelNorm.none), (8000, 128, MelNorm.none), (16000, 64, MelNorm.slaney)])
  func filterbankEqualsTheDenseProduct(_ rate: Int, _ mels: Int, _ norm: MelNorm) throws {
    var config = FeatureConfig(sampleRate: rate)
    config.nMels = mels
    config.melNorm = norm
    var random = SeededRandom(seed: 11)
    let hop = config.resolvedFrameHop
    let length = config.resolvedFrameLength
    let frames = 300
    let samples = (0..<((frames - 1) * hop + length)).map { _ in Float(random.uniform() - 0.5) }
    let extractor = try FeatureExtractor(config: config)
    let got = extractor.melPower(samples)
    #expect(got.count == frames * mels)
    let bank = MelFilterbank(config: config)
    let empty = (0..<mels).filter { m in
      !bank.weights[(m * bank.binCount)..<((m + 1) * bank.binCount)].contains { $0 != 0 }
    }.count
    if rate == 8000 { #expect(empty > 0, "the 8 kHz case should have empty filters") }
    var worst = 0.0
    for t in [0, 1, 127, 128, 129, 255, 256, 299] {
      let power = extractor.powerSpectrum(frame: Array(samples[(t * hop)..<(t * hop + length)]))
      for m in 0..<mels {
        var want = 0.0
        for k in 0..<bank.binCount { want += Double(bank.weights[m * bank.binCount + k]) * Double(power[k]) }
        let value = Double(got[t * mels + m])
        if want == 0 {
          #expect(value == 0)
        } else {
          worst = max(worst, abs(value - want) / want)
        }
      }
    }
    #expect(worst < 1e-5, "largest relative deviation \(worst)")
  }

  @Test(arguments: [300.0, 1000.0, 3000.0, 6500.0])
  func sineLandsInItsMelBand(_ frequency: Double) throws {
    let config = FeatureConfig()
    let samples = (0..<16000).map { Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / 16000)) }
    let extractor = try FeatureExtractor(config: config)
    let power = extractor.melPower(samples)
    let frame = 50
    let row = Array(power[(frame * 40)..<(frame * 40 + 40)])
    let loudest = row.indices.max { row[$0] < row[$1] }!
    // Band m peaks at the (m+1)-th of 42 edges equally spaced on the HTK Mel scale.
    let top = MelFilterbank.hzToMel(8000, scale: .htk)
    let centres = (0..<40).map { MelFilterbank.melToHz(top * Double($0 + 1) / 41, scale: .htk) }
    let nearest = centres.indices.min { abs(centres[$0] - frequency) < abs(centres[$1] - frequency) }!
    #expect(abs(loudest - nearest) <= 1, "loudest band \(loudest), nearest centre \(nearest)")
  }

  @Test func deltasOfHandWorkedSequence() {
    // c = 1 2 4 7 11, N = 2, edges repeated: d_0 = (1·(2−1) + 2·(4−1))/10 = 0.7,
    // d_1 = (3 + 2·6)/10 = 1.5, d_2 = (5 + 2·10)/10 = 2.5, d_3 = (7 + 2·9)/10 = 2.5, d_4 = (4 + 2·7)/10 = 1.8.
    let d = Deltas.compute([1, 2, 4, 7, 11], frames: 5, width: 1)
    for (got, want) in zip(d, [0.7, 1.5, 2.5, 2.5, 1.8]) { #expect(abs(Double(got) - want) < 1e-6) }
    // ΔΔ = Δ of Δ: (1·(1.5−0.7) + 2·(2.5−0.7))/10 = 0.44 at t = 0.
    let dd = Deltas.compute(d, frames: 5, width: 1)
    #expect(abs(Double(dd[0]) - 0.44) < 1e-6)
    #expect(Deltas.compute([3], frames: 1, width: 1) == [0])
  }

  @Test func framingDropsPartialFrames() throws {
    let extractor = try FeatureExtractor()
    #expect(extractor.features([Float](repeating: 0.1, count: 399)).frames == 0)
    #expect(extractor.features([Float](repeating: 0.1, count: 400)).frames == 1)
    #expect(extractor.features([Float](repeating: 0.1, count: 16000)).frames == 98)
    let eight = try FeatureExtractor(config: FeatureConfig(sampleRate: 8000))
    #expect(eight.config.resolvedFFTSize == 256)
    #expect(eight.features([Float](repeating: 0.1, count: 8000)).frames == 98)
  }

  @Test func deltaSwitchesChangeTheWidth() throws {
    var config = FeatureConfig()
    config.deltaDeltas = false
    #expect(config.featureCount == 80)
    config.deltas = false
    #expect(config.featureCount == 40)
    let matrix = try FeatureExtractor(config: config).features((0..<4000).map { Float(sin(Double($0) * 0.3)) })
    #expect(matrix.featureCount == 40)
    #expect(matrix.values.count == matrix.frames * 40)
  }

  @Test func resampledToneKeepsItsFrequency() throws {
    let tone = (0..<44100).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / 44100)) }
    let resampled = try Resampler.resample(tone, from: 44100, to: 16000)
    #expect(resampled.count == 16000)
    // Count upward zero crossings over the middle 0.5 s (away from the filter's edge transients).
    let middle = Array(resampled[4000..<12000])
    var crossings = 0
    for i in 1..<middle.count where middle[i - 1] < 0 && middle[i] >= 0 { crossings += 1 }
    #expect(abs(Double(crossings) / 0.5 - 1000) <= 4)
    let rms = (middle.reduce(0.0) { $0 + Double($1 * $1) } / Double(middle.count)).squareRoot()
    #expect(abs(rms - 0.5 / 2.0.squareRoot()) < 0.01)
  }

  @Test func libsamplerateAgreesWithAnotherResampler() throws {
    // The reference went through soxr (VHQ) from 44.1 kHz to 16 kHz, then the numpy reference pipeline.
    let golden = Golden.shared.signals["harmonic44k"]!
    let features = try FeatureExtractor().features(
      try Resampler.resample(
        try AudioFile(path: Golden.folder + "/" + golden.file).read(), from: 44100, to: 16000,
        engine: .libsamplerate))
    #expect(features.frames == golden.frames)
    // Measured: mean 8e-5, largest 2e-3. Log-Mel of the interior frames (edge frames see the resamplers' different start transients);
    // the top band straddles Nyquist where the two anti-aliasing filters differ most.
    var worst = 0.0
    var total = 0.0
    var count = 0
    for (key, row) in golden.rows {
      let t = Int(key)!
      guard t >= 2 && t < golden.frames - 2 else { continue }
      for j in 0..<39 {
        let difference = abs(Double(features[t, j]) - row[j])
        worst = max(worst, difference)
        total += difference
        count += 1
      }
    }
    #expect(count > 0)
    #expect(total / Double(count) < 1e-3, "mean |Δ log-Mel| \(total / Double(count))")
    #expect(worst < 0.01, "largest |Δ log-Mel| \(worst)")
  }

  @Test func configHashIsStableAndSensitive() {
    let base = FeatureConfig()
    var explicit = base
    explicit.fftSize = 512
    #expect(base.hashHex == explicit.hashHex)
    var other = base
    other.melScale = .slaney
    #expect(other.hashHex != base.hashHex)
    other = base
    other.deltaDeltas = false
    #expect(other.hashHex != base.hashHex)
    #expect(base.hashHex.count == 64)
  }

  @Test(arguments: [
    ("fftSize", "invalid feature option fftSize 300 (expected a power of two ≥ the frame length 400)"),
    ("nMels", "invalid feature option nMels 0 (expected 1..512)"),
    ("fmax", "invalid feature option fmin/fmax 0.0/9000.0 (expected 0 ≤ fmin < fmax ≤ sampleRate/2)"),
    ("deltaDeltas", "invalid feature option deltaDeltas without deltas (expected deltas on when deltaDeltas is on)"),
  ])
  func invalidConfigIsRejectedWithItsOption(_ option: String, _ message: String) {
    var config = FeatureConfig()
    switch option {
    case "fftSize": config.fftSize = 300
    case "nMels": config.nMels = 0
    case "fmax": config.fmax = 9000
    default: config.deltas = false
    }
    #expect(throws: (any Error).self) { try config.validate() }
    do { try config.validate() } catch { #expect("\(error)" == message) }
  }
}

@Suite struct FastLogTests {
  @Test func fastLogMatchesDoubleLog() {
    var worst = 0.0
    var x: Float = 1e-10
    while x < 1e10 {
      for step in [Float(1), 1.0001, 1.2345, 1.41421, 1.41422, 1.9999] {
        let v = x * step
        worst = max(worst, abs(Double(FastLog.ln(v)) - log(Double(v))))
      }
      x *= 1.37
    }
    #expect(worst < 1e-6, "largest error \(worst)")
  }
}

@Suite struct FeatureConfigCodingTests {
  @Test func partialJSONTakesDefaultsAndRoundTrips() throws {
    let config = try JSONDecoder().decode(
      FeatureConfig.self, from: Data(#"{"sampleRate": 8000, "channel": 2, "deltaDeltas": false}"#.utf8))
    #expect(config.sampleRate == 8000 && config.channel == .channel(2) && !config.deltaDeltas)
    #expect(config.nMels == 40 && config.melScale == .htk && config.resolvedFFTSize == 256)
    #expect(config.featureCount == 80)
    let again = try JSONDecoder().decode(FeatureConfig.self, from: JSONEncoder().encode(config))
    #expect(again == config)
    // A config without the resampler key predates the choice: it was made with libsamplerate.
    var legacy = FeatureConfig()
    legacy.resampler = .libsamplerate
    #expect(try JSONDecoder().decode(FeatureConfig.self, from: Data("{}".utf8)) == legacy)
    #expect(
      String(decoding: try JSONEncoder().encode(FeatureConfig()), as: UTF8.self).contains(#""channel":"mixdown""#))
  }
}

@Suite struct SilenceCheckTests {
  @Test func peakAndFinitenessSeeEverySample() {
    var samples = [Float](repeating: 0.001, count: 37)
    #expect(abs(peakAndFiniteness(samples).peak - 0.001) < 1e-9 && peakAndFiniteness(samples).finite)
    samples[35] = -0.5
    #expect(abs(peakAndFiniteness(samples).peak - 0.5) < 1e-9)
    samples[3] = -0.75
    #expect(abs(peakAndFiniteness(samples).peak - 0.75) < 1e-9)
    samples[9] = .nan
    #expect(!peakAndFiniteness(samples).finite)
    samples[9] = 0
    samples[36] = .infinity
    #expect(!peakAndFiniteness(samples).finite)
    #expect(peakAndFiniteness([]).peak < 1e-30)
  }
}

@Suite struct ExtractorConcurrencyTests {
  /// Plans are created and destroyed under FFTW's one planner lock: many threads at once must
  /// neither crash nor change a single value.
  @Test func extractorsOnManyThreadsAgreeBitForBit() throws {
    let samples = (0..<8000).map { Float(sin(Double($0) * 0.05) * 0.3) }
    let reference = try FeatureExtractor().features(samples).values
    let results = Parallel.map(16, workers: 8) { _, _ -> [Float] in
      (try? FeatureExtractor().features(samples).values) ?? []
    }
    for values in results {
      #expect(values.count == reference.count)
      #expect(zip(values, reference).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
  }
}
