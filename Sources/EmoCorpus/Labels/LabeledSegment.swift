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

  /// The box copies share; changed in place only while it is not shared.
  private final class Box: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  /// The box, made this value's own before a change.
  private mutating func unique() -> Box {
    if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    return box
  }

  public var segment: Segment {
    get { box.fields.segment }
    set { unique().fields.segment = newValue }
    _modify { yield &unique().fields.segment }
  }
  /// One per annotation of the segment, same order (dimensional ones carry no labels).
  public var annotations: [NormalizedAnnotation] {
    get { box.fields.annotations }
    set { unique().fields.annotations = newValue }
    _modify { yield &unique().fields.annotations }
  }
  /// Consensus in the mapping's canonical classes (nil: no consensus or unknown).
  public var consensus: String? {
    get { box.fields.consensus }
    set { unique().fields.consensus = newValue }
    _modify { yield &unique().fields.consensus }
  }
  /// Task class (nil when dropped).
  public var label: String? {
    get { box.fields.label }
    set { unique().fields.label = newValue }
    _modify { yield &unique().fields.label }
  }
  /// Why the segment has no task class (unknown label, class not in task, no consensus).
  public var drop: Drop? {
    get { box.fields.drop }
    set { unique().fields.drop = newValue }
    _modify { yield &unique().fields.drop }
  }

  public init(
    segment: Segment, annotations: [NormalizedAnnotation], consensus: String?, label: String?, drop: Drop?
  ) {
    box = Box(Fields(segment: segment, annotations: annotations, consensus: consensus, label: label, drop: drop))
  }

  public init(from decoder: Decoder) throws { box = Box(try Fields(from: decoder)) }

  public func encode(to encoder: Encoder) throws { try box.fields.encode(to: encoder) }

  public static func == (lhs: LabeledSegment, rhs: LabeledSegment) -> Bool {
    lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
  }

  public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }
}
