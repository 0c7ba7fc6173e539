import EmoSupport

/// Why audio could not be read; `description` reads `path: what (expected …)`.
public enum AudioError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No file at the path.
  case missing(path: String)
  /// libsndfile could not open or decode the file (the reason is libsndfile's message).
  case unreadable(path: String, reason: String)
  /// The requested span starts or ends beyond the end of the file.
  case spanBeyondEnd(path: String, start: Double, end: Double, duration: Double)
  /// `--channel N` names a channel the file does not have.
  case noSuchChannel(path: String, channel: Int, channels: Int)
  /// The file holds fewer frames (`read`) than its header announces (`expected`).
  case truncated(path: String, read: Int, expected: Int)
  /// The resampler failed.
  case resampling(path: String, reason: String)

  public var path: String {
    switch self {
    case .missing(let path), .unreadable(let path, _), .spanBeyondEnd(let path, _, _, _),
      .noSuchChannel(let path, _, _), .truncated(let path, _, _), .resampling(let path, _):
      return path
    }
  }

  /// The accounting reason for a segment dropped because of this error.
  public var dropReason: FeatureDropReason { if case .missing = self { .missingAudio } else { .unreadableAudio } }

  /// The message without the path (used as a drop detail).
  public var detail: String {
    switch self {
    case .missing: return "audio file not found"
    case .unreadable(_, let reason):
      return "cannot read audio: \(reason) (expected a WAV, FLAC or other libsndfile format)"
    case .spanBeyondEnd(_, let start, let end, let duration):
      return "segment \(AudioError.seconds(start))–\(AudioError.seconds(end)) s lies beyond the end of the audio "
        + "(expected a span within 0–\(AudioError.seconds(duration)) s)"
    case .noSuchChannel(_, let channel, let channels):
      return "no channel \(channel) in the audio (expected 1…\(channels))"
    case .truncated(_, let read, let expected):
      return "truncated: the header announces \(expected) frames, the file holds \(read) "
        + "(expected a complete file; an interrupted copy?)"
    case .resampling(_, let reason): return "cannot resample audio: \(reason)"
    }
  }

  public var description: String { "\(path): \(detail)" }

  static func seconds(_ value: Double) -> String {
    var text = fixedDecimals(value, 3)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
