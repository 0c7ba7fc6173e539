import EmoCorpus
import Foundation

/// Content shared between the parts of folds: sentences (comparison keys, see `ContentKey`) and
/// identical audio (content hashes). One function serves `check-folds` and the tests of
/// text-independent planning. Counts only: keys are never printed.
public enum ContentLeakage {
  /// Held-out segments whose sentence (or audio) is also in training.
  public struct Shared: Sendable, Hashable, Codable {
    /// Distinct sentences (or recordings) of the held-out part also in training.
    public var count: Int
    /// Held-out segments saying (or being) one of them.
    public var testSegments: Int
    /// `testSegments` over the held-out part's segments (0 when it is empty).
    public var share: Double

    public init(count: Int = 0, testSegments: Int = 0, share: Double = 0) {
      self.count = count
      self.testSegments = testSegments
      self.share = share
    }

    enum CodingKeys: String, CodingKey {
      case count
      case testSegments = "test_segments"
      case share
    }
  }

  /// One fold's content leakage.
  public struct FoldReport: Sendable, Hashable, Codable {
    public var fold: Int
    public var testSegments: Int
    /// Test segments with a sentence key.
    public var testWithSentence: Int
    public var sharedSentences: Shared
    /// The same between validation and training.
    public var valSharedSentences: Shared
    public var sharedAudio: Shared

    enum CodingKeys: String, CodingKey {
      case fold
      case testSegments = "test_segments"
      case testWithSentence = "test_with_sentence"
      case sharedSentences = "shared_sentences"
      case valSharedSentences = "val_shared_sentences"
      case sharedAudio = "shared_audio"
    }

    /// Whether no sentence of test or validation is in training.
    public var textIndependent: Bool { sharedSentences.count == 0 && valSharedSentences.count == 0 }
  }

  /// The ids of one fold's parts.
  public struct FoldIDs: Sendable {
    public var index: Int
    public var train: [String]
    public var val: [String]
    public var test: [String]

    public init(index: Int, train: [String], val: [String], test: [String]) {
      self.index = index
      self.train = train
      self.val = val
      self.test = test
    }
  }

  /// Sentences (or any key) of `held` also among `train`'s.
  public static func shared(train: [String], held: [String], keyOf: [String: String]) -> Shared {
    var trainKeys = Set<String>()
    trainKeys.reserveCapacity(train.count)
    for id in train { if let key = keyOf[id] { trainKeys.insert(key) } }
    var found = Set<String>()
    var segments = 0
    for id in held {
      guard let key = keyOf[id], trainKeys.contains(key) else { continue }
      found.insert(key)
      segments += 1
    }
    return Shared(
      count: found.count, testSegments: segments, share: held.isEmpty ? 0 : Double(segments) / Double(held.count))
  }

  /// Per fold: shared sentences (test and validation against training) and shared audio (test
  /// against training).
  public static func folds(_ folds: [FoldIDs], keyOf: [String: String], audioOf: [String: String]) -> [FoldReport] {
    folds.map { fold in
      FoldReport(
        fold: fold.index, testSegments: fold.test.count,
        testWithSentence: fold.test.reduce(0) { $0 + (keyOf[$1] == nil ? 0 : 1) },
        sharedSentences: shared(train: fold.train, held: fold.test, keyOf: keyOf),
        valSharedSentences: shared(train: fold.train, held: fold.val, keyOf: keyOf),
        sharedAudio: shared(train: fold.train, held: fold.test, keyOf: audioOf))
    }
  }

  /// The ids of a plan's folds.
  public static func ids(_ plan: FoldPlan) -> [FoldIDs] {
    plan.folds.map { FoldIDs(index: $0.index, train: $0.train, val: $0.val, test: $0.test) }
  }

  /// The ids of loaded manifests.
  public static func ids(_ folds: [FoldManifests]) -> [FoldIDs] {
    folds.map { fold in
      FoldIDs(
        index: fold.index, train: fold[.train].map(\.entry.id), val: fold[.val].map(\.entry.id),
        test: fold[.test].map(\.entry.id))
    }
  }

  /// Groups of segments with identical audio and different labels (each group sorted, groups
  /// sorted by their first id).
  public static func conflictingDuplicates(_ shared: [(id: String, audio: String, label: String?)]) -> [[String]] {
    var byHash: [String: [(id: String, label: String)]] = [:]
    for item in shared {
      guard let label = item.label else { continue }
      byHash[item.audio, default: []].append((item.id, label))
    }
    var groups: [[String]] = []
    for members in byHash.values where members.count > 1 && Set(members.map(\.label)).count > 1 {
      groups.append(members.map(\.id).sorted())
    }
    return groups.sorted { $0[0] < $1[0] }
  }

  /// Per fold, with segments and keys as dense numbers (the fast path of `folds` for large corpora):
  /// `keyOfLine[f][split]` holds the key number (or -1) of each line of that split of fold f.
  static func counted(
    index: Int, train: [Int32], held: [Int32], keys: Int
  ) -> Shared {
    var inTrain = [Bool](repeating: false, count: keys)
    for key in train where key >= 0 { inTrain[Int(key)] = true }
    var found = [Bool](repeating: false, count: keys)
    var distinct = 0
    var segments = 0
    for key in held where key >= 0 && inTrain[Int(key)] {
      segments += 1
      if !found[Int(key)] {
        found[Int(key)] = true
        distinct += 1
      }
    }
    return Shared(
      count: distinct, testSegments: segments, share: held.isEmpty ? 0 : Double(segments) / Double(held.count))
  }
}

/// What `check-folds DIR` says about content: per fold, sentences and audio of test also in
/// training, and identical audio with different labels anywhere in the corpus (`--json` keys).
public struct ContentLeakageReport: Sendable, Hashable, Codable {
  public var minWords: Int
  /// Segments of the folds with a sentence key (0: no text known, nothing compared).
  public var segmentsWithSentence: Int
  public var folds: [ContentLeakage.FoldReport]
  public var conflictingDuplicates: [[String]]

  enum CodingKeys: String, CodingKey {
    case minWords = "min_words"
    case segmentsWithSentence = "segments_with_sentence"
    case folds
    case conflictingDuplicates = "conflicting_duplicates"
  }

  /// Whether no fold shares a sentence between training and validation or test.
  public var textIndependent: Bool { folds.allSatisfy(\.textIndependent) }

  /// Reads `prepDir/catalog.sqlite` (when present) for the folds `manifests`: sentence keys from
  /// the catalog's `segment_content`, audio from it or from the manifests' `audio_hash`. Keys and
  /// hashes are numbered once, so each fold costs one dictionary lookup per line.
  public static func make(prepDir: String, manifests: [FoldManifests], minWords: Int) throws -> ContentLeakageReport {
    var builder = try Builder(prepDir: prepDir, minWords: minWords)
    for fold in manifests { builder.add(fold) }
    return builder.report()
  }

  /// `make` one fold at a time (folds read as they are checked, never all at once).
  struct Builder {
    let minWords: Int
    var keyNumber: [String: Int32] = [:]
    var audioNumber: [String: Int32] = [:]
    // Per segment (dense index): key number and audio number, -1 when none.
    var indexOf: [String: Int32] = [:]
    var keyOf: [Int32] = []
    var audioOf: [Int32] = []
    var inFolds: [Bool] = []
    var folds: [ContentLeakage.FoldReport] = []
    var conflicting: [[String]] = []

    init(prepDir: String, minWords: Int) throws {
      self.minWords = minWords
      let path = PrepDirectory(prepDir).catalog
      var rows: [(id: String, key: String?, audio: String?)] = []
      if FileManager.default.fileExists(atPath: path) {
        let catalog = try Catalog(opening: path)
        rows = try catalog.contentKeys(minWords: minWords)
        conflicting = ContentLeakage.conflictingDuplicates(try catalog.sharedAudio())
      }
      indexOf.reserveCapacity(rows.count)
      keyOf.reserveCapacity(rows.count)
      audioOf.reserveCapacity(rows.count)
      for row in rows {
        indexOf[row.id] = Int32(keyOf.count)
        keyOf.append(row.key.map { Self.number($0, in: &keyNumber) } ?? -1)
        audioOf.append(row.audio.map { Self.number($0, in: &audioNumber) } ?? -1)
      }
      inFolds = [Bool](repeating: false, count: keyOf.count)
    }

    static func number(_ text: String, in table: inout [String: Int32]) -> Int32 {
      if let known = table[text] { return known }
      let n = Int32(table.count)
      table[text] = n
      return n
    }

    /// Per segment number (`SegmentNumbers`): its index among the catalog's rows, -1 when it has
    /// none (looked up once per segment, not once per line).
    var rowOfNumber: [Int32] = []

    /// `add(fold)` with the lines' segment numbers: the same report, one catalog lookup per segment.
    mutating func add(_ fold: FoldManifests, numbers: FoldNumbers?, numbering: SegmentNumbers) {
      guard let numbers else { return add(fold) }
      while rowOfNumber.count < numbering.count {
        rowOfNumber.append(indexOf[numbering.ids[rowOfNumber.count]] ?? -1)
      }
      let rows = rowOfNumber
      add(fold) { split, index, _ in
        let row = rows[Int(numbers[split][index])]
        return row >= 0 ? row : nil
      }
    }

    mutating func add(_ fold: FoldManifests) {
      let rows = indexOf
      add(fold) { _, index, lines in rows[lines[index].entry.id] }
    }

    /// `rowOf(split, index, lines)`: the catalog row of line `index` of `lines`, nil when none.
    private mutating func add(_ fold: FoldManifests, rowOf: (Split, Int, [ManifestLine]) -> Int32?) {
      var keys: [Split: [Int32]] = [:]
      var audio: [Split: [Int32]] = [:]
      for split in Split.allCases {
        var k: [Int32] = []
        var a: [Int32] = []
        k.reserveCapacity(fold[split].count)
        a.reserveCapacity(fold[split].count)
        let lines = fold[split]
        for index in lines.indices {
          if let i = rowOf(split, index, lines) {
            inFolds[Int(i)] = true
            k.append(keyOf[Int(i)])
            a.append(
              audioOf[Int(i)] >= 0
                ? audioOf[Int(i)] : lines[index].entry.audioHash.map { Self.number($0, in: &audioNumber) } ?? -1)
          } else {
            k.append(-1)
            a.append(lines[index].entry.audioHash.map { Self.number($0, in: &audioNumber) } ?? -1)
          }
        }
        keys[split] = k
        audio[split] = a
      }
      folds.append(
        ContentLeakage.FoldReport(
          fold: fold.index, testSegments: fold[.test].count,
          testWithSentence: keys[.test]!.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) },
          sharedSentences: ContentLeakage.counted(
            index: fold.index, train: keys[.train]!, held: keys[.test]!, keys: keyNumber.count),
          valSharedSentences: ContentLeakage.counted(
            index: fold.index, train: keys[.train]!, held: keys[.val]!, keys: keyNumber.count),
          sharedAudio: ContentLeakage.counted(
            index: fold.index, train: audio[.train]!, held: audio[.test]!, keys: audioNumber.count)))
    }

    func report() -> ContentLeakageReport {
      var withSentence = 0
      for (i, seen) in inFolds.enumerated() where seen && keyOf[i] >= 0 { withSentence += 1 }
      return ContentLeakageReport(
        minWords: minWords, segmentsWithSentence: withSentence, folds: folds, conflictingDuplicates: conflicting)
    }
  }

  /// Lines for the terminal: counts and segment ids only, never a sentence.
  public func text() -> String {
    var lines: [String] = []
    if segmentsWithSentence == 0 {
      lines.append("sentences: no segment of the folds has a transcript or sentence code; not compared")
    } else {
      lines.append(
        "sentences: \(segmentsWithSentence) segments of the folds have a sentence (codes, or texts of \(minWords) words or more)"
      )
      for fold in folds {
        let s = fold.sharedSentences
        lines.append(
          "fold \(fold.fold): \(s.testSegments) of \(fold.testSegments) test segments (\(String(format: "%.1f", 100 * s.share)) %) "
            + "say one of \(s.count) sentences also in training; validation: \(fold.valSharedSentences.testSegments) segments, "
            + "\(fold.valSharedSentences.count) sentences")
      }
    }
    for fold in folds where fold.sharedAudio.count > 0 {
      lines.append(
        "fold \(fold.fold): \(fold.sharedAudio.testSegments) test segments have the audio of a training segment "
          + "(\(fold.sharedAudio.count) recordings)")
    }
    if !conflictingDuplicates.isEmpty {
      lines.append(
        "identical audio with different labels (a labelling fault): \(conflictingDuplicates.count) groups: "
          + conflictingDuplicates.prefix(20).map { $0.joined(separator: " = ") }.joined(separator: "; ")
          + (conflictingDuplicates.count > 20 ? "; …" : ""))
    }
    return lines.joined(separator: "\n")
  }
}

extension FoldCheck {
  /// The findings of `check(prepDir:)` and the content report of the same folds (manifests read once).
  public static func checkWithContent(prepDir: String, minWords: Int) throws -> (
    findings: [String], content: ContentLeakageReport
  ) {
    var content = try ContentLeakageReport.Builder(prepDir: prepDir, minWords: minWords)
    let inspection = try inspect(foldsDir: PrepDirectory(prepDir).folds, keepingFolds: false) {
      content.add($0, numbers: $1, numbering: $2)
    }
    return (inspection.findings, content.report())
  }
}
