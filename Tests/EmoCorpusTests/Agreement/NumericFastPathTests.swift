import Agreement
import Foundation
import Testing

/// The fast paths of the numeric statistics (grouping that shares grouped input, α interval and
/// ordinal in one pass over grid counts, mid-ranks by sorting off the grid, the one-way ICC, the
/// complete block from a counting table, the rater diagnostics) against straightforward reference
/// implementations, on random designs: missing ratings, unequal raters per item, ties, a single
/// distinct value, a rater rating an item twice, triples out of item order, values off any grid,
/// more than 64 raters. Tolerance 1e-12 where the reference sums in the same order, 1e-10
/// against the coincidence matrix (a different summation order).
@Suite struct NumericFastPathTests {
  typealias Design = RatingDesign

  /// Design `k` of the random set: its kind of values (integers, halves, continuous, one value,
  /// tenths) and its order vary with k.
  static func design(_ k: Int) -> Design {
    var random = DesignRandom(design: k, salt: 17)
    func next() -> UInt64 { random.next() }
    func uniform() -> Double { random.uniform() }
    var d = Design(
      itemCount: 1 + Int(next() % 80), raterCount: k % 9 == 0 ? 66 + Int(next() % 5) : 1 + Int(next() % 10))
    for i in 0..<d.itemCount {
      let truth = 1 + Double(next() % 5)
      let p = uniform()
      for r in 0..<d.raterCount where uniform() < p || (k % 3 == 0 && r < 2) {
        let v: Double =
          switch k % 5 {
          case 0: min(5, max(1, truth + Double(Int(next() % 3) - 1)))
          case 1: (min(5, max(1, truth + uniform() * 2 - 1)) * 2).rounded() / 2
          case 2: 1 + 4 * uniform()
          case 3: 3
          default: Double(next() % 7) * 0.1 + 1
          }
        d.items.append(i)
        d.raters.append(r)
        d.values.append(v)
        if k % 7 == 0 && next() % 8 == 0 {
          d.items.append(i)
          d.raters.append(r)
          d.values.append(v)
          d.duplicates = true
        }
      }
    }
    if k % 2 == 1 { d.shuffle(next) }
    return d
  }

  /// Each item's (rater, value) pairs in input order.
  static func byItem(_ d: Design) -> [[(rater: Int, value: Double)]] {
    var out = [[(rater: Int, value: Double)]](repeating: [], count: d.itemCount)
    for t in d.items.indices { out[d.items[t]].append((d.raters[t], d.values[t])) }
    return out
  }

  @Test(arguments: 0..<120)
  func groupingKeepsEveryItemsRatingsInOrder(_ k: Int) {
    let d = Self.design(k)
    let m = d.ratings
    let reference = Self.byItem(d)
    #expect(m.offsets.count == d.itemCount + 1)
    for i in 0..<d.itemCount {
      let range = m.offsets[i]..<m.offsets[i + 1]
      #expect(m.raters[range].map { Int($0) } == reference[i].map(\.rater))
      #expect(m.values[range].map(\.bitPattern) == reference[i].map(\.value.bitPattern))
    }
  }

  @Test(arguments: 0..<120)
  func alphaMatchesTheCoincidenceMatrix(_ k: Int) {
    let d = Self.design(k)
    guard !d.duplicates else { return }
    let m = d.ratings
    var dense = [[Double?]](repeating: [Double?](repeating: nil, count: d.itemCount), count: d.raterCount)
    for t in d.items.indices { dense[d.raters[t]][d.items[t]] = d.values[t] }
    let (interval, ordinal) = NumericAlpha.both(m)
    for (level, mine) in [(KrippendorffAlpha.Level.interval, interval), (.ordinal, ordinal)] {
      let reference = KrippendorffAlpha.estimate(ratersByUnits: dense, level: level)
      #expect(mine.items == reference.items && mine.ratings == reference.ratings)
      #expect(mine.degeneracy == reference.degeneracy, "\(level) design \(k)")
      if reference.value == nil {
        #expect(mine.value == nil)
      } else {
        #expect(close(mine.value, reference.value, 1e-10), "\(level) design \(k)")
      }
    }
    #expect(NumericAlpha.interval(m) == interval && NumericAlpha.ordinal(m) == ordinal)
  }

  /// Ordinal α is interval α on mid-ranks: brute-force mid-ranks (count the values below and equal).
  @Test(arguments: 0..<120)
  func ordinalAlphaIsIntervalAlphaOnBruteForceMidRanks(_ k: Int) {
    let d = Self.design(k)
    let m = d.ratings
    let items = Self.byItem(d).filter { $0.count >= 2 }
    let pairable = items.flatMap { $0.map(\.value) }
    guard !pairable.isEmpty else { return }
    func rank(_ x: Double) -> Double {
      Double(pairable.filter { $0 < x }.count) + Double(pairable.filter { $0 == x }.count) / 2
    }
    let n = Double(pairable.count)
    let center = pairable.map(rank).reduce(0, +) / n
    var observed = 0.0
    var squares = 0.0
    var sum = 0.0
    for item in items {
      let y = item.map { rank($0.value) - center }
      let c = Double(y.count)
      let s = y.reduce(0, +)
      let s2 = y.reduce(0) { $0 + $1 * $1 }
      observed += 2 * (c * s2 - s * s) / (c - 1)
      squares += s2
      sum += s
    }
    let expected = 2 * (n * squares - sum * sum) / (n * (n - 1))
    let mine = NumericAlpha.ordinal(m)
    if expected <= 1e-12 * max(squares / n, 1e-300) {
      #expect(mine.degeneracy != nil)
    } else {
      #expect(close(mine.value, 1 - (observed / n) / expected, 1e-12), "design \(k)")
    }
  }

  @Test(arguments: 0..<120)
  func oneWayICCMatchesTheDefinition(_ k: Int) {
    let d = Self.design(k)
    let items = Self.byItem(d).filter { $0.count >= 2 }
    let (icc1, icc1k) = IntraclassCorrelation.oneWay(d.ratings)
    let raters = Set(items.flatMap { $0.map(\.rater) }).count
    #expect(icc1.items == items.count && icc1.raters == raters)
    guard items.count >= 2 else {
      #expect(icc1.value == nil)
      return
    }
    let all = items.flatMap { $0.map(\.value) }
    let grand = all.reduce(0, +) / Double(all.count)
    var between = 0.0
    var within = 0.0
    for item in items {
      let mean = item.reduce(0) { $0 + $1.value } / Double(item.count)
      between += Double(item.count) * (mean - grand) * (mean - grand)
      within += item.reduce(0) { $0 + ($1.value - mean) * ($1.value - mean) }
    }
    let msb = between / Double(items.count - 1)
    let msw = within / Double(all.count - items.count)
    let nn = Double(all.count)
    let k0 = (nn - items.reduce(0) { $0 + Double($1.count * $1.count) } / nn) / Double(items.count - 1)
    guard msb > 0 || msw > 0 else {
      #expect(icc1.value == nil)
      return
    }
    #expect(close(icc1.value, (msb - msw) / (msb + (k0 - 1) * msw), 1e-12), "design \(k)")
    if msb > 0 { #expect(close(icc1k.value, (msb - msw) / msb, 1e-12)) }
  }

  /// The complete block against a dictionary of exact rater sets (the rule of `completeBlock`).
  @Test(arguments: 0..<120)
  func completeBlockMatchesExactRaterSets(_ k: Int) {
    let d = Self.design(k)
    let items = Self.byItem(d)
    var sets = [Set<Int>?](repeating: nil, count: d.itemCount)
    var counts: [[Int]: Int] = [:]
    for (i, item) in items.enumerated() where item.count >= 2 {
      let set = Set(item.map(\.rater))
      guard set.count >= 2 else { continue }
      sets[i] = set
      counts[set.sorted(), default: 0] += 1
    }
    let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
      .prefix(32)
    var best: (set: [Int], items: Int)?
    for (set, exact) in ranked {
      // Up to 64 raters, supersets join the block; beyond, exact sets only.
      let rows =
        d.raterCount <= 64 ? sets.filter { $0.map { Set(set).isSubset(of: $0) } ?? false }.count : exact
      guard rows >= 2 else { continue }
      if let current = best {
        let score = rows * set.count
        let currentScore = current.items * current.set.count
        // Ties: more rows win up to 64 raters, the earlier set beyond.
        let better = d.raterCount <= 64 ? score == currentScore && rows > current.items : false
        guard score > currentScore || better else { continue }
      }
      best = (set, rows)
    }
    let block = IntraclassCorrelation.completeBlock(d.ratings)
    guard let best else {
      #expect(block == nil)
      return
    }
    let mine = try! #require(block)
    #expect(mine.raters == best.set, "design \(k)")
    #expect(mine.items.count == best.items)
    var expected: [Double] = []
    for i in mine.items {
      for r in best.set { expected.append(items[i].first { $0.rater == r }!.value) }
    }
    #expect(mine.block == expected)
  }

  @Test(arguments: 0..<120)
  func raterDiagnosticsMatchTheDefinition(_ k: Int) {
    let d = Self.design(k)
    let items = Self.byItem(d)
    let (mine, _) = NumericRaterDiagnostics.run(d.ratings)
    let raters = Set(d.raters).sorted()
    #expect(mine.map(\.rater) == raters)
    for diagnostic in mine {
      var own: [Double] = []
      var x: [Double] = []
      var y: [Double] = []
      for item in items {
        let sum = item.reduce(0) { $0 + $1.value }
        for (r, v) in item where r == diagnostic.rater {
          own.append(v)
          guard item.count >= 2 else { continue }
          x.append(v)
          y.append((sum - v) / Double(item.count - 1))
        }
      }
      #expect(diagnostic.items == own.count && diagnostic.sharedItems == x.count)
      #expect(close(diagnostic.mean, own.reduce(0, +) / Double(own.count), 1e-12))
      if !x.isEmpty {
        #expect(close(diagnostic.bias, zip(x, y).reduce(0) { $0 + $1.0 - $1.1 } / Double(x.count), 1e-12))
      }
      // Two-pass Pearson r.
      let mx = x.reduce(0, +) / Double(max(x.count, 1))
      let my = y.reduce(0, +) / Double(max(y.count, 1))
      let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
      let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
      let syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
      if let r = diagnostic.r {
        #expect(close(r, sxy / (sxx * syy).squareRoot(), 1e-9), "design \(k) rater \(diagnostic.rater)")
      } else {
        #expect(x.count < 2 || sxx <= 1e-9 || syy <= 1e-9)
      }
    }
  }

  /// The dimensions in parallel give what one `run` each gives.
  @Test func dimensionsInParallelEqualOneRunEach() {
    let inputs = (0..<7).map { k in
      let d = Self.design(k)
      return DimensionRatingsInput(
        name: "d\(k)", scale: [1, 5], itemNames: (0..<d.itemCount).map { "i\($0)" },
        itemLocations: (0..<d.itemCount).map { "f:\($0)" }, raterNames: (0..<d.raterCount).map { "r\($0)" },
        items: d.items, raters: d.raters, values: d.values)
    }
    #expect(DimensionAgreement.run(inputs, workers: 2) == inputs.map { DimensionAgreement.run($0) })
  }
}
