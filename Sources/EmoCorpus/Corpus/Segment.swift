import EmoSupport

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
///
/// A value type whose fields live in one shared box, copied only when a copy is changed
/// (copy-on-write): the corpus, its labeled segments and every selection hold the same segment
/// without copying its fields (a label-only prep of millions of segments holds each several times),
/// and an array of segments is an array of references. Equality, hashing and coding are the
/// fields' own, as for a plain struct.
public struct Segment: Sendable, Hashable, Codable, Identifiable {
  /// The stored fields (coded under their own names, as the struct's were).
  private struct Fields: Sendable, Hashable, Codable {
    var id: String
    var dialog: String
    var speaker: String
    var span: TimeSpan?
    var audio: AudioRef?
    var annotations: [Annotation]
    var corpusConsensus: String?
    var dimensions: [String: Double]
    var corpusDrop: DropReason?
    var origin: Origin
    var extra: [String: String]
  }

  /// The fields, shared by copies until one is changed.
  private var box: CopyOnWrite<Fields>

  public var id: String {
    get { box.value.id }
    _modify { yield &box.value.id }
  }
  public var dialog: String {
    get { box.value.dialog }
    _modify { yield &box.value.dialog }
  }
  public var speaker: String {
    get { box.value.speaker }
    _modify { yield &box.value.speaker }
  }
  /// Position in the dialog's timeline (nil when the source gives no times).
  public var span: TimeSpan? {
    get { box.value.span }
    _modify { yield &box.value.span }
  }
  public var audio: AudioRef? {
    get { box.value.audio }
    _modify { yield &box.value.audio }
  }
  public var annotations: [Annotation] {
    get { box.value.annotations }
    _modify { yield &box.value.annotations }
  }
  /// The corpus's own consensus label (IEMOCAP's `EMO` field), raw.
  public var corpusConsensus: String? {
    get { box.value.corpusConsensus }
    _modify { yield &box.value.corpusConsensus }
  }
  /// The corpus's own consensus value per rating dimension (IEMOCAP's summary `[V, A, D]`), as given.
  public var dimensions: [String: Double] {
    get { box.value.dimensions }
    _modify { yield &box.value.dimensions }
  }
  /// Set when the corpus's own consensus gives the segment no usable class (MSP-Podcast `X`: no
  /// agreement, `O`: other): dropped with this reason, unless the raters' distribution is kept
  /// (`prep --soft-labels`), which then decides by the soft rule.
  public var corpusDrop: DropReason? {
    get { box.value.corpusDrop }
    _modify { yield &box.value.corpusDrop }
  }
  public var origin: Origin {
    get { box.value.origin }
    _modify { yield &box.value.origin }
  }
  public var extra: [String: String] {
    get { box.value.extra }
    _modify { yield &box.value.extra }
  }

  public init(
    id: String, dialog: String, speaker: String, span: TimeSpan? = nil, audio: AudioRef? = nil,
    annotations: [Annotation] = [], corpusConsensus: String? = nil, origin: Origin,
    extra: [String: String] = [:]
  ) {
    box = CopyOnWrite(
      Fields(
        id: id, dialog: dialog, speaker: speaker, span: span, audio: audio, annotations: annotations,
        corpusConsensus: corpusConsensus, dimensions: [:], corpusDrop: nil, origin: origin, extra: extra))
  }

  public init(from decoder: Decoder) throws { box = try CopyOnWrite(from: decoder) }

  public func encode(to encoder: Encoder) throws { try box.encode(to: encoder) }

  /// Duration in seconds when known (from the timeline, else from the audio span).
  public var duration: Double? {
    if let span { return span.duration }
    if let audio, let end = audio.end { return end - audio.start }
    return nil
  }
}
