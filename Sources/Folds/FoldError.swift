import EmoCorpus

/// Why folds cannot be planned or written; `description` is the one line the CLI prints.
public enum FoldError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Fewer independent speaker groups than requested folds.
  case tooFewGroups(folds: Int, groups: Int)
  /// Stratified folds need train, validation and test parts.
  case tooFewFolds(Int)
  case noSegments
  /// Session folds train on the other sessions, so they need at least two.
  case tooFewSessions(Int)
  case duplicateSegment(String)
  /// Session folds need a session number for every speaker.
  case missingSession(speaker: String)
  /// Session folds need both genders in every session.
  case sessionLacksGender(session: Int, gender: Gender, split: Split)
  case unknownGender(speaker: String)
  /// Session folds pick validation by gender: male or female.
  case invalidValidationGender
  /// A fold references a segment the writer was not given.
  case unknownSegment(String, fold: Int)
  case nonFiniteNumber(segment: String, field: String)
  /// A manifest line's label is not one of the task's classes.
  case unknownClass(segment: String, label: String, classes: [String])
  /// External folds are read from their split (`ExternalFoldPlan`), never planned.
  case externalNotPlanned(String)
  /// An external split without validation whose training part has a single speaker group.
  case cannotCarveValidation(fold: Int, groups: Int)

  public var description: String {
    switch self {
    case .tooFewGroups(let folds, let groups):
      "cannot make \(folds) speaker-independent folds from \(groups) speaker groups (expected at least \(folds) groups; "
        + (groups >= 3
          ? "try --folds \(groups))"
          : "speakers who share dialogs form one group, and train, validation and test need 3)")
    case .tooFewFolds(let k):
      "cannot make \(k) folds with train, validation and test splits (expected --folds 3 or more)"
    case .tooFewSessions(let n):
      "cannot make session folds from \(n) session (expected at least 2 sessions: training uses the others)"
    case .noSegments: "no segment left to split into folds (expected at least one kept segment)"
    case .duplicateSegment(let id): "segment \(id) is given twice to the fold planner (expected unique ids)"
    case .missingSession(let speaker):
      "speaker \(speaker) has no session (expected a session number for every speaker with session folds)"
    case .sessionLacksGender(let session, let gender, let split):
      "session \(session) has no \(gender.rawValue) speaker for the \(split.rawValue) split "
        + "(expected one female and one male speaker per session)"
    case .unknownGender(let speaker):
      "speaker \(speaker) has unknown gender (expected male or female with session folds)"
    case .invalidValidationGender:
      "session folds cannot validate on speakers of unknown gender (expected --iemocap-val female or male)"
    case .unknownSegment(let id, let fold):
      "fold \(fold) lists segment \(id), which is not among the manifest entries (expected a plan made from them)"
    case .unknownClass(let segment, let label, let classes):
      "segment \(segment) has label '\(label)', which is not a class of the task (expected one of \(classes.joined(separator: ", ")))"
    case .externalNotPlanned(let source):
      "the folds of \(source) come from the split itself (expected them read with --folds-from, not planned)"
    case .cannotCarveValidation(let fold, let groups):
      "fold \(fold) of the external split has no validation part, and its training part has \(groups) speaker "
        + "group\(groups == 1 ? "" : "s") to carve one from (expected a split with a validation part, or training "
        + "speakers from at least 2 separate dialogs)"
    case .nonFiniteNumber(let segment, let field):
      "segment \(segment): \(field) is not a finite number (expected seconds)"
    }
  }
}
