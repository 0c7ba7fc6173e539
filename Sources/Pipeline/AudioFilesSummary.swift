import AudioFeatures
import Foundation

/// What the audio files of a prep were like (`summary.json` `audio`): files per source rate, and
/// how many are below the target rate (upsampled: their top bands are empty, which a model can
/// learn as a corpus cue instead of emotion).
public struct AudioFilesSummary: Codable, Sendable, Equatable {
  /// Distinct files per source sample rate (Hz, as text), over the files that could be opened.
  public var sampleRates: [String: Int]
  /// The rate features are computed at.
  public var targetRate: Int
  /// Files whose rate is below `targetRate`.
  public var belowTargetRate: Int
  /// A few of those files (names only), for the warning.
  public var belowTargetRateExamples: [String]
  /// `soxr-vhq` or `libsamplerate-<quality>`.
  public var resampler: String

  enum CodingKeys: String, CodingKey {
    case sampleRates = "sample_rates", targetRate = "target_rate", belowTargetRate = "below_target_rate"
    case belowTargetRateExamples = "below_target_rate_examples", resampler
  }

  /// Counts each distinct path once (`sources` pairs a segment's path with its file's facts).
  init(_ sources: [(path: String, source: SourceAudio?)], config: FeatureConfig) {
    var rateOfFile: [String: Int] = [:]
    for (path, source) in sources {
      if let source, rateOfFile[path] == nil { rateOfFile[path] = source.sampleRate }
    }
    var rates: [String: Int] = [:]
    for rate in rateOfFile.values { rates[String(rate), default: 0] += 1 }
    let below = rateOfFile.filter { $0.value < config.sampleRate }.keys.sorted()
    sampleRates = rates
    targetRate = config.sampleRate
    belowTargetRate = below.count
    belowTargetRateExamples = below.prefix(3).map { ($0 as NSString).lastPathComponent }
    resampler = config.resamplerDescription
  }

  /// The one-line warning for files below the target rate.
  var belowTargetRateWarning: String {
    let rates = sampleRates.compactMap { Int($0.key) }.filter { $0 < targetRate }.sorted().map { "\($0) Hz" }
    return
      "\(belowTargetRate) audio file\(belowTargetRate == 1 ? " is" : "s are") below the target rate of "
      + "\(targetRate) Hz (\(rates.joined(separator: ", ")); e.g. \(belowTargetRateExamples.joined(separator: ", "))): "
      + "upsampled, their features have empty top bands (see README, Resampling)"
  }
}
