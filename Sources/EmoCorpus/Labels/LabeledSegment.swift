import EmoSupport

/// One annotation after label normalization: raw labels kept beside their canonical (macro) form.
public struct NormalizedAnnotation: Sendable, Hashable, Codable {
  public var coder: String
  public var kind: AnnotationKind
  /// Raw Major label as written (nil for dimensional lines).
  public var rawMajor: String?
  public var rawMinor: String?
  /// Canonical class of the mapping (CEMO macro-class, IEMOCAP code); nil when unknown or absent.
  public var major: String?
  public var minor: String?
  /// Canonical classes of the further labels (IEMOCAP evaluators' second, third… label), in order;
  /// the raw ones are `Annotation.additional` of the same position.
  public var additional: [String]

  public init(
    coder: String, kind: AnnotationKind, rawMajor: String?, rawMinor: String?, major: String?, minor: String?,
    additional: [String] = []
  ) {
    self.coder = coder
    self.kind = kind
    self.rawMajor = rawMajor
    self.rawMinor = rawMinor
    self.major = major
    self.minor = minor
    self.additional = additional
  }
}

/// A segment after normalization: its consensus, its task class, or why it has none.
///
/// Its fields live in one shared box, copied only when a copy is changed (copy-on-write, as
/// `Segment`): the normalized list, the candidates and each selection of a large corpus share one
/// box per segment, and their arrays hold references. Equality, hashing and coding are the fields'
/// own, as for a plain struct.
public struct LabeledSegment: Sendable, Hashable, Codable {
  /// The stored fields (coded under their own names, as the struct's were).
  private struct Fields: Sendable, Hashable, Codable {
    var segment: Segment
    var annotations: [NormalizedAnnotation]
    var consensus: String?
    var label: String?
    var drop: Drop?
  }

  /// The fields, shared by copies until one is changed.
  private var box: CopyOnWrite<Fields>

  public var segment: Segment {
    get { box.value.segment }
    _modify { yield &box.value.segment }
  }
  /// One per annotation of the segment, same order (dimensional ones carry no labels).
  public var annotations: [NormalizedAnnotation] {
    get { box.value.annotations }
    _modify { yield &box.value.annotations }
  }
  /// Consensus in the mapping's canonical classes (nil: no consensus or unknown).
  public var consensus: String? {
    get { box.value.consensus }
    _modify { yield &box.value.consensus }
  }
  /// Task class (nil when dropped).
  public var label: String? {
    get { box.value.label }
    _modify { yield &box.value.label }
  }
  /// Why the segment has no task class (unknown label, class not in task, no consensus).
  public var drop: Drop? {
    get { box.value.drop }
    _modify { yield &box.value.drop }
  }

  public init(
    segment: Segment, annotations: [NormalizedAnnotation], consensus: String?, label: String?, drop: Drop?
  ) {
    box = CopyOnWrite(
      Fields(segment: segment, annotations: annotations, consensus: consensus, label: label, drop: drop))
  }

  public init(from decoder: Decoder) throws { box = try CopyOnWrite(from: decoder) }

  public func encode(to encoder: Encoder) throws { try box.encode(to: encoder) }

}
