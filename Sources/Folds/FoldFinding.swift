/// One finding of `check-folds` on a prep output: what kind of rule it breaks, the fold it is in
/// (when it is about one fold) and the line printed for it. `check-folds --json` writes these.
public struct FoldFinding: Codable, Sendable, Hashable, CustomStringConvertible {
  /// The rule a finding breaks.
  public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
    /// `folds/summary.json` missing or unreadable.
    case summary
    /// A manifest line or file that breaks the manifest schema.
    case schema
    /// No `fold-K` folder, or folders that are not fold-1 … fold-K.
    case foldLayout = "fold_layout"
    /// A segment twice in one fold.
    case segmentShared = "segment_shared"
    /// A speaker in two splits of a fold.
    case speakerShared = "speaker_shared"
    /// A dialog in two splits of a fold.
    case dialogShared = "dialog_shared"
    /// The same audio under different ids in two splits of a fold.
    case audioShared = "audio_shared"
    /// A kept segment missing from a fold's splits.
    case segmentMissing = "segment_missing"
    /// A segment tested twice or never.
    case testCoverage = "test_coverage"
    /// Counts that disagree with `folds/summary.json`.
    case summaryCounts = "summary_counts"
    /// `soft_label` of the wrong length, or on some lines only.
    case softLabel = "soft_label"

    /// Whether the finding is a leak between the splits of a fold (segments, speakers, dialogs,
    /// audio); every other kind is an integrity finding.
    public var isLeak: Bool {
      switch self {
      case .segmentShared, .speakerShared, .dialogShared, .audioShared: true
      default: false
      }
    }
  }

  public var kind: Kind
  /// The fold the finding is about (nil: the whole folds folder).
  public var fold: Int?
  /// The line `check-folds` prints (after `emocorpus: `).
  public var message: String

  public init(kind: Kind, fold: Int? = nil, message: String) {
    self.kind = kind
    self.fold = fold
    self.message = message
  }

  public var leak: Bool { kind.isLeak }
  public var description: String { message }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case kind, leak, fold, message
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(leak, forKey: .leak)
    try c.encode(fold, forKey: .fold)
    try c.encode(message, forKey: .message)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.decode(Kind.self, forKey: .kind)
    fold = try c.decodeIfPresent(Int.self, forKey: .fold)
    message = try c.decode(String.self, forKey: .message)
  }
}

extension FoldCheck {
  /// The typed findings of `check(prepDir:)` and the content report of the same folds (manifests
  /// read once): what `check-folds DIR --json` writes.
  public static func typedCheckWithContent(prepDir: String, minWords: Int) throws -> (
    findings: [FoldFinding], content: ContentLeakageReport
  ) {
    var content = try ContentLeakageReport.Builder(prepDir: prepDir, minWords: minWords)
    var inspection = try inspect(foldsDir: PrepDirectory(prepDir).folds, keepingFolds: false) {
      content.add($0, numbers: $1, numbering: $2)
    }
    addPrepSummaryFindings(&inspection, prepDir: prepDir)
    return (inspection.typed, content.report())
  }
}
