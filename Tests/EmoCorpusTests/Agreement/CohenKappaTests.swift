import EmoSupport
import Testing

@testable import Agreement
@testable import EmoCorpus

@Suite struct CohenKappaTests {
  @Test func kappaIsNullWithoutPairs() {
    let v = CohenKappa.estimate(ConfusionMatrix(classCount: 3))
    #expect(v.value == nil && v.se == nil && v.ci95 == nil && v.n == 0 && v.degeneracy == .noItems)
  }

  @Test func kappaIsOneWhenBothCodersUseOneClass() {
    let v = CohenKappa.estimate(["neu", "neu", "neu"], ["neu", "neu", "neu"])
    #expect(v.value == 1 && v.se == nil && v.degeneracy == .chanceOnePerfect && v.n == 3)
  }

  @Test func singlePairIsDegenerateNotNaN() {
    let v = CohenKappa.estimate(["a"], ["b"])
    // Marginals a (A) and b (B): chance 0, observed 0, kappa 0 with se 0.
    #expect(v.value == 0 && v.degeneracy == nil)
    #expect(v.se.map { $0.isFinite } == true)
  }

  @Test func handWorkedTwoByTwo() {
    // 20 pairs: (a,a) 8, (a,b) 2, (b,a) 3, (b,b) 7. p_o = 0.75; rows a .5 b .5; cols a .55 b .45;
    // p_e = .275 + .225 = .5; kappa = .25 / .5 = 0.5.
    var m = ConfusionMatrix(classCount: 2)
    m.add(0, 0, count: 8)
    m.add(0, 1, count: 2)
    m.add(1, 0, count: 3)
    m.add(1, 1, count: 7)
    let v = CohenKappa.estimate(m)
    #expect(close(v.value, 0.5) && close(v.observed, 0.75) && close(v.chance, 0.5))
  }

  @Test func confusionMatrixCountsOutOfRangeCodesAsIgnored() {
    let m = ConfusionMatrix(codesA: [0, 1, 5, -1, 1], codesB: [0, 1, 0, 0], classCount: 2)
    #expect(m.rows == [[1, 0], [0, 1]])
    #expect(m.ignored == 3)
  }

  @Test func oneVsRestOfAClassMatchesHandWorkedTable() {
    // Coder A: x x y z; coder B: x y y x. For class x: A = [1,1,0,0], B = [1,0,0,1]:
    // p_o = .5, p_e = .5·.5 + .5·.5 = .5, kappa 0. Class y: p_o = .75, p_e = .25·.5 + .75·.5, kappa .5.
    let v = CohenKappa.estimate(["x", "x", "y", "z"], ["x", "y", "y", "x"])
    var book = LabelCodebook(["x", "y", "z"])
    let m = ConfusionMatrix(
      codesA: book.encode(["x", "x", "y", "z"]), codesB: book.encode(["x", "y", "y", "x"]), classCount: 3)
    #expect(close(CohenKappa.oneVsRest(m, class: 0).value, 0))
    #expect(close(CohenKappa.oneVsRest(m, class: 1).value, 0.5))
    #expect(v.n == 4)
  }

  @Test func codebookFastPathEqualsDictionaryPath() {
    var random = SeededRandom(seed: 3, stream: "tests.codebook")
    let words = ["Neutral", "Anger", "Fear", "a considerably longer label than fifteen bytes", "Colère froide", "é"]
    var labels: [String] = []
    for _ in 0..<5000 {
      let w = words[Int(random.next() % UInt64(words.count))]
      // Fresh heap copies of long strings: same content, different storage.
      labels.append(random.next() % 2 == 0 ? w : String(w.unicodeScalars.map(Character.init)))
    }
    var fast = LabelCodebook(["Fear"])
    var slow = LabelCodebook(["Fear"])
    #expect(fast.encode(labels) == labels.map { slow.code($0) })
    #expect(fast.labels == slow.labels)
    #expect(fast.labels.count == words.count)
  }

  /// Canonically equivalent spellings are one label for the dictionary (String ==), so the fast
  /// path, whose hints differ for them, must give them that one code too.
  @Test func codebookGivesCanonicallyEqualLabelsOneCode() {
    let labels = ["Col\u{E8}re", "Cole\u{300}re", "Col\u{E8}re", "e\u{301}", "\u{E9}", "Cole\u{300}re"]
    var fast = LabelCodebook()
    var slow = LabelCodebook()
    #expect(fast.encode(labels) == labels.map { slow.code($0) })
    #expect(fast.encode(labels) == [0, 0, 0, 1, 1, 0])
  }

  @Test func fusedCountingEqualsEncodeThenCount() {
    var random = SeededRandom(seed: 9, stream: "tests.fused")
    // 80 classes: codes beyond the fused path's 64 × 64 table take its overflow list.
    let names = (0..<80).map { "class-\($0)" }
    let a = (0..<3000).map { _ in names[Int(random.next() % 80)] }
    let b = (0..<3003).map { i in i < 3000 && random.next() % 2 == 0 ? a[i] : names[Int(random.next() % 80)] }
    var fusedBook = LabelCodebook(["class-7"])
    let fused = ConfusionMatrix(labelsA: a, labelsB: b, codebook: &fusedBook)
    var book = LabelCodebook(["class-7"])
    var codesA: [Int32] = []
    var codesB: [Int32] = []
    for i in 0..<3000 {
      codesA.append(book.code(a[i]))
      codesB.append(book.code(b[i]))
    }
    let reference = ConfusionMatrix(codesA: codesA, codesB: codesB, classCount: book.count)
    #expect(fusedBook.labels == book.labels)
    #expect(fused.counts == reference.counts && fused.total == 3000)
    #expect(fused.ignored == 3)
  }

  @Test func codebookStaysExactWithManyDistinctLabels() {
    let labels = (0..<2000).map { "label-\($0 % 700)-with-a-long-suffix" }
    var fast = LabelCodebook()
    var slow = LabelCodebook()
    #expect(fast.encode(labels) == labels.map { slow.code($0) })
    #expect(fast.count == 700)
  }

  /// The fast path finds a label's slot from a few of its bytes: labels differing in any other
  /// byte share that hint and must still get different codes.
  @Test func codebookSeparatesLabelsDifferingInAnySingleByte() {
    var labels: [String] = []
    for n in 0...18 {
      let base = String(repeating: "a", count: n)
      labels.append(base)
      for i in 0..<n {
        var bytes = Array(base.utf8)
        bytes[i] = UInt8(ascii: "b")
        labels.append(String(decoding: bytes, as: UTF8.self))
      }
    }
    let repeated = labels + labels.reversed() + labels
    var fast = LabelCodebook()
    var slow = LabelCodebook()
    #expect(fast.encode(repeated) == repeated.map { slow.code($0) })
    #expect(fast.count == labels.count)
  }

  /// The fused counting's pair cache (a pair of labels found by the two labels' hints, confirmed
  /// with `==`) against codes from the codebook's dictionary, on random pairs of short, long
  /// (heap) and non-ASCII labels, canonically equivalent spellings, labels sharing a hint (aXbcd,
  /// aYbcd: length, first, middle and last bytes), more
  /// distinct pairs than the cache holds and more classes than the counting table.
  @Test(arguments: 0..<6)
  func fusedPairCacheEqualsTheDictionary(_ round: Int) {
    var random = SeededRandom(seed: UInt64(round), stream: "tests.fused.pairs")
    var words = [
      "Neutral", "Anger", "Fear", "a considerably longer label than fifteen bytes",
      "a considerably longer label than fifteen bytez", "Col\u{E8}re froide", "Cole\u{300}re froide", "\u{E9}",
      "e\u{301}", "Überraschung", "怒り", "aXbcd", "aYbcd", "", "😀 joy",
    ]
    // Many classes (beyond the 64 × 64 table and the cache's half of 4,096 slots) in some rounds.
    if round % 2 == 1 { words += (0..<(round * 20)).map { "class-\($0)-\(String(repeating: "é", count: $0 % 9))" } }
    func label() -> String {
      let w = words[Int(random.next() % UInt64(words.count))]
      // Fresh copies: same content, other storage.
      return random.next() % 2 == 0 ? w : String(w.unicodeScalars.map(Character.init))
    }
    let a = (0..<20_000).map { _ in label() }
    let b = a.map { random.next() % 10 < 6 ? String(decoding: Array($0.utf8), as: UTF8.self) : label() }
    var fusedBook = LabelCodebook(["Fear"])
    let fused = ConfusionMatrix(labelsA: a, labelsB: b, codebook: &fusedBook)
    var book = LabelCodebook(["Fear"])
    var codesA: [Int32] = []
    var codesB: [Int32] = []
    for i in a.indices {
      codesA.append(book.code(a[i]))
      codesB.append(book.code(b[i]))
    }
    let reference = ConfusionMatrix(codesA: codesA, codesB: codesB, classCount: book.count)
    #expect(fusedBook.labels == book.labels)
    #expect(fused.counts == reference.counts && fused.total == reference.total)
  }
}
