import Foundation

/// One segment whose features are wanted: plain values, so the domain layer need not be imported.
public struct FeatureRequest: Sendable, Hashable, Codable {
  public var segmentID: String
  /// Audio file path (absolute, or relative to the working directory).
  public var path: String
  /// Span start in seconds.
  public var start: Double
  /// Span end in seconds; nil = to the end of the file.
  public var end: Double?

  public init(segmentID: String, path: String, start: Double = 0, end: Double? = nil) {
    self.segmentID = segmentID
    self.path = path
    self.start = start
    self.end = end
  }
}

/// Why a segment has no features (maps onto the pipeline's drop reasons, SPEC §4.1).
public enum FeatureDropReason: String, Sendable, Hashable, Codable {
  case missingAudio = "missing_audio"
  case unreadableAudio = "unreadable_audio"
  case tooShort = "too_short"
}

/// The result of one request: features cached, or dropped with a reason and a detail.
public enum FeatureOutcome: Sendable, Hashable {
  case ready(frames: Int, windows: Int, audioHash: String)
  case dropped(FeatureDropReason, detail: String)
}

/// Samples of one request, at the config's rate and channel choice, or the reason there are none.
enum SegmentAudio {
  /// Peak below one 16-bit step: the segment is digital silence (log-Mel would sit at the floor).
  static let silencePeak: Float = 1.0 / 32768

  /// Reads, selects the channel, resamples; errors are `AudioError`.
  static func samples(for request: FeatureRequest, config: FeatureConfig) throws -> [Float] {
    let file = try AudioFile(path: request.path)
    let raw = try file.read(start: request.start, end: request.end, channel: config.channel)
    return try Resampler.resample(
      raw, from: file.info.sampleRate, to: config.sampleRate, quality: config.resampleQuality, path: request.path)
  }

  /// Features of one request, or why it is dropped (never throws for bad audio).
  static func compute(_ request: FeatureRequest, extractor: FeatureExtractor) -> Result<FeatureMatrix, DropError> {
    let config = extractor.config
    let samples: [Float]
    do {
      samples = try SegmentAudio.samples(for: request, config: config)
    } catch let error as AudioError {
      return .failure(DropError(reason: error.dropReason, detail: error.detail))
    } catch {
      return .failure(DropError(reason: .unreadableAudio, detail: "\(error)"))
    }
    if let end = request.end, end <= request.start {
      return .failure(DropError(reason: .tooShort, detail: "empty span (end ≤ start)"))
    }
    let frames = config.framing.frameCount(samples: samples.count)
    if frames == 0 {
      return .failure(
        DropError(
          reason: .tooShort,
          detail: "\(samples.count) samples, shorter than one \(config.resolvedFrameLength)-sample frame"))
    }
    var peak: Float = 0
    var finite = true
    for s in samples {
      peak = max(peak, abs(s))
      finite = finite && s.isFinite
    }
    if !finite { return .failure(DropError(reason: .unreadableAudio, detail: "non-finite samples (NaN or infinity)")) }
    if !(peak >= silencePeak) {
      return .failure(DropError(reason: .unreadableAudio, detail: "silence only"))
    }
    return .success(extractor.features(samples))
  }
}

/// A drop decision carried as an error value inside `Result`.
struct DropError: Error, Hashable {
  var reason: FeatureDropReason
  var detail: String
}
