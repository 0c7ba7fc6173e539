import EmoCorpus
import EmoSupport

/// One turn block of an IEMOCAP `EmoEvaluation/*.txt` file, as written (nothing interpreted).
struct IEMOCAPTurn {
  var name: String
  /// Gender of the turn's speaker, from the turn name's last `_F`/`_M` field.
  var gender: Gender
  var start: Double
  var end: Double
  /// Consensus code as written (`neu`, `xxx`, …).
  var consensus: String
  /// Summary valence, activation, dominance exactly as written (may fall outside 1–5).
  var valence: String
  var activation: String
  var dominance: String
  var line: Int
  var annotations: [Annotation]
  /// Rating values of the block that are not ratings (empty, outside 1–5, not a number).
  var exclusions: [RatingExclusion] = []
}

/// Parses the text of one IEMOCAP `EmoEvaluation/<dialog>.txt` file into turn blocks.
///
/// Liberal in spacing (tabs or runs of spaces between fields, trailing blanks, CRLF, blank lines,
/// missing trailing `;`), strict on what must be there: times, turn name, code, three ratings on
/// the summary line; a tag on an evaluator line. An evaluator line without any label or rating
/// (`C-F1:<TAB>;<TAB>()`, found in the real release) is an evaluator who gave none: kept as a
/// missing rating. Any other problem of a line makes its whole turn block an item fault (the
/// turn is dropped as `malformed`, or the read stops with `strict`); lines before the first turn
/// other than `%` headers are a block of their own. Errors never quote notes (they may hold
/// sensitive free text).
struct IEMOCAPEvaluationParser {
  static let summaryShape = "\"[START - END]<TAB>TURN<TAB>EMO<TAB>[V, A, D]\""
  static let categoricalShape = "\"C-E2:<TAB>Label; Label;<TAB>(note)\""
  static let dimensionalShape = "\"A-E3:<TAB>val 3; act 2; dom 2;<TAB>(note)\""

  let path: String
  /// The dialog this file describes (its file name without `.txt`).
  let dialog: String
  /// A rating that is not a number stops the read (else it is left out, counted and located).
  var strict = false
  /// The scale of IEMOCAP's ratings.
  static let scale = (min: 1.0, max: 5.0)

  /// A summary line and the lines up to the next one, with their 1-based line numbers.
  struct Block {
    var lines: [(number: Int, text: Substring)] = []
    /// False for the lines met before the first summary line.
    var hasSummary: Bool
  }

  /// The file's non-blank, non-header lines cut into turn blocks.
  func blocks(_ lines: [Substring]) -> [Block] {
    var blocks: [Block] = []
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmedBlanks
      if line.isEmpty || line.hasPrefix("%") { continue }
      if line.hasPrefix("[") {
        blocks.append(Block(hasSummary: true))
      } else if blocks.isEmpty {
        blocks.append(Block(hasSummary: false))
      }
      blocks[blocks.count - 1].lines.append((index + 1, line))
    }
    return blocks
  }

  /// The turn name a block's summary line gives, as far as it can be read (for the drop's id).
  func turnName(_ block: Block) -> String? {
    guard block.hasSummary, let first = block.lines.first?.text, let close = first.firstIndex(of: "]") else {
      return nil
    }
    let rest = first[first.index(after: close)...].trimmedBlanks
    let name = rest.prefix { !$0.isWhitespace }
    return name.isEmpty ? nil : String(name)
  }

  /// Every turn block in file order (IEMOCAP lists all F turns, then all M turns: order is kept);
  /// a faulty block is recorded in `faults` and left out.
  func parse(_ lines: [Substring], faults: inout ItemFaults) throws -> [IEMOCAPTurn] {
    var turns: [IEMOCAPTurn] = []
    for block in blocks(lines) {
      let origin = Origin(file: path, line: block.lines[0].number)
      if let turn = try faults.read(item: turnName(block), at: origin, { try self.turn(block) }) {
        turns.append(turn)
      }
    }
    return turns
  }

  /// Every turn block, throwing at the first faulty line (the `strict` reading).
  func parse(_ lines: [Substring]) throws -> [IEMOCAPTurn] {
    var faults = ItemFaults(strict: true)
    return try parse(lines, faults: &faults)
  }

  /// One turn block.
  func turn(_ block: Block) throws -> IEMOCAPTurn {
    guard block.hasSummary else {
      let first = block.lines[0]
      if isEvaluatorLine(first.text) {
        throw LocatedError(
          file: path, line: first.number, "evaluator line before any turn",
          expected: "a summary line \(Self.summaryShape) first")
      }
      throw unrecognized(first.number)
    }
    var turn = try summary(block.lines[0].text, line: block.lines[0].number)
    for (number, line) in block.lines.dropFirst() {
      guard isEvaluatorLine(line) else { throw unrecognized(number) }
      var exclusions: [RatingExclusion] = []
      turn.annotations.append(try evaluator(line, line: number, exclusions: &exclusions))
      for var exclusion in exclusions {
        exclusion.segment = turn.name
        turn.exclusions.append(exclusion)
      }
    }
    return turn
  }

  private func unrecognized(_ number: Int) -> LocatedError {
    LocatedError(
      file: path, line: number, "unrecognized line",
      expected: "a \"%\" header, a summary line \(Self.summaryShape) or an evaluator line \(Self.categoricalShape)")
  }

  /// `C-…` or `A-…`: the tag of an evaluator line.
  private func isEvaluatorLine(_ line: Substring) -> Bool {
    let chars = Array(line.prefix(3))
    return chars.count == 3 && (chars[0] == "C" || chars[0] == "A") && chars[1] == "-" && chars[2].isLetter
  }

  // MARK: summary line

  private func summary(_ line: Substring, line number: Int) throws -> IEMOCAPTurn {
    func malformed(_ what: String) -> LocatedError {
      LocatedError(file: path, line: number, "malformed summary line: \(what)", expected: Self.summaryShape)
    }
    guard let close = line.firstIndex(of: "]") else { throw malformed("no \"]\" after the times") }
    let times = line[line.index(after: line.startIndex)..<close].split(separator: "-", omittingEmptySubsequences: false)
    guard times.count == 2 else { throw malformed("times are not \"START - END\"") }
    let startText = times[0].trimmedBlanks
    let endText = times[1].trimmedBlanks
    guard let start = Self.number(startText) else { throw malformed("START is not a number") }
    guard let end = Self.number(endText) else { throw malformed("END is not a number") }

    let rest = line[line.index(after: close)...].trimmedBlanks
    guard let turnEnd = rest.firstIndex(where: \.isWhitespace) else { throw malformed("no EMO after TURN") }
    let name = String(rest[..<turnEnd])
    let afterTurn = rest[turnEnd...].trimmedBlanks
    guard let codeEnd = afterTurn.firstIndex(where: \.isWhitespace) else { throw malformed("no [V, A, D] after EMO") }
    let code = String(afterTurn[..<codeEnd])
    let ratings = afterTurn[codeEnd...].trimmedBlanks
    guard ratings.hasPrefix("["), ratings.hasSuffix("]") else { throw malformed("no [V, A, D] after EMO") }
    let values = ratings.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmedBlanks }
    guard values.count == 3, values.allSatisfy({ Self.number($0) != nil }) else {
      throw malformed("[V, A, D] is not three numbers")
    }
    guard end > start else {
      throw LocatedError(
        file: path, line: number, "turn \(name) ends at \(endText), not after its start \(startText)",
        expected: "END > START")
    }
    let gender = try speakerGender(name, line: number)
    return IEMOCAPTurn(
      name: name, gender: gender, start: start, end: end, consensus: code, valence: String(values[0]),
      activation: String(values[1]), dominance: String(values[2]), line: number, annotations: [])
  }

  /// A turn is `<dialog>_F<nnn>` or `<dialog>_M<nnn>`, the dialog being this file's; the letter is
  /// the speaker's gender (`Ses01F_impro01_M003` is said by the male actor, whatever the prefix says).
  private func speakerGender(_ name: String, line number: Int) throws -> Gender {
    let expected = "\(dialog)_F000 or \(dialog)_M000"
    guard let underscore = name.lastIndex(of: "_"), name[..<underscore] == dialog else {
      throw LocatedError(
        file: path, line: number, "turn \(name) does not belong to dialog \(dialog)", expected: expected)
    }
    // The turn name becomes a file name (`sentences/wav/<dialog>/<turn>.wav`): `_F0/../../x` would
    // lead outside the corpus root.
    let field = name[name.index(after: underscore)...]
    guard field.dropFirst().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
      throw LocatedError(
        file: path, line: number, "turn \(name) has characters other than letters and digits after _F/_M",
        expected: expected)
    }
    switch field.first {
    case "F": return .female
    case "M": return .male
    default:
      throw LocatedError(
        file: path, line: number, "turn \(name) has no _F/_M speaker field", expected: expected)
    }
  }

  // MARK: evaluator lines

  private func evaluator(_ line: Substring, line number: Int, exclusions: inout [RatingExclusion]) throws
    -> Annotation
  {
    let dimensional = line.first == "A"
    let shape = dimensional ? Self.dimensionalShape : Self.categoricalShape
    func malformed(_ what: String) -> LocatedError {
      LocatedError(file: path, line: number, "malformed evaluator line: \(what)", expected: shape)
    }
    guard let colon = line.firstIndex(of: ":") else { throw malformed("no \":\" after the evaluator tag") }
    // The coder is the tag without its `C-`/`A-` prefix (`E2`, `F1`, `M1`): the same evaluator gives
    // categorical and dimensional lines, and the annotation kind tells them apart.
    let coder = String(line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmedBlanks)
    guard !coder.isEmpty, coder.allSatisfy({ $0.isLetter || $0.isNumber }) else {
      throw malformed("evaluator tag is not letters and digits")
    }
    let body = line[line.index(after: colon)...]
    // The note is the parenthesized tail; it may hold tabs, semicolons or parentheses of its own.
    var fields = body
    var note: String?
    if let open = body.firstIndex(of: "(") {
      fields = body[..<open]
      var text = body[body.index(after: open)...]
      if text.hasSuffix(")") { text = text.dropLast() }
      note = text.isEmpty ? nil : String(text)
    }
    let items = fields.split(separator: ";").map { $0.trimmedBlanks }.filter { !$0.isEmpty }
    let origin = Origin(file: path, line: number)
    // `F1`/`M1`: the actor rating their own turn.
    let isSelf = coder.first == "F" || coder.first == "M"
    if dimensional {
      // No rating at all (`A-F1:<TAB>;<TAB>()`): the evaluator gave none, a missing rating.
      guard !items.isEmpty else {
        var empty = Annotation(coder: coder, kind: .dimensional, dimensions: nil, note: note, origin: origin)
        empty.selfRated = isSelf
        return empty
      }
      var ratings = Dimensions()
      for item in items {
        let keyEnd = item.firstIndex(where: { !$0.isLetter }) ?? item.endIndex
        let key = item[..<keyEnd].lowercased()
        let valueText = item[keyEnd...].trimmedBlanks
        let name: String
        switch key {
        case "val", "valence": name = "valence"
        case "act", "activation": name = "arousal"
        case "dom", "dominance": name = "dominance"
        default: throw malformed("unknown rating \"\(key)\"")
        }
        func exclude(_ reason: String) {
          exclusions.append(
            RatingExclusion(
              segment: "", coder: coder, dimension: name, text: String(valueText), reason: reason, origin: origin))
        }
        // An empty value or one outside 1–5 is not a rating; the line's other values are kept.
        guard !valueText.isEmpty else {
          exclude("missing")
          continue
        }
        guard let value = Self.number(valueText) else {
          if strict { throw malformed("rating \(key) is not a number") }
          exclude("not_a_number")
          continue
        }
        guard value >= Self.scale.min && value <= Self.scale.max else {
          if strict {
            throw LocatedError(
              file: path, line: number, "rating \(key) \(valueText) is outside the scale 1–5",
              expected: "ratings from 1 to 5; without --strict such a value is left out and counted")
          }
          exclude("out_of_scale")
          continue
        }
        ratings[name] = value
      }
      var annotation = Annotation(coder: coder, kind: .dimensional, dimensions: ratings, note: note, origin: origin)
      annotation.selfRated = isSelf
      return annotation
    }
    let kind: AnnotationKind = coder.first == "F" || coder.first == "M" ? .selfEvaluation : .categorical
    // No label at all (`C-F1:<TAB>;<TAB>()`): the evaluator gave none, a missing rating.
    return Annotation(
      coder: coder, kind: kind, major: items.first.map(String.init), additional: items.dropFirst().map(String.init),
      note: note, origin: origin)
  }

  /// A finite decimal number, or nil.
  static func number(_ text: Substring) -> Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }
}
