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
public struct LabeledSegment: Sendable, Hashable, Codable {
  public var segment: Segment
  /// One per annotation of the segment, same order (dimensional ones carry no labels).
  public var annotations: [NormalizedAnnotation]
  /// Consensus in the mapping's canonical classes (nil: no consensus or unknown).
  public var consensus: String?
  /// Task class (nil when dropped).
  public var label: String?
  /// Why the segment has no task class (unknown label, class not in task, no consensus).
  public var drop: Drop?

  public init(
    segment: Segment, annotations: [NormalizedAnnotation], consensus: String?, label: String?, drop: Drop?
  ) {
    self.segment = segment
    self.annotations = annotations
    self.consensus = consensus
    self.label = label
    self.drop = drop
  }
}
