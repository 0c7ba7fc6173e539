/// Numeric ratings on named dimensions (lower-case names: `arousal`, `valence`, `dominance`, others
/// allowed; IEMOCAP's activation is `arousal`); a dimension the rater left empty is absent.
public struct Dimensions: Sendable, Hashable, Codable {
  public var values: [String: Double]

  public init(_ values: [String: Double] = [:]) {
    self.values = values
  }

  public init(valence: Double? = nil, activation: Double? = nil, dominance: Double? = nil) {
    var values: [String: Double] = [:]
    values["valence"] = valence
    values["arousal"] = activation
    values["dominance"] = dominance
    self.values = values
  }

  public subscript(name: String) -> Double? {
    get { values[name] }
    set { values[name] = newValue }
  }

  public var valence: Double? {
    get { values["valence"] }
    set { values["valence"] = newValue }
  }

  /// Activation, stored as `arousal`.
  public var activation: Double? {
    get { values["arousal"] }
    set { values["arousal"] = newValue }
  }

  public var dominance: Double? {
    get { values["dominance"] }
    set { values["dominance"] = newValue }
  }

  public var isEmpty: Bool { values.isEmpty }
}

/// The scale of one rating dimension: values outside [min, max] are not ratings.
public struct DimensionScale: Sendable, Hashable, Codable {
  public var name: String
  public var min: Double
  public var max: Double

  public init(name: String, min: Double, max: Double) {
    self.name = name
    self.min = min
    self.max = max
  }

  public func contains(_ value: Double) -> Bool { value >= min && value <= max }
}

/// A rating value that is not a rating (outside its scale, or not a number): left out of the
/// annotation, the rest of the line kept, counted and located.
public struct RatingExclusion: Sendable, Hashable, Codable {
  public var segment: String
  public var coder: String
  public var dimension: String
  /// The value as written.
  public var text: String
  /// `out_of_scale` or `not_a_number`.
  public var reason: String
  public var origin: Origin

  public init(segment: String, coder: String, dimension: String, text: String, reason: String, origin: Origin) {
    self.segment = segment
    self.coder = coder
    self.dimension = dimension
    self.text = text
    self.reason = reason
    self.origin = origin
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
  /// Numeric ratings by the speaker themself (IEMOCAP's `A-F1`/`A-M1`), reported apart from observers.
  public var selfRated: Bool = false
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
