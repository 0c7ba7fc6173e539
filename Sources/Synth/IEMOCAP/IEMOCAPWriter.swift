import EmoSupport
import Foundation

/// Writes an `IEMOCAPPlan` as a release tree: `SessionN/dialog/EmoEvaluation/<dialog>.txt`
/// with the release's quirks, per-evaluator copies under `Categorical/` and `Attribute/` (which
/// readers must not count twice), and one 16 kHz WAV per turn under `sentences/wav/<dialog>/`.
struct IEMOCAPWriter {
  let plan: IEMOCAPPlan
  let root: String
  let seed: UInt64

  static let sampleRate = 16000

  /// Writes the evaluation files; returns the number of evaluator lines written in them.
  func writeLabels() throws -> Int {
    var lines = 0
    for dialog in plan.dialogs {
      let folder = "\(root)/Session\(dialog.session)/dialog/EmoEvaluation"
      let (text, count) = evaluationFile(dialog)
      lines += count
      try AtomicFile.write(
        dialog.crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text, to: "\(folder)/\(dialog.name).txt")
      for (evaluator, copy) in categoricalCopies(dialog) {
        try AtomicFile.write(copy, to: "\(folder)/Categorical/\(dialog.name)_\(evaluator.lowercased())_cat.txt")
      }
      try AtomicFile.write(attributeCopy(dialog), to: "\(folder)/Attribute/\(dialog.name)_atr.txt")
    }
    return lines
  }

  /// The turns in file order: all of the female actor's turns, then all of the male actor's.
  static func fileOrder(_ dialog: IEMOCAPDialog) -> [IEMOCAPTurn] {
    dialog.turns.filter { $0.gender == "F" } + dialog.turns.filter { $0.gender == "M" }
  }

  private func evaluationFile(_ dialog: IEMOCAPDialog) -> (String, Int) {
    var text = "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]\n\n"
    var count = 0
    for (k, turn) in Self.fileOrder(dialog).enumerated() {
      let vad = [turn.summary.0, turn.summary.1, turn.summary.2].map { String(format: "%.4f", $0) }
      text +=
        "[\(String(format: "%.4f", turn.start)) - \(String(format: "%.4f", turn.end))]\t\(turn.name)\t"
        + "\(turn.consensus?.rawValue ?? "xxx")\t[\(vad.joined(separator: ", "))]\n"
      for (e, evaluation) in turn.categorical.enumerated() {
        // Odd spacing as in the release: a double space between labels, a trailing blank.
        let separator = (k + e) % 5 == 0 ? "  " : " "
        let labels = evaluation.labels.map { "\($0.word);" }.joined(separator: separator)
        text += "C-\(evaluation.evaluator):\t\(labels)\t\(evaluation.note)" + ((k + e) % 7 == 3 ? " " : "") + "\n"
        count += 1
      }
      if let own = turn.selfEvaluation {
        // Actors wrote plain "Neutral" where evaluators wrote "Neutral state" (both occur in the release).
        let words = own.labels.map { $0 == .neu ? "Neutral;" : "\($0.word);" }
        text += "C-\(own.evaluator):\t\(words.joined(separator: " "))\t\(own.note)\n"
        count += 1
      }
      for evaluation in turn.dimensional {
        text += "A-\(evaluation.evaluator):\t\(Self.dimensions(evaluation))\t\(evaluation.note)\n"
        count += 1
      }
      text += "\n"
    }
    return (text, count)
  }

  /// `val 3; act 2; dom  2;` with the release's double space before the dominance value.
  static func dimensions(_ e: IEMOCAPEvaluation) -> String {
    func value(_ v: Int?) -> String { v.map(String.init) ?? "" }
    return "val \(value(e.valence)); act \(value(e.activation)); dom  \(value(e.dominance));"
      .replacingOccurrences(of: "dom  ;", with: "dom ;")
  }

  private func categoricalCopies(_ dialog: IEMOCAPDialog) -> [(String, String)] {
    let evaluators = dialog.turns.first?.categorical.map(\.evaluator) ?? []
    return evaluators.enumerated().map { e, evaluator in
      let lines = Self.fileOrder(dialog).map { turn in
        "\(turn.name) :\(turn.categorical[e].labels.map { "\($0.word);" }.joined(separator: " ")) \(turn.categorical[e].note)\n"
      }
      return (evaluator, lines.joined())
    }
  }

  private func attributeCopy(_ dialog: IEMOCAPDialog) -> String {
    Self.fileOrder(dialog).compactMap { turn in
      turn.dimensional.first.map { "\(turn.name) :\(Self.dimensions($0)) ()\n" }
    }.joined()
  }

  /// Renders every turn's WAV (dialogs in parallel); returns the seconds written.
  func writeAudio(jobs: Int, progress: EmoSupport.Progress) throws -> Double {
    let dialogs = plan.dialogs
    let root = self.root
    let seed = self.seed
    var voices: [String: Voice] = [:]
    for session in 1...plan.sessions {
      for gender in ["F", "M"] {
        let id = "Ses0\(session)\(gender)"
        var rng = SeededRandom(seed: seed, stream: "voice/\(id)")
        voices[id] = Voice.random(gender: gender == "F" ? .female : .male, rng: &rng)
      }
    }
    let allVoices = voices
    try Parallel.forEach(dialogs.count, workers: jobs) { i in
      let dialog = dialogs[i]
      var rng = SeededRandom(seed: seed, stream: "iemocap/audio/\(dialog.name)")
      for turn in dialog.turns {
        let voice = allVoices["Ses0\(dialog.session)\(turn.gender)"]!
        let duration = Self.duration(turn)
        let event = SpeechEvent(
          start: 0, duration: duration, voice: voice, expression: turn.expression, intensity: turn.intensity)
        let samples = DialogAudio.render(
          duration: duration, events: [event], noise: dialog.noise, sampleRate: Self.sampleRate, rng: &rng)
        try WAVWriter.write(
          samples, sampleRate: Self.sampleRate,
          to: "\(root)/Session\(dialog.session)/sentences/wav/\(dialog.name)/\(turn.name).wav")
      }
      progress.advance()
    }
    return dialogs.flatMap(\.turns).reduce(0) {
      $0 + Double(Framing.sampleCount(seconds: Self.duration($1), sampleRate: Self.sampleRate))
        / Double(Self.sampleRate)
    }
  }

  /// A turn's duration as written in the file (4 decimals).
  static func duration(_ turn: IEMOCAPTurn) -> Double {
    (turn.end * 10_000).rounded() / 10_000 - (turn.start * 10_000).rounded() / 10_000
  }
}
