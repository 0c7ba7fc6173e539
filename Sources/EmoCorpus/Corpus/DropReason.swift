/// The closed list of reasons a segment that was read does not reach the folds.
///
/// Raw values are the stable keys used in `summary.json` and the catalog.
public enum DropReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// An item the reader could not make a segment of (its location and cause are in the drop).
  case malformed
  /// No coder gave the segment a label (an empty label cell, an empty emotion Event).
  case noLabel = "no_label"
  case unknownLabel = "unknown_label"
  case classNotInTask = "class_not_in_task"
  case role
  case subset
  case allNeutralSpeaker = "all_neutral_speaker"
  case noConsensus = "no_consensus"
  /// The corpus's own consensus says its raters did not agree (MSP-Podcast `X`).
  case noAgreement = "no_agreement"
  /// The corpus's own consensus is its catch-all class (MSP-Podcast `O`, other).
  case otherClass = "other_class"
  case missingAudio = "missing_audio"
  case tooShort = "too_short"
  case unreadableAudio = "unreadable_audio"
  case balancing
  /// Kept by selection but named by no fold of the external split (`prep --folds-from`).
  case notInSplit = "not_in_split"
  /// The same audio bytes as a segment kept at another path (both paths in the detail).
  case duplicateAudio = "duplicate_audio"
  /// The same audio bytes as another segment carrying a different label (a labelling fault; both
  /// dropped unless `--keep-conflicts`).
  case conflictingLabels = "conflicting_labels"

  /// Words for the printed summary.
  public var words: String {
    switch self {
    case .malformed: "malformed"
    case .noLabel: "no label"
    case .unknownLabel: "unknown label"
    case .classNotInTask: "class not in task"
    case .role: "role"
    case .subset: "subset"
    case .allNeutralSpeaker: "all-neutral speaker"
    case .noConsensus: "no consensus"
    case .noAgreement: "no agreement"
    case .otherClass: "other class"
    case .missingAudio: "missing audio"
    case .tooShort: "too short"
    case .unreadableAudio: "unreadable audio"
    case .balancing: "balancing"
    case .notInSplit: "not in external split"
    case .duplicateAudio: "duplicate audio"
    case .conflictingLabels: "conflicting labels"
    }
  }

  public static func < (a: DropReason, b: DropReason) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One segment set aside, with its reason and a short detail (never transcript or audio content).
public struct Drop: Sendable, Hashable, Codable {
  public var segmentID: String
  public var reason: DropReason
  public var detail: String?
  /// Where the item was read, for items that never became segments (`malformed`).
  public var origin: Origin?

  public init(segmentID: String, reason: DropReason, detail: String? = nil, origin: Origin? = nil) {
    self.segmentID = segmentID
    self.reason = reason
    self.detail = detail
    self.origin = origin
  }
}
