/// A span of seconds; `end > start` is checked by readers.
public struct TimeSpan: Sendable, Hashable, Codable {
  public var start: Double
  public var end: Double

  public init(start: Double, end: Double) {
    self.start = start
    self.end = end
  }

  public var duration: Double { end - start }
}

/// Where a segment's samples are: a file and the span inside it (`end == nil`: to the end of file).
public struct AudioRef: Sendable, Hashable, Codable {
  /// Absolute, standardized path.
  public var path: String
  public var start: Double
  public var end: Double?

  public init(path: String, start: Double = 0, end: Double? = nil) {
    self.path = path
    self.start = start
    self.end = end
  }
}

/// The unit that receives an emotion label: an IEMOCAP turn, a CEMO segment, a table row group.
public struct Segment: Sendable, Hashable, Codable, Identifiable {
  public var id: String
  public var dialog: String
  public var speaker: String
  /// Position in the dialog's timeline (nil when the source gives no times).
  public var span: TimeSpan?
  public var audio: AudioRef?
  public var annotations: [Annotation]
  /// The corpus's own consensus label (IEMOCAP's `EMO` field), raw.
  public var corpusConsensus: String?
  /// The corpus's own consensus value per rating dimension (IEMOCAP's summary `[V, A, D]`), as given.
  public var dimensions: [String: Double] = [:]
  /// Set when the corpus's own consensus gives the segment no usable class (MSP-Podcast `X`: no
  /// agreement, `O`: other): dropped with this reason, unless the raters' distribution is kept
  /// (`prep --soft-labels`), which then decides by the soft rule.
  public var corpusDrop: DropReason?
  public var origin: Origin
  public var extra: [String: String]

  public init(
    id: String, dialog: String, speaker: String, span: TimeSpan? = nil, audio: AudioRef? = nil,
    annotations: [Annotation] = [], corpusConsensus: String? = nil, origin: Origin,
    extra: [String: String] = [:]
  ) {
    self.id = id
    self.dialog = dialog
    self.speaker = speaker
    self.span = span
    self.audio = audio
    self.annotations = annotations
    self.corpusConsensus = corpusConsensus
    self.origin = origin
    self.extra = extra
  }

  /// Duration in seconds when known (from the timeline, else from the audio span).
  public var duration: Double? {
    if let span { return span.duration }
    if let audio, let end = audio.end { return end - audio.start }
    return nil
  }
}
