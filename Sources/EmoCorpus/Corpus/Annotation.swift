/// Dimensional ratings (IEMOCAP: valence, activation, dominance on 1–5); a value may be missing.
public struct Dimensions: Sendable, Hashable, Codable {
  public var valence: Double?
  public var activation: Double?
  public var dominance: Double?

  public init(valence: Double? = nil, activation: Double? = nil, dominance: Double? = nil) {
    self.valence = valence
    self.activation = activation
    self.dominance = dominance
  }
}

/// What kind of judgement an annotation line carries.
public enum AnnotationKind: String, Sendable, Hashable, Codable {
  /// Categorical labels by an external coder/evaluator.
  case categorical
  /// Categorical labels given by the speaker (IEMOCAP actors' self-evaluation).
  case selfEvaluation
  /// Dimensional ratings.
  case dimensional
}

/// One coder's judgement of one segment, labels exactly as written in the source (raw, not normalized).
public struct Annotation: Sendable, Hashable, Codable {
  public var coder: String
  public var kind: AnnotationKind
  /// First (Major) label; nil for dimensional lines.
  public var major: String?
  /// Optional Minor label (CEMO).
  public var minor: String?
  /// Further labels beyond the first (IEMOCAP evaluators may give several).
  public var additional: [String]
  public var dimensions: Dimensions?
  /// Free-text note; never printed in logs (corpus data is sensitive).
  public var note: String?
  public var origin: Origin

  public init(
    coder: String, kind: AnnotationKind = .categorical, major: String? = nil, minor: String? = nil,
    additional: [String] = [], dimensions: Dimensions? = nil, note: String? = nil, origin: Origin
  ) {
    self.coder = coder
    self.kind = kind
    self.major = major
    self.minor = minor
    self.additional = additional
    self.dimensions = dimensions
    self.note = note
    self.origin = origin
  }

  /// Every categorical label in order: major, then additional ones (minor excluded).
  public var labels: [String] { (major.map { [$0] } ?? []) + additional }
}
