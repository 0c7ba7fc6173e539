import Foundation
import TestSupport
import Testing

@testable import Agreement
@testable import EmoCorpus
@testable import EmoSupport
@testable import Folds
@testable import Readers

/// The paths made fast for million-row tables give what the straightforward rules give, on
/// random small inputs (each reference is the rule written the plain way).
@Suite struct FastPathReferenceTests {
  /// The delimited-text rules read Unicode scalar by scalar (the parser before it read bytes).
  static func referenceParse(_ text: String, delimiter: Unicode.Scalar, trim: Bool) throws -> [DelimitedRecord] {
    var records: [DelimitedRecord] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var quoteLine = 0
    enum State { case fieldStart, unquoted, quoted, afterQuote }
    var state = State.fieldStart
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || (scalar == "\t" && delimiter != "\t") }
    var quotedField = false
    func endField() {
      if trim && !quotedField {
        while let last = field.last, isBlank(last) { field.removeLast() }
      }
      fields.append(String(field))
      field.removeAll()
      quotedField = false
    }
    func endRecord() {
      endField()
      if !(fields.count == 1 && fields[0].isEmpty) { records.append(DelimitedRecord(fields: fields, line: recordLine)) }
      fields.removeAll()
    }
    // A line end outside quotes: the record ends, the next starts on the next line.
    func endLine() {
      line += 1
      endRecord()
      recordLine = line
      state = .fieldStart
    }
    while let scalar = pending ?? scalars.next() {
      pending = nil
      var isNewline = scalar == "\n"
      if scalar == "\r" {
        isNewline = true
        if let next = scalars.next(), next != "\n" { pending = next }
      }
      switch state {
      case .fieldStart, .unquoted:
        if state == .fieldStart && scalar == "\"" {
          state = .quoted
          quotedField = true
          quoteLine = line
        } else if state == .fieldStart && trim && isBlank(scalar) && scalar != delimiter {
          continue
        } else if scalar == delimiter {
          endField()
          state = .fieldStart
        } else if isNewline {
          endLine()
        } else {
          field.append(scalar)
          state = .unquoted
        }
      case .quoted:
        if scalar == "\"" {
          if let next = scalars.next() {
            if next == "\"" { field.append("\"") } else { pending = next; state = .afterQuote }
          } else {
            state = .afterQuote
          }
        } else if isNewline {
          line += 1
          field.append("\n")
        } else {
          field.append(scalar)
        }
      case .afterQuote:
        if scalar == delimiter {
          endField()
          state = .fieldStart
        } else if isNewline {
          endLine()
        } else if !isBlank(scalar) {
          throw LocatedError(file: "t", line: line, "after quote", expected: "")
        }
      }
    }
    switch state {
    case .quoted: throw LocatedError(file: "t", line: quoteLine, "unclosed", expected: "")
    case .fieldStart: if !fields.isEmpty { endRecord() }
    case .unquoted, .afterQuote: endRecord()
    }
    return records
  }

  /// Either the records or the line of the error.
  enum Outcome: Equatable {
    case records([DelimitedRecord])
    case error(line: Int)
  }

  static func outcome(_ parse: () throws -> [DelimitedRecord]) -> Outcome {
    do { return .records(try parse()) } catch let error as LocatedError { return .error(line: error.line) } catch {
      return .error(line: -1)
    }
  }

  @Test func byteParserReadsWhatTheScalarRulesRead() {
    let alphabet: [String] = ["a", "b", "é", "日", ",", ";", "\t", " ", "\"", "\"\"", "\n", "\r", "\r\n", "x y", "🙂"]
    var random = SeededRandom(seed: 7, stream: "delimited-reference")
    var differing = 0
    for round in 0..<3000 {
      let length = Int(random.uniform() * 30)
      let text = (0..<length).map { _ in alphabet[Int(random.uniform() * Double(alphabet.count))] }.joined()
      let delimiter: Unicode.Scalar = [",", "\t", ";"][round % 3]
      let trim = round % 4 != 0
      let fast = Self.outcome { try DelimitedText.parse(text, delimiter: delimiter, path: "t", trim: trim) }
      let reference = Self.outcome { try Self.referenceParse(text, delimiter: delimiter, trim: trim) }
      if fast != reference { differing += 1 }
      #expect(fast == reference, "\(text.debugDescription) delimiter \(delimiter.escaped(asASCII: true))")
      if differing > 3 { break }
    }
  }

  @Test func asciiContentKeyEqualsTheUnicodeRule() {
    let alphabet = Array("aZ9 \t\n\r\u{0B}\u{0C}.,!?'-_[](){}@#$%^&*+=~`|\\/<>:;\"") + ["\u{1F}", "\u{7F}"]
    var random = SeededRandom(seed: 3, stream: "content-key-reference")
    for _ in 0..<3000 {
      let text = String(
        (0..<Int(random.uniform() * 24)).map { _ in alphabet[Int(random.uniform() * Double(alphabet.count))] })
      #expect(ContentKey.normalizeASCII(text) == ContentKey.normalizeScalars(text), "\(text.debugDescription)")
    }
    #expect(ContentKey.normalizeASCII("Straße") == nil)
    #expect(ContentKey.normalize("  Hello,  WORLD [laughter] 42 ") == "hello world laughter 42")
  }

  @Test func trimmedWhitespaceEqualsFoundationsTrim() {
    for text in ["", "a", " a", "a ", "\ta\t", "\u{A0}x\u{A0}", "x\u{2003}", "ab c", "\u{3000}", "é", " é "] {
      #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
    }
  }

  @Test func pairKappasAboveAMinimumAreThoseOfAllPairsAboveIt() {
    var random = SeededRandom(seed: 11, stream: "pair-kappa-reference")
    let raters = (0..<40).map { "r\($0)" }
    let items: [[(rater: String, label: String)]] = (0..<400).map { _ in
      var chosen: [String] = []
      while chosen.count < 5 {
        let r = raters[Int(random.uniform() * Double(raters.count))]
        if !chosen.contains(r) { chosen.append(r) }
      }
      return chosen.map { ($0, ["a", "b", "c"][Int(random.uniform() * 3)]) }
    }
    let table = RatingTable(ratings: items)
    let all = RaterDiagnostics.pairKappas(table)
    for minimum in [1, 3, 10, 20] {
      let some = RaterDiagnostics.pairKappas(table, minimumSharedItems: minimum)
      #expect(some == all.filter { $0.kappa.n >= minimum })
    }
    #expect(all.contains { $0.kappa.n < 10 } && all.contains { $0.kappa.n >= 10 })
  }

  @Test func pathResolverAnswersAsThePathWalk() throws {
    let tmp = try TemporaryDirectory("resolver")
    defer { tmp.remove() }
    let root = tmp.path + "/corpus"
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/audio/deep", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: tmp.path + "/outside", withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: root + "/in-link", withDestinationPath: "audio/deep")
    try fm.createSymbolicLink(atPath: root + "/out-link", withDestinationPath: tmp.path + "/outside")
    try fm.createSymbolicLink(atPath: root + "/audio/file-out.wav", withDestinationPath: "../../outside/x.wav")
    try fm.createSymbolicLink(atPath: root + "/audio/file-in.wav", withDestinationPath: "deep/y.wav")
    try fm.createSymbolicLink(atPath: root + "/loop", withDestinationPath: "loop")
    let paths = [
      "audio/a.wav", "audio/deep/b.wav", "in-link/c.wav", "out-link/d.wav", "audio/file-out.wav",
      "audio/file-in.wav", "loop/e.wav", "loop", "../x.wav", "audio/../../x.wav", "./audio/./f.wav", "",
      "/abs.wav", "audio/", "in-link/../audio/g.wav", "audio/deep/../h.wav",
    ]
    var resolver = CorpusPathResolver(root: root)
    for path in paths + paths {
      let reference: Result<String, CorpusPath.Problem>
      switch CorpusPath.lexical(path, root: root) {
      case .failure(let problem): reference = .failure(problem)
      case .success(let lexical):
        if let realRoot = CorpusPath.resolvingLinks(root), let real = CorpusPath.resolvingLinks(lexical) {
          reference =
            real.hasPrefix(realRoot + "/") && real.count > realRoot.count + 1
            ? .success(lexical) : .failure(.linksOutside(resolved: real))
        } else {
          reference = .failure(.linkLoop)
        }
      }
      #expect(resolver.resolve(path) == reference, "\(path)")
    }
  }

  @Test func aSecondRatingOfAnItemIsFoundAmongManyRaters() throws {
    let tmp = try TemporaryDirectory("ratings-many")
    defer { tmp.remove() }
    let path = tmp.path + "/r.csv"
    // Item c1: 40 raters on lines 2-41 (past the point where the item's raters get an index), w7
    // again on line 44; item c2: raters w1 (line 42) and w2, w1 again on line 45.
    var rows = ["item,rater,label"] + (0..<40).map { "c1,w\($0),a" }
    rows += ["c2,w1,b", "c2,w2,b", "c1,w7,b", "c2,w1,a"]
    try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let input = try AuditInput.ratings(file: path, options: RatingsTableOptions())
    #expect(input.items.map(\.judgements.count) == [40, 2])
    #expect(
      input.source.droppedRows == [
        DroppedRow(line: 44, reason: "rater w7 rates item c1 again (first at line 9)"),
        DroppedRow(line: 45, reason: "rater w1 rates item c2 again (first at line 42)"),
      ])
    do {
      _ = try AuditInput.ratings(file: path, options: RatingsTableOptions(strict: true))
      Issue.record("no error")
    } catch let error as LocatedError {
      #expect(error.description.hasPrefix("\(path):44: rater w7 rates item c1 again (first at line 9)"))
    }
  }

  @Test func rememberedLabelsResolveAsResolve() throws {
    let raws = ["A", " A ", "A", "", "  ", "neu", "Neutral", "ang", " ang", "xxx", "hap", "A", "xxx", "\tneu"]
    for labels in [RatingLabels(), RatingLabels(task: try TaskDefinition.load("iemocap-4"), raw: Set(raws))] {
      // A limit below the distinct labels also takes the path past it.
      for limit in [4096, 3] {
        var memo = RatingLabels.Memo(labels, limit: limit)
        for raw in raws + raws { #expect(memo.resolve(raw) == labels.resolve(raw), "\(raw.debugDescription)") }
      }
    }
  }

  @Test func radixSortOrdersAsSort() {
    var random = SeededRandom(seed: 5, stream: "radix-sort-reference")
    func word() -> UInt64 { UInt64(random.uniform() * 4_294_967_296) << 32 | UInt64(random.uniform() * 4_294_967_296) }
    // Full 64-bit keys, packed keys with unused bytes (as pairKappas packs them), many duplicates,
    // one key repeated, and arrays at and below the size where the plain sort is used.
    let cases: [[UInt64]] = [
      (0..<20_000).map { _ in word() },
      (0..<20_000).map { _ in (word() % 5000) << 24 | (word() % 6) << 12 | word() % 6 },
      (0..<9000).map { _ in word() % 7 },
      [UInt64](repeating: 42, count: 5000),
      (0..<4096).map { _ in word() },
      (0..<3).map { _ in word() },
      [],
    ]
    for keys in cases {
      var radix = keys
      radixSort(&radix)
      #expect(radix == keys.sorted())
    }
  }

  /// The most frequent Major label the plain way: counted in a dictionary.
  static func referenceMajority(_ judgements: [AuditJudgement]) -> String? {
    var counts: [String: Int] = [:]
    for j in judgements { if let m = j.major { counts[m, default: 0] += 1 } }
    guard let top = counts.values.max() else { return nil }
    let leaders = counts.filter { $0.value == top }
    return leaders.count == 1 ? leaders.first!.key : nil
  }

  /// Judgement lists of 0 to 40 (past the short-list limit), coders repeated, some without a label.
  static func randomJudgements(_ random: inout SeededRandom) -> [[AuditJudgement]] {
    (0..<300).map { n in
      (0..<(n % 41)).map { _ in
        let coder = "c\(Int(random.uniform() * 12))"
        let label = random.uniform() < 0.15 ? nil : ["a", "b", "c"][Int(random.uniform() * 3)]
        return AuditJudgement(coder: coder, major: label)
      }
    }
  }

  @Test func majorityLabelIsTheDictionaryRule() {
    var random = SeededRandom(seed: 6, stream: "majority-reference")
    for judgements in Self.randomJudgements(&random) {
      #expect(AuditInput.majorityLabel(judgements) == Self.referenceMajority(judgements))
    }
  }

  @Test func ratingTableKeepsEachCodersFirstJudgementAsTheSetRule() {
    var random = SeededRandom(seed: 7, stream: "rating-table-reference")
    let lists = Self.randomJudgements(&random)
    let items = lists.enumerated().map { i, judgements in
      AuditItem(
        segmentID: "i\(i)", dialog: "i\(i)", speaker: AuditItem.noSpeaker, role: .speaker, gender: .unknown,
        duration: nil, judgements: judgements, finalLabel: nil)
    }
    let reference: [[(rater: String, label: String)]] = lists.map { judgements in
      var seen = Set<String>()
      var out: [(rater: String, label: String)] = []
      for j in judgements where !seen.contains(j.coder) {
        seen.insert(j.coder)
        if let m = j.major { out.append((j.coder, m)) }
      }
      return out
    }
    let table = auditRatingTable(AuditInput(items: items, classes: ["a", "b", "c"]))
    #expect(table == RatingTable(ratings: reference))
    // The table the plain way: labels and raters collected in sets, raters sorted.
    for categories in [nil, ["c", "a"], ["z"]] {
      let used = Set(reference.joined().map(\.label))
      var book = LabelCodebook(categories ?? [])
      for label in used.subtracting(categories ?? []).sorted() { _ = book.code(label) }
      let names = Set(reference.joined().map(\.rater)).sorted()
      let coded = reference.map { item in
        item.map { (rater: names.firstIndex(of: $0.rater)!, category: Int(book.existingCode($0.label)!)) }
      }
      let plain = RatingTable(categories: book.labels, raters: RaterAssignments(names: names, items: coded))
      #expect(RatingTable(ratings: reference, categories: categories) == plain)
    }
    // The two coders of Cohen's kappa are those present on most items, each counted once per item.
    var presence: [String: Int] = [:]
    for judgements in lists { for coder in Set(judgements.map(\.coder)) { presence[coder, default: 0] += 1 } }
    let ranked = presence.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    let report = runAudit(AuditInput(items: items, classes: ["a", "b", "c"], bootstrapReplicates: 0))
    #expect(report.kappa.coderA == ranked[0] && report.kappa.coderB == ranked[1])
  }

  @Test func splitCountsAreThoseOfThePlainCount() {
    var random = SeededRandom(seed: 8, stream: "split-summary-reference")
    let entries = (0..<500).map { n in
      // Runs of one speaker and dialog, a speaker coming back later, labels outside the classes,
      // some lengths unknown.
      let speaker = "s\(n / 7 % 30)"
      let unknown = n % 11 == 0
      return ManifestEntry(
        id: "x\(n)", speaker: speaker, dialog: speaker + "_d\(n / 3 % 4)", gender: .female, role: .speaker,
        label: ["ang", "hap", "neu", "sad", "oth"][Int(random.uniform() * 5)], path: "", start: 0,
        end: unknown ? nil : 1, duration: unknown ? nil : 1, windows: unknown ? nil : 1 + Int(random.uniform() * 3))
    }
    for classes in [["ang", "hap", "neu", "sad"], [], ["zzz"]] {
      for part in [entries, Array(entries.prefix(1)), []] {
        var perClass = Dictionary(uniqueKeysWithValues: classes.map { ($0, ClassCount()) })
        for e in part {
          perClass[e.label, default: ClassCount()].segments += 1
          perClass[e.label, default: ClassCount()].windows += e.windows ?? 0
        }
        let reference = SplitSummary(
          segments: part.count, windows: part.reduce(0) { $0 + ($1.windows ?? 0) },
          speakers: Set(part.map(\.speaker)).count, dialogs: Set(part.map(\.dialog)).count, classes: perClass,
          unknownDurations: part.filter { $0.windows == nil }.count)
        #expect(SplitSummary(part, classes: classes) == reference)
        let lines = part.enumerated().map { ManifestLine(entry: $1, file: "f.jsonl", line: $0 + 1) }
        #expect(SplitSummary(lines: lines, classes: classes) == reference)
      }
    }
  }

  /// Lines in the writer's shape go the fast way; every other line the general way. Both give the
  /// same entry, or the same finding.
  @Test func writerShapedLinesReadAsTheGeneralParserReadsThem() throws {
    var random = SeededRandom(seed: 9, stream: "writer-line-reference")
    let hash = String(repeating: "0123456789abcdef", count: 4)
    var lines: [String] = []
    for n in 0..<300 {
      let start = [0, 0.1, 1e-7, 12.5, 123456789.123456789, 3.0000000000000004, random.uniform() * 1000][n % 7]
      let length = [2.5, 0.001, 1e15, random.uniform() * 10][n % 4]
      let entry = ManifestEntry(
        id: "spk\(n)_d0_\(start)", speaker: "spk\(n % 9)", dialog: "d\(n % 4)", gender: n % 2 == 0 ? .female : .male,
        role: .speaker, label: ["ang", "hap", "neu"][n % 3], path: n % 5 == 0 ? "" : "/data/é/\(n).wav", start: start,
        end: start + length, duration: length, windows: 1 + n % 4, audioHash: n % 3 == 0 ? hash : nil)
      lines.append(try entry.jsonLine())
    }
    let base = lines[1]
    // Lines a writer would not write, or that break a rule: each must get the general way's answer.
    let edits: [(String, String)] = [
      ("\"start\":", "\"start\": "), ("{\"id\"", " {\"id\""), ("\"windows\":2", "\"windows\":2.5"),
      ("\"windows\":2", "\"windows\":0"), ("\"windows\":2", "\"windows\":2e0"), ("\"start\":0.1", "\"start\":-0.1"),
      ("\"start\":0.1", "\"start\":01"), ("\"start\":0.1", "\"start\":1."), ("\"start\":0.1", "\"start\":99"),
      ("\"start\":0.1", "\"start\":1\(String(repeating: "0", count: 400))"), ("\"label\":\"hap\"", "\"label\":\"\""),
      ("\"label\":\"hap\"", "\"label\":\"h\\u0061p\""), ("\"gender\":\"male\"", "\"gender\":\"man\""),
      ("\"role\":\"speaker\"", "\"role\":7"), ("\"id\":\"", "\"id\":\"\t"), ("}", ",\"audio_hash\":\"abc\"}"),
      ("}", ",\"audio_hash\":\"\(hash.uppercased())\"}"), ("}", "} "), ("}", ",\"soft_label\":[1]}"), ("}", ""),
      ("\"speaker\"", "\"speakers\""), ("\"path\":\"", "\"path\":\"\u{1}"),
    ]
    for (from, to) in edits {
      let edited = base.replacingOccurrences(of: from, with: to)
      #expect(edited != base, "\(from) → \(to)")
      lines.append(edited)
    }
    lines.append(String(base.dropLast(9)))
    lines.append("")
    var fast = 0
    for (index, text) in lines.enumerated() {
      var copy = text
      copy.withUTF8 { bytes in
        if index < 300, ManifestEntry.writerLine(bytes) != nil { fast += 1 }
        let general = Result { () throws(LocatedError) in
          try ManifestEntry(generalJSONLineBytes: bytes, file: "m.jsonl", line: 3)
        }
        let chosen = Result { () throws(LocatedError) in
          try ManifestEntry(jsonLineBytes: bytes, file: "m.jsonl", line: 3)
        }
        switch (general, chosen) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a), .failure(let b)): #expect(a.description == b.description, "\(text)")
        default: Issue.record("one way reads, the other fails: \(text)")
        }
      }
    }
    // Every written line goes the fast way, but those with a number in exponent form (1e-07).
    let plain = lines.prefix(300).filter { !$0.contains("e-") && !$0.contains("e+") }.count
    #expect(plain > 200 && fast == plain)
  }

  @Test func manifestLinesEndWhereThePlainSearchEndsThem() {
    for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n\n", "{\"id\":\"é\"}\r\n{}\n{"] {
      var copy = text
      copy.withUTF8 { bytes in
        var ends: [Int] = []
        var start = 0
        while start < bytes.count {
          let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
          #expect(FoldManifests.lineEnd(bytes, from: start) == end, "\(text.debugDescription) at \(start)")
          ends.append(end)
          start = end + 1
        }
        #expect(FoldManifests.lineCount(bytes) == ends.count, "\(text.debugDescription)")
      }
    }
  }
}
