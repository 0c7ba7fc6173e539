import Foundation
import Testing

@testable import Agreement
@testable import EmoCorpus

/// Numeric agreement against Fixtures/golden/dimensions.json (scripts/dev/golden_dimensions.py):
/// Krippendorff's α interval/ordinal from the `krippendorff` package, the six ICC forms with F,
/// degrees of freedom, p and 95 % intervals from `pingouin.intraclass_corr` on complete blocks,
/// the one-way forms on unequal designs and the per-rater diagnostics from numpy. Tolerance 1e-9
/// (double rounding of different summation orders).
@Suite struct NumericAgreementGoldenTests {
  let golden: GoldenFixture

  init() throws { golden = try GoldenFixture("dimensions") }

  static func ratings(_ c: [String: Any]) -> NumericRatings {
    let triples = c["triples"] as! [[NSNumber]]
    return NumericRatings(
      items: triples.map { $0[0].intValue }, raters: triples.map { $0[1].intValue },
      values: triples.map { $0[2].doubleValue }, itemCount: (c["items"] as! NSNumber).intValue,
      raterCount: (c["raters"] as! NSNumber).intValue)
  }

  @Test func everyCaseIsPresent() {
    #expect(golden.cases.count == 4)
  }

  @Test(arguments: ["missing_integer", "complete_block", "continuous_missing", "halves_block"])
  func alpha(_ name: String) throws {
    let c = try #require(golden.named(name))
    let m = Self.ratings(c)
    #expect(close(NumericAlpha.interval(m).value, goldenDouble(c["alpha_interval"]), 1e-9))
    #expect(close(NumericAlpha.ordinal(m).value, goldenDouble(c["alpha_ordinal"]), 1e-9))
  }

  @Test(arguments: ["missing_integer", "complete_block", "continuous_missing", "halves_block"])
  func oneWayICC(_ name: String) throws {
    let c = try #require(golden.named(name))
    let reference = c["one_way"] as! [String: Any]
    let (icc1, icc1k) = IntraclassCorrelation.oneWay(Self.ratings(c))
    #expect(close(icc1.value, goldenDouble(reference["icc1"]), 1e-9))
    #expect(close(icc1k.value, goldenDouble(reference["icc1k"]), 1e-9))
    #expect(close(icc1.f, goldenDouble(reference["f"]), 1e-9))
    #expect(close(icc1.df1, goldenDouble(reference["df1"]), 0))
    #expect(close(icc1.df2, goldenDouble(reference["df2"]), 0))
    #expect(close(icc1.p, goldenDouble(reference["p"]), 1e-9))
    #expect(icc1.items == (reference["items"] as! NSNumber).intValue)
    let ci1 = reference["icc1_ci95"] as! [NSNumber]
    let ci1k = reference["icc1k_ci95"] as! [NSNumber]
    for b in 0..<2 {
      #expect(close(icc1.ci95?[b], ci1[b].doubleValue, 1e-8))
      #expect(close(icc1k.ci95?[b], ci1k[b].doubleValue, 1e-8))
    }
  }

  @Test(arguments: ["complete_block", "halves_block"])
  func pingouinForms(_ name: String) throws {
    let c = try #require(golden.named(name))
    let reference = c["pingouin"] as! [String: [String: Any]]
    let m = Self.ratings(c)
    let block = try #require(IntraclassCorrelation.completeBlock(m))
    #expect(block.items.count == m.itemCount)
    #expect(block.raters == Array(0..<m.raterCount))
    let two = IntraclassCorrelation.twoWay(block: block.block, items: block.items.count, raters: block.raters.count)
    let one = IntraclassCorrelation.oneWay(m)
    let forms: [(String, ICCValue)] = [
      ("icc1", one.icc1), ("icc1k", one.icc1k), ("icc2", two.icc2), ("icc2k", two.icc2k), ("icc3", two.icc3),
      ("icc3k", two.icc3k),
    ]
    for (key, mine) in forms {
      let ref = try #require(reference[key])
      #expect(close(mine.value, goldenDouble(ref["value"]), 1e-9), "\(key) value")
      #expect(close(mine.f, goldenDouble(ref["f"]), 1e-8), "\(key) F")
      #expect(close(mine.df1, goldenDouble(ref["df1"]), 0), "\(key) df1")
      #expect(close(mine.df2, goldenDouble(ref["df2"]), 0), "\(key) df2")
      #expect(close(mine.p, goldenDouble(ref["p"]), 1e-9), "\(key) p")
      let ci = ref["ci95"] as! [NSNumber]
      #expect(close(mine.ci95?[0], ci[0].doubleValue, 1e-8), "\(key) lower bound")
      #expect(close(mine.ci95?[1], ci[1].doubleValue, 1e-8), "\(key) upper bound")
    }
  }

  @Test(arguments: ["missing_integer", "complete_block", "continuous_missing", "halves_block"])
  func raterDiagnostics(_ name: String) throws {
    let c = try #require(golden.named(name))
    let reference = c["raters_loo"] as! [[String: Any]]
    let (mine, _) = NumericRaterDiagnostics.run(Self.ratings(c))
    #expect(mine.count == reference.count)
    for (d, ref) in zip(mine, reference) {
      #expect(d.rater == (ref["rater"] as! NSNumber).intValue)
      #expect(d.items == (ref["items"] as! NSNumber).intValue)
      #expect(d.sharedItems == (ref["shared_items"] as! NSNumber).intValue)
      #expect(close(d.mean, goldenDouble(ref["mean"]), 1e-12))
      #expect(close(d.bias, goldenDouble(ref["bias"]), 1e-12))
      #expect(close(d.r, goldenDouble(ref["r"]), 1e-9))
    }
  }
}

/// Hand-worked and edge cases of the numeric statistics.
@Suite struct NumericAgreementTests {
  /// Two raters, three items: (1, 2), (3, 3), (5, 4). Interval: pairable values n = 6,
  /// D_o = (1/6)·Σ_u 2(x−y)² = (2 + 0 + 2)/6 = 2/3; values 1,2,3,3,5,4 (mean 3, Σ(x−3)² = 10)
  /// D_e = 2·(6·10 − 0)/(6·5) = 4; α = 1 − (2/3)/4 = 5/6.
  /// ICC(1,1): item means 1.5, 3, 4.5 (grand 3): MSB = 2·(2.25 + 0 + 2.25)/2 = 4.5,
  /// MSW = (0.5 + 0 + 0.5)/3 = 1/3; ICC = (4.5 − 1/3)/(4.5 + 1/3) = 25/29.
  @Test func handWorkedExample() {
    let m = NumericRatings(items: [0, 0, 1, 1, 2, 2], raters: [0, 1, 0, 1, 0, 1], values: [1, 2, 3, 3, 5, 4])
    #expect(close(NumericAlpha.interval(m).value, 5.0 / 6.0, 1e-12))
    let (icc1, icc1k) = IntraclassCorrelation.oneWay(m)
    #expect(close(icc1.value, 25.0 / 29.0, 1e-12))
    #expect(close(icc1k.value, (4.5 - 1.0 / 3.0) / 4.5, 1e-12))
    #expect(close(icc1.f, 13.5, 1e-12))
  }

  /// Ordinal α equals the coincidence-matrix implementation on a grid and off it.
  @Test func ordinalMatchesCoincidenceMatrix() {
    var items: [Int] = []
    var raters: [Int] = []
    var values: [Double] = []
    var dense = [[Double?]](repeating: [Double?](repeating: nil, count: 25), count: 4)
    var seed: UInt64 = 7
    func next() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53)
    }
    for i in 0..<25 {
      for r in 0..<4 where next() < 0.75 {
        let v = (1 + 4 * next()).rounded()
        items.append(i)
        raters.append(r)
        values.append(v)
        dense[r][i] = v
      }
    }
    let m = NumericRatings(items: items, raters: raters, values: values)
    let reference = KrippendorffAlpha.estimate(ratersByUnits: dense, level: .ordinal)
    #expect(close(NumericAlpha.ordinal(m).value, reference.value, 1e-12))
    #expect(NumericAlpha.ordinal(m).items == reference.items)
    let interval = KrippendorffAlpha.estimate(ratersByUnits: dense, level: .interval)
    #expect(close(NumericAlpha.interval(m).value, interval.value, 1e-12))
  }

  @Test func degenerateInputsGiveDefinedValues() {
    let none = NumericRatings(items: [0, 1], raters: [0, 0], values: [1, 2])
    #expect(NumericAlpha.interval(none).value == nil)
    #expect(NumericAlpha.interval(none).degeneracy == .noItems)
    #expect(IntraclassCorrelation.oneWay(none).icc1.value == nil)
    #expect(IntraclassCorrelation.oneWay(none).icc1.note != nil)
    let same = NumericRatings(items: [0, 0, 1, 1], raters: [0, 1, 0, 1], values: [3, 3, 3, 3])
    #expect(NumericAlpha.interval(same).value == 1)
    #expect(NumericAlpha.interval(same).degeneracy == .chanceOnePerfect)
    let two = IntraclassCorrelation.twoWay(block: [3, 3, 3, 3], items: 2, raters: 2)
    #expect(two.icc2.value == nil)
    #expect(two.icc2.note != nil)
  }

  /// The largest complete block of an incomplete design: raters {0, 1} on items 0–2 (item 2 also
  /// rated by rater 2) beat {1, 2} on item 3 alone.
  @Test func completeBlockOfAnIncompleteDesign() throws {
    let m = NumericRatings(
      items: [0, 0, 1, 1, 2, 2, 2, 3, 3], raters: [0, 1, 0, 1, 0, 1, 2, 1, 2], values: [1, 2, 3, 4, 5, 5, 1, 2, 2])
    let block = try #require(IntraclassCorrelation.completeBlock(m))
    #expect(block.raters == [0, 1])
    #expect(block.items == [0, 1, 2])
    #expect(block.block == [1, 2, 3, 4, 5, 5])
  }

  /// More than 64 raters (no bit masks): the same block from exact rater sets.
  @Test func completeBlockWithManyRaters() throws {
    let items = [0, 0, 1, 1, 2, 2, 3, 3]
    let values: [Double] = [1, 2, 3, 4, 5, 5, 2, 2]
    let few = NumericRatings(items: items, raters: [0, 1, 0, 1, 0, 1, 1, 2], values: values)
    let many = NumericRatings(items: items, raters: [3, 70, 3, 70, 3, 70, 70, 71], values: values)
    let a = try #require(IntraclassCorrelation.completeBlock(few))
    let b = try #require(IntraclassCorrelation.completeBlock(many))
    #expect(a.items == [0, 1, 2] && b.items == [0, 1, 2])
    #expect(a.block == b.block)
    #expect(b.raters == [3, 70])
  }

  @Test func fQuantileInvertsTheDistribution() {
    for (d1, d2) in [(1.0, 1.0), (3.0, 12.0), (14.0, 42.0), (7.5, 200.0)] {
      for p in [0.025, 0.5, 0.975] {
        let x = FDistribution.quantile(p, d1, d2)
        #expect(abs(FDistribution.cdf(x, d1, d2) - p) < 1e-12)
      }
    }
    // scipy.stats.f.ppf(0.975, 3, 12) = 4.474184809637748
    #expect(abs(FDistribution.quantile(0.975, 3, 12) - 4.474184809637748) < 1e-9)
  }

  /// The quantile's regula falsi against plain bisection on [0, 1] to adjacent doubles, up to the
  /// degrees of freedom of a million ratings.
  @Test func fQuantileEqualsPlainBisection() {
    func bisection(_ p: Double, _ d1: Double, _ d2: Double) -> Double {
      var lo = 0.0
      var hi = 1.0
      while true {
        let mid = (lo + hi) / 2
        if mid == lo || mid == hi { break }
        if FDistribution.regularizedBeta(mid, d1 / 2, d2 / 2) < p { lo = mid } else { hi = mid }
      }
      let z = (lo + hi) / 2
      return d2 * z / (d1 * (1 - z))
    }
    for (d1, d2) in [(1.0, 1.0), (3.0, 12.0), (99_999, 799_992), (99_999, 899_991), (9, 350_000), (2, 2), (350_000, 9)]
    {
      for p in [0.001, 0.025, 0.5, 0.975, 0.999] {
        let x = FDistribution.quantile(p, d1, d2)
        let reference = bisection(p, d1, d2)
        #expect(abs(x - reference) <= 1e-12 * reference, "\(d1), \(d2), \(p): \(x) \(reference)")
      }
    }
  }

  @Test func flagsARaterFarBelowTheOthers() {
    // Nine raters track the item; rater 9 rates the reverse.
    var items: [Int] = []
    var raters: [Int] = []
    var values: [Double] = []
    for i in 0..<20 {
      for r in 0..<10 {
        items.append(i)
        raters.append(r)
        let truth = Double(i % 5) + 1
        values.append(r == 9 ? 6 - truth : truth + (r % 2 == 0 && i % 3 == 0 ? 1 : 0))
      }
    }
    let (d, summary) = NumericRaterDiagnostics.run(NumericRatings(items: items, raters: raters, values: values))
    #expect(d[9].flag)
    #expect(d.filter(\.flag).count == 1)
    #expect(summary.flagged == 1)
    #expect((d[9].r ?? 0) < 0)
  }
}
