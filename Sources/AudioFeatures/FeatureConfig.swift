import EmoSupport
import Foundation

/// Mel scale of the filterbank centre frequencies.
public enum MelScale: String, Codable, Hashable, Sendable, CaseIterable {
  /// 2595·log10(1 + f/700) (HTK; the default).
  case htk
  /// Slaney's Auditory Toolbox: linear below 1 kHz, logarithmic above (librosa's default).
  case slaney
}

/// Normalization of each Mel filter's weights.
public enum MelNorm: String, Codable, Hashable, Sendable, CaseIterable {
  /// Triangles peak at 1 (the default: librosa `norm=None`).
  case none
  /// Each triangle has unit area in Hz (librosa `norm='slaney'`).
  case slaney
}

/// Analysis window applied to each frame before the FFT.
public enum WindowFunction: String, Codable, Hashable, Sendable, CaseIterable {
  /// Periodic Hann, 0.5 − 0.5·cos(2πn/N) (the default).
  case hann
  /// Periodic Hamming, 0.54 − 0.46·cos(2πn/N).
  case hamming
  /// No weighting.
  case rectangular
}

/// Which audio channel feeds the features.
public enum ChannelSelection: Codable, Hashable, Sendable, CustomStringConvertible {
  /// Average of all channels.
  case mixdown
  /// One channel, 1-based (as `--channel N`).
  case channel(Int)

  public var description: String {
    switch self {
    case .mixdown: return "mixdown"
    case .channel(let n): return "channel \(n)"
    }
  }

  /// Encoded as `"mixdown"` or the 1-based channel number (readable in YAML configs).
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let n = try? container.decode(Int.self) {
      self = .channel(n)
    } else if try container.decode(String.self) == "mixdown" {
      self = .mixdown
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected \"mixdown\" or a 1-based channel number")
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .mixdown: try container.encode("mixdown")
    case .channel(let n): try container.encode(n)
    }
  }
}

/// Sample-rate converter (`--resampler`).
public enum ResamplerEngine: String, Codable, Hashable, Sendable, CaseIterable {
  /// libsoxr at very high quality (28-bit precision, linear phase): fast and the default.
  case soxr
  /// libsamplerate, with the converter `ResampleQuality` names (`--resample-quality`).
  case libsamplerate
}

/// libsamplerate converter (`--resample-quality`; used with `--resampler libsamplerate`).
public enum ResampleQuality: String, Codable, Hashable, Sendable, CaseIterable {
  case sincBest = "best"
  case sincMedium = "medium"
  case sincFastest = "fastest"
  case zeroOrderHold = "zoh"
  case linear
}

/// Every option of the audio front end; its `hashHex` is part of each feature cache key.
///
/// Defaults are the documented features exactly (README, Features): 16 kHz, 25/10 ms frames, periodic Hann, FFT 512, 40 HTK Mel
/// bands over 0..rate/2 without normalization, ln(max(v, 1e-10)), Δ and ΔΔ with N = 2 → 120 values.
public struct FeatureConfig: Codable, Hashable, Sendable {
  /// Target sample rate; audio at another rate is resampled.
  public var sampleRate: Int = 16000
  public var nMels: Int = 40
  public var melScale: MelScale = .htk
  public var melNorm: MelNorm = .none
  public var window: WindowFunction = .hann
  /// Frame length in samples; nil = 25 ms at `sampleRate`.
  public var frameLength: Int?
  /// Hop in samples; nil = 10 ms at `sampleRate`.
  public var frameHop: Int?
  /// FFT size; nil = next power of two ≥ the frame length.
  public var fftSize: Int?
  public var deltas: Bool = true
  public var deltaDeltas: Bool = true
  /// Regression half-width N of Δ (2).
  public var deltaWidth: Int = 2
  /// Floor under the Mel energies before the natural log.
  public var floor: Double = 1e-10
  public var fmin: Double = 0
  /// Upper filterbank edge; nil = sampleRate / 2.
  public var fmax: Double?
  public var channel: ChannelSelection = .mixdown
  public var resampler: ResamplerEngine = .soxr
  /// libsamplerate's converter; not used by soxr (always very high quality).
  public var resampleQuality: ResampleQuality = .sincBest

  public init() {}

  private enum CodingKeys: String, CodingKey {
    case sampleRate, nMels, melScale, melNorm, window, frameLength, frameHop, fftSize, deltas, deltaDeltas
    case deltaWidth, floor, fmin, fmax, channel, resampler, resampleQuality
  }

  /// Missing keys take their defaults, so a config may name only the options it changes; a missing
  /// `resampler` is libsamplerate, the only engine when older configs were written.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    sampleRate = try c.decodeIfPresent(Int.self, forKey: .sampleRate) ?? sampleRate
    nMels = try c.decodeIfPresent(Int.self, forKey: .nMels) ?? nMels
    melScale = try c.decodeIfPresent(MelScale.self, forKey: .melScale) ?? melScale
    melNorm = try c.decodeIfPresent(MelNorm.self, forKey: .melNorm) ?? melNorm
    window = try c.decodeIfPresent(WindowFunction.self, forKey: .window) ?? window
    frameLength = try c.decodeIfPresent(Int.self, forKey: .frameLength)
    frameHop = try c.decodeIfPresent(Int.self, forKey: .frameHop)
    fftSize = try c.decodeIfPresent(Int.self, forKey: .fftSize)
    deltas = try c.decodeIfPresent(Bool.self, forKey: .deltas) ?? deltas
    deltaDeltas = try c.decodeIfPresent(Bool.self, forKey: .deltaDeltas) ?? deltaDeltas
    deltaWidth = try c.decodeIfPresent(Int.self, forKey: .deltaWidth) ?? deltaWidth
    floor = try c.decodeIfPresent(Double.self, forKey: .floor) ?? floor
    fmin = try c.decodeIfPresent(Double.self, forKey: .fmin) ?? fmin
    fmax = try c.decodeIfPresent(Double.self, forKey: .fmax)
    channel = try c.decodeIfPresent(ChannelSelection.self, forKey: .channel) ?? channel
    // Configs written before the engine was selectable (a model's features.json, a cache index)
    // were made with libsamplerate.
    resampler = try c.decodeIfPresent(ResamplerEngine.self, forKey: .resampler) ?? .libsamplerate
    resampleQuality = try c.decodeIfPresent(ResampleQuality.self, forKey: .resampleQuality) ?? resampleQuality
  }

  /// The defaults at another rate (25/10 ms, FFT next power of two, 0..rate/2).
  public init(sampleRate: Int) { self.sampleRate = sampleRate }

  /// Frame length in samples actually used.
  public var resolvedFrameLength: Int { frameLength ?? sampleRate / 40 }
  /// Hop in samples actually used.
  public var resolvedFrameHop: Int { frameHop ?? sampleRate / 100 }
  /// FFT size actually used.
  public var resolvedFFTSize: Int {
    if let fftSize { return fftSize }
    var n = 1
    while n < resolvedFrameLength { n <<= 1 }
    return n
  }
  /// The resampler as one word: `soxr-vhq` or `libsamplerate-<quality>`.
  public var resamplerDescription: String {
    switch resampler {
    case .soxr: return "soxr-vhq"
    case .libsamplerate: return "libsamplerate-\(resampleQuality.rawValue)"
    }
  }
  /// Upper filterbank edge actually used.
  public var resolvedFmax: Double { fmax ?? Double(sampleRate) / 2 }
  /// Frequency bins of the one-sided spectrum.
  public var binCount: Int { resolvedFFTSize / 2 + 1 }

  /// Frame and window arithmetic shared with selection.
  public var framing: Framing { Framing(frameLength: resolvedFrameLength, frameHop: resolvedFrameHop) }

  /// Values per frame: nMels × (1 + Δ + ΔΔ) (120 by default).
  public var featureCount: Int { nMels * (1 + (deltas ? 1 : 0) + (deltas && deltaDeltas ? 1 : 0)) }

  /// Checks option consistency; the error names the offending option.
  public func validate() throws {
    func bad(_ what: String, _ expected: String) -> LocatedError {
      LocatedError(file: nil, "invalid feature option \(what)", expected: expected)
    }
    if sampleRate < 1000 || sampleRate > 384_000 { throw bad("sampleRate \(sampleRate)", "1000..384000") }
    if nMels < 1 || nMels > 512 { throw bad("nMels \(nMels)", "1..512") }
    let length = resolvedFrameLength
    if length < 16 { throw bad("frame length \(length)", "at least 16 samples") }
    if resolvedFrameHop < 1 { throw bad("frame hop \(resolvedFrameHop)", "at least 1 sample") }
    let n = resolvedFFTSize
    if n < length || n & (n - 1) != 0 { throw bad("fftSize \(n)", "a power of two ≥ the frame length \(length)") }
    if deltaWidth < 1 || deltaWidth > 10 { throw bad("deltaWidth \(deltaWidth)", "1..10") }
    if deltaDeltas && !deltas { throw bad("deltaDeltas without deltas", "deltas on when deltaDeltas is on") }
    if !(floor > 0) { throw bad("floor \(floor)", "a positive number") }
    if fmin < 0 || resolvedFmax <= fmin || resolvedFmax > Double(sampleRate) / 2 + 1e-9 {
      throw bad("fmin/fmax \(fmin)/\(resolvedFmax)", "0 ≤ fmin < fmax ≤ sampleRate/2")
    }
    if case .channel(let c) = channel, c < 1 { throw bad("channel \(c)", "a 1-based channel number") }
  }

  /// Stable SHA-256 of a canonical encoding (sorted-key JSON of the resolved options).
  ///
  /// Resolved values are hashed, so `fftSize: nil` and `fftSize: 512` at 16 kHz share one key.
  public var hashHex: String { SHA256.hex(canonicalEncoding) }

  /// Sorted-key JSON of every resolved option: the text `hashHex` digests.
  public var canonicalEncoding: String {
    // Version 2: the resampler engine; truncated files dropped; only exact zeros are silence.
    let fields = resolvedFields + [("version", "2")]
    return "{" + fields.sorted { $0.0 < $1.0 }.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
  }

  /// Every option as resolved (name, value), in a fixed order.
  var resolvedFields: [(String, String)] {
    let channelText: String
    switch channel {
    case .mixdown: channelText = "mixdown"
    case .channel(let n): channelText = "channel:\(n)"
    }
    return [
      ("sampleRate", String(sampleRate)),
      ("nMels", String(nMels)),
      ("melScale", melScale.rawValue),
      ("melNorm", melNorm.rawValue),
      ("window", window.rawValue),
      ("frameLength", String(resolvedFrameLength)),
      ("frameHop", String(resolvedFrameHop)),
      ("fftSize", String(resolvedFFTSize)),
      ("fmin", String(fmin)),
      ("fmax", String(resolvedFmax)),
      ("floor", String(floor)),
      ("deltas", deltas ? "true" : "false"),
      ("deltaDeltas", deltas && deltaDeltas ? "true" : "false"),
      ("deltaWidth", String(deltaWidth)),
      ("resampler", resamplerDescription),
      ("channel", channelText),
    ]
  }

  /// Options whose values differ between this config and `other`, as (option, this, other); the
  /// channel choice is left out (a model applies to speech from any channel).
  public func differences(from other: FeatureConfig) -> [(option: String, this: String, other: String)] {
    zip(resolvedFields, other.resolvedFields).compactMap { mine, theirs in
      mine.0 == "channel" || mine.1 == theirs.1 ? nil : (mine.0, mine.1, theirs.1)
    }
  }

  /// An error unless features made with this config can feed a model trained on `model`'s (every
  /// option the same but the channel choice): it names the options that differ and both configs.
  /// `what` says whose features these are (`its features were made`), `path` where they are.
  public func requireUsable(byModelOf model: FeatureConfig, at path: String, what: String) throws {
    let differences = differences(from: model)
    guard !differences.isEmpty else { return }
    let listed = differences.map { "\($0.option) \($0.this) here, \($0.other) for the model" }
    throw LocatedError(
      file: path,
      "\(what) with another feature config than the model's (\(listed.joined(separator: "; "))): "
        + "here \(summary); model \(model.summary)",
      expected: "the model's feature config: prepare this corpus with the same rate, Mel, window, Δ and resampler "
        + "options as the training data (see README, \"A model and its features\")")
  }

  /// One line naming the config: `16000 Hz, 40 htk Mel bands, hann 400/160, FFT 512, Δ+ΔΔ, soxr-vhq`.
  public var summary: String {
    let deltaText = deltas ? (deltaDeltas ? "Δ+ΔΔ" : "Δ") : "no Δ"
    return "\(sampleRate) Hz, \(nMels) \(melScale.rawValue) Mel bands, \(window.rawValue) "
      + "\(resolvedFrameLength)/\(resolvedFrameHop), FFT \(resolvedFFTSize), \(deltaText), \(resamplerDescription)"
  }
}
