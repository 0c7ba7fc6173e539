import EmoCorpus
import EmoSupport
import Readers

/// One evaluator line of a turn: categorical (C-…) or dimensional (A-…).
struct IEMOCAPEvaluation: Sendable, Hashable {
  /// `E1`…`E6` for evaluators, `F1`/`M1` for the actor's self-evaluation.
  var evaluator: String
  var labels: [IEMOCAPCode]
  var note: String
  /// Dimensional ratings (1–5); nil entries are written as missing (`dom ;`).
  var valence: Int?
  var activation: Int?
  var dominance: Int?
}

/// One turn of a dialog.
struct IEMOCAPTurn: Sendable, Hashable {
  var name: String
  /// `F` or `M`: the speaker, from the last field of the turn name.
  var gender: Character
  var start: Double
  var end: Double
  /// Consensus code; nil is written `xxx`.
  var consensus: IEMOCAPCode?
  var summary: (Double, Double, Double)
  var categorical: [IEMOCAPEvaluation]
  var selfEvaluation: IEMOCAPEvaluation?
  var dimensional: [IEMOCAPEvaluation]
  var expression: VocalExpression
  var intensity: Double

  static func == (a: IEMOCAPTurn, b: IEMOCAPTurn) -> Bool { a.name == b.name }
  func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// One dialog (an improvisation or a scripted scene) of a session.
struct IEMOCAPDialog: Sendable {
  var name: String
  var session: Int
  var improvised: Bool
  /// Turns in time order (the file lists them all-F then all-M).
  var turns: [IEMOCAPTurn]
  var noise: BackgroundNoise
  /// Written with CRLF line ends.
  var crlf: Bool
}

/// The synthetic IEMOCAP release.
struct IEMOCAPPlan: Sendable {
  var sessions: Int
  var dialogs: [IEMOCAPDialog]
}
