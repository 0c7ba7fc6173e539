import EmoSupport
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
  /// The file's channel (0-based) this segment's speaker owns; nil = the config's channel choice
  /// (mixdown or `--channel N`).
  public var channel: Int?

  public init(segmentID: String, path: String, start: Double = 0, end: Double? = nil, channel: Int? = nil) {
    self.segmentID = segmentID
    self.path = path
    self.start = start
    self.end = end
    self.channel = channel
  }

  /// The audio this request reads, given its file's SHA-256.
  public func identity(fileHash: String) -> SegmentAudioIdentity {
    SegmentAudioIdentity(fileHash: fileHash, start: start, end: end, channel: channel)
  }

  /// The channel read for this request: its own, else the config's.
  func channelSelection(_ config: FeatureConfig) -> ChannelSelection {
    channel.map { .channel($0 + 1) } ?? config.channel
  }
}

/// Facts of a segment's source file, kept in the cache (summary counts, whole-file durations).
public struct SourceAudio: Codable, Sendable, Hashable {
  public var sampleRate: Int
  public var channels: Int
  /// Frames per channel of the whole file.
  public var frames: Int

  public init(sampleRate: Int, channels: Int, frames: Int) {
    self.sampleRate = sampleRate
    self.channels = channels
    self.frames = frames
  }

  init(_ info: AudioInfo) { self.init(sampleRate: info.sampleRate, channels: info.channels, frames: info.frames) }

  /// Length of the file in seconds.
  public var duration: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}

/// Why a segment has no features (maps onto the pipeline's drop reasons).
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
  /// The request's samples read from its file on their own (tests, one-off reads).
  static func samples(for request: FeatureRequest, config: FeatureConfig) throws -> [Float] {
    try samples(
      from: try AudioFile(path: request.path), request: request, config: config, resamplers: ResamplerCache())
  }

  /// Reads the request's span of an opened file, selects the channel, resamples; errors are
  /// `AudioError`.
  static func samples(
    from file: AudioFile, request: FeatureRequest, config: FeatureConfig, resamplers: ResamplerCache
  ) throws -> [Float] {
    let raw = try file.read(start: request.start, end: request.end, channel: request.channelSelection(config))
    return try resamplers.resample(
      raw, from: file.info.sampleRate, to: config.sampleRate, engine: config.resampler,
      quality: config.resampleQuality, path: request.path)
  }

  /// Features of one request read from `file`, or why it is dropped (never throws for bad audio).
  static func compute(_ request: FeatureRequest, file: AudioFile, extractor: FeatureExtractor) -> Result<
    FeatureMatrix, DropError
  > {
    let config = extractor.config
    let samples: [Float]
    do {
      samples = try SegmentAudio.samples(
        from: file, request: request, config: config, resamplers: extractor.resamplers)
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
    let (peak, finite) = peakAndFiniteness(samples)
    if !finite { return .failure(DropError(reason: .unreadableAudio, detail: "non-finite samples (NaN or infinity)")) }
    // Only exact digital silence: a quiet recording (a peak of a few 16-bit steps, or below one
    // step in a float file) is speech the features can still describe.
    if peak == 0 {
      return .failure(DropError(reason: .unreadableAudio, detail: "silence only (every sample is exactly zero)"))
    }
    return .success(extractor.features(samples))
  }
}

/// Largest |sample| and whether every sample is finite, on the bit patterns: with the sign bit
/// cleared, finite floats order like their bits as integers and NaN and infinity lie above every
/// finite value, so one integer max (which vectorizes, unlike a float max) answers both.
func peakAndFiniteness(_ samples: [Float]) -> (peak: Float, finite: Bool) {
  var top: UInt32 = 0
  samples.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: UInt32.self) { bits in
      for b in bits { top = max(top, b & 0x7FFF_FFFF) }
    }
  }
  let finite = top < 0x7F80_0000
  return (finite ? Float(bitPattern: top) : .infinity, finite)
}

/// A drop decision carried as an error value inside `Result`.
struct DropError: Error, Hashable {
  var reason: FeatureDropReason
  var detail: String
}
