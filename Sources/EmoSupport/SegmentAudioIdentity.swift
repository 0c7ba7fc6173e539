/// What makes two segments the same audio: the bytes of their file (SHA-256), the span read from it
/// and the channel, if the segment has one of its own. The feature cache keys its records with it
/// (adding the feature configuration), the catalog stores that same key, and the fold checks compare
/// `contentHash` for identical audio across train and test.
public struct SegmentAudioIdentity: Sendable, Hashable {
  /// SHA-256 (hex) of the audio file's bytes.
  public var fileHash: String
  /// Span start in seconds.
  public var start: Double
  /// Span end in seconds; nil = to the end of the file.
  public var end: Double?
  /// The file's channel (0-based) the segment's speaker owns; nil = the run's channel choice.
  public var channel: Int?

  public init(fileHash: String, start: Double, end: Double?, channel: Int?) {
    self.fileHash = fileHash
    self.start = start
    self.end = end
    self.channel = channel
  }

  /// The segment's audio content: equal for the same bytes, span (to the millisecond) and channel
  /// (manifests' `audio_hash`).
  public var contentHash: String {
    let span = fixedDecimals(start, 3) + "-" + (end.map { fixedDecimals($0, 3) } ?? "end")
    return SHA256.hex("\(fileHash):\(span)\(channel.map { "@\($0)" } ?? "")")
  }

  /// The feature cache's key of this audio under one feature configuration (`configHash`), also
  /// the catalog's `feature_entries.key`.
  public func cacheKey(configHash: String) -> String {
    SHA256.hex(
      "\(fileHash)\n\(start)\n\(end.map { "\($0)" } ?? "end")\n\(configHash)\(channel.map { "\nchannel \($0)" } ?? "")")
  }
}
