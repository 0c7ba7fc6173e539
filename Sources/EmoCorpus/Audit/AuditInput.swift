import Agreement

/// One coder's categorical judgement of one item, labels already normalized to (macro) classes.
public struct AuditJudgement: Sendable, Hashable, Codable {
  public var coder: String
  /// Major (first) label's class; nil when the coder gave no usable label (unknown or absent).
  public var major: String?
  /// Optional Minor label's class.
  public var minor: String?

  public init(coder: String, major: String?, minor: String? = nil) {
    self.coder = coder
    self.major = major
    self.minor = minor
  }
}

/// One labeled item as the audit sees it (labels already normalized to canonical/macro classes).
///
/// Knows nothing of corpus formats: the caller maps segments and annotations onto it. Only
/// external coders' categorical judgements belong in `judgements` (no self-evaluation, no
/// dimensional lines). A coder listed twice on one item counts once (its first judgement).
public struct AuditItem: Sendable, Hashable, Codable {
  public var segmentID: String
  public var dialog: String
  public var speaker: String
  public var role: Role
  public var gender: Gender
  /// Seconds; nil when the source gives no times.
  public var duration: Double?
  /// One per coder.
  public var judgements: [AuditJudgement]
  /// Task class after selection (nil if dropped): used for the distributions only.
  public var finalLabel: String?

  public init(
    segmentID: String, dialog: String, speaker: String, role: Role, gender: Gender, duration: Double?,
    judgements: [AuditJudgement], finalLabel: String?
  ) {
    self.segmentID = segmentID
    self.dialog = dialog
    self.speaker = speaker
    self.role = role
    self.gender = gender
    self.duration = duration
    self.judgements = judgements
    self.finalLabel = finalLabel
  }
}

/// Everything `runAudit` needs; pure data, no reader types.
public struct AuditInput: Sendable {
  public var items: [AuditItem]
  /// Task classes in task order (the distributions' categories).
  public var classes: [String]
  /// Macro classes in mapping order (kappa categories); nil: the classes the coders used, sorted.
  public var macroClasses: [String]?
  /// The neutral task class, for "speakers with only neutral segments" (nil: not reported).
  public var neutralClass: String?
  /// Seed of the run; the bootstrap draws from its own sub-stream.
  public var seed: UInt64
  /// Bootstrap replicates for the dialog-level percentile CI (0 disables the bootstrap).
  public var bootstrapReplicates: Int
  /// The two coders for Cohen's kappa; nil: the two coders present on the most items.
  public var twoCoderIDs: (String, String)?
  /// Vote counts without rater identity (a vote table, item order = `items`): when set, the
  /// multi-rater coefficients use these counts and `items` carry no judgements.
  public var votes: RatingTable?
  /// Categories the raters could choose (q of AC1 and Brennan–Prediger), labels used outside them
  /// appended; nil: the categories used (as irrCAC without `categ.labels`). Ignored with `votes`.
  public var ratingCategories: [String]?
  /// Thresholds of the rater diagnostics.
  public var raterOptions: RaterDiagnostics.Options
  /// Where the ratings come from (reported under `input`).
  public var source: AuditSource

  public init(
    items: [AuditItem], classes: [String], macroClasses: [String]? = nil, neutralClass: String? = nil,
    seed: UInt64 = 1, bootstrapReplicates: Int = 1000, twoCoderIDs: (String, String)? = nil,
    votes: RatingTable? = nil, ratingCategories: [String]? = nil,
    raterOptions: RaterDiagnostics.Options = RaterDiagnostics.Options(), source: AuditSource = .corpus
  ) {
    self.items = items
    self.classes = classes
    self.macroClasses = macroClasses
    self.neutralClass = neutralClass
    self.seed = seed
    self.bootstrapReplicates = bootstrapReplicates
    self.twoCoderIDs = twoCoderIDs
    self.votes = votes
    self.ratingCategories = ratingCategories
    self.raterOptions = raterOptions
    self.source = source
  }
}
