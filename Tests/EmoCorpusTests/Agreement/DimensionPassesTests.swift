import Foundation
import Testing

@testable import Agreement

/// `DimensionPasses` (every per-rating sum of a dimension in one pass, shifted by the first value)
/// and the two-way forms from streamed sums, against the statistics computed one by one
/// (`NumericAlpha.both`, `IntraclassCorrelation.oneWay`, `completeBlock` + `twoWay(block:)`,
/// `NumericRaterDiagnostics.run`, `DimensionAgreement.histogram`), on random integer designs:
/// negative and positive values up to 16 away from the first, missing ratings, items with one or
/// no rating, a rater rating an item twice, triples out of item order, up to 64 raters.
@Suite struct DimensionPassesTests {
  typealias Design = RatingDesign

  static func design(_ k: Int) -> Design {
    var random = DesignRandom(design: k, salt: 91)
    func next() -> UInt64 { random.next() }
    func uniform() -> Double { random.uniform() }
    let raterCount = k % 11 == 0 ? 60 + Int(next() % 5) : 2 + Int(next() % 12)
    var d = Design(itemCount: 2 + Int(next() % 120), raterCount: raterCount)
    // Values on a scale of `span + 1` points from `low`; a constant design now and then.
    let low = Double(Int(next() % 21) - 10)
    let span = k % 13 == 0 ? 0 : 1 + Int(next() % 16)
    let p = 0.3 + 0.7 * uniform()
    for i in 0..<d.itemCount {
      let truth = Int(next() % UInt64(span + 1))
      for r in 0..<d.raterCount where uniform() < p {
        let noise = Int(next() % 3) - 1
        let v = low + Double(min(span, max(0, truth + (next() % 2 == 0 ? noise : 0))))
        d.items.append(i)
        d.raters.append(r)
        d.values.append(v)
        if k % 7 == 0 && next() % 10 == 0 {
          d.items.append(i)
          d.raters.append(r)
          d.values.append(low + Double(next() % UInt64(span + 1)))
        }
      }
    }
    if k % 2 == 1 { d.shuffle(next) }
    return d
  }

  /// |a − b| ≤ tolerance × max(1, |b|), or both nil.
  static func near(_ a: Double?, _ b: Double?, _ tolerance: Double) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(1, abs(b))
  }

  static func near(_ a: ICCValue, _ b: ICCValue, _ tolerance: Double) -> Bool {
    a.items == b.items && a.raters == b.raters && a.note == b.note && near(a.value, b.value, tolerance)
      && near(a.f, b.f, tolerance) && near(a.p, b.p, tolerance) && near(a.df1, b.df1, 0) && near(a.df2, b.df2, 0)
      && (a.ci95 == nil) == (b.ci95 == nil)
      && zip(a.ci95 ?? [], b.ci95 ?? []).allSatisfy { near($0, $1, tolerance) }
  }

  @Test(arguments: 0..<160)
  func onePassEqualsTheStatisticsOneByOne(_ k: Int) throws {
    let d = Self.design(k)
    let m = d.ratings
    guard !d.values.isEmpty else { return }
    let scale = [d.values.min()!, d.values.max()!]
    let passes = try #require(DimensionPasses(m, scale: scale), "design \(k)")

    let (interval, ordinal) = NumericAlpha.both(m)
    for (mine, plain) in [(passes.interval, interval), (passes.ordinal, ordinal)] {
      #expect(mine.items == plain.items && mine.ratings == plain.ratings, "design \(k)")
      #expect(mine.degeneracy == plain.degeneracy, "design \(k)")
      #expect(
        Self.near(mine.value, plain.value, 1e-11),
        "design \(k): \(String(describing: mine.value)) \(String(describing: plain.value))")
    }

    let one = IntraclassCorrelation.oneWay(m)
    let fused = IntraclassCorrelation.oneWay(passes.oneWay)
    #expect(Self.near(fused.icc1, one.icc1, 1e-10), "design \(k)")
    #expect(Self.near(fused.icc1k, one.icc1k, 1e-10), "design \(k)")

    // The block: the masks' path builds the same block; the streamed two-way forms equal those
    // of the block.
    let block = IntraclassCorrelation.completeBlock(m)
    let fromMasks = IntraclassCorrelation.completeBlock(m, masks: passes.masks, table: passes.table)
    #expect(fromMasks?.block == block?.block && fromMasks?.items == block?.items && fromMasks?.raters == block?.raters)
    let chosen = IntraclassCorrelation.chooseBlock(passes.table)
    #expect(chosen?.items == block?.items.count)
    if let block, let chosen {
      #expect((0..<64).filter { chosen.mask & (1 << UInt64($0)) != 0 } == block.raters)
      let plain = IntraclassCorrelation.twoWay(block: block.block, items: block.items.count, raters: block.raters.count)
      let streamed = IntraclassCorrelation.twoWay(
        m, masks: passes.masks, chosen: chosen.mask, rows: chosen.items, origin: m.values[0])
      // A block without residual (ratings = item effect + rater effect): the exact sums find
      // none, the block's float sums a rounding residual (F beyond 10¹²); nothing else to compare.
      if streamed.icc2.note == "no residual variance in the block" && plain.icc2.note == nil {
        #expect((plain.icc2.f ?? 0) > 1e12, "design \(k)")
      } else {
        #expect(Self.near(streamed.icc2, plain.icc2, 1e-9), "design \(k)")
        #expect(Self.near(streamed.icc2k, plain.icc2k, 1e-9), "design \(k)")
        #expect(Self.near(streamed.icc3, plain.icc3, 1e-9), "design \(k)")
        #expect(Self.near(streamed.icc3k, plain.icc3k, 1e-9), "design \(k)")
      }
    }

    let (plainRaters, plainRule) = NumericRaterDiagnostics.run(m)
    let (mineRaters, mineRule) = NumericRaterDiagnostics.finish(
      counts: passes.counts, sums: passes.sums, biasSums: passes.biasSums, pearson: passes.pearson, minimumItems: 10)
    #expect(mineRaters.count == plainRaters.count)
    for (mine, plain) in zip(mineRaters, plainRaters) {
      #expect(mine.rater == plain.rater && mine.items == plain.items && mine.sharedItems == plain.sharedItems)
      #expect(mine.mean == plain.mean)
      #expect(Self.near(mine.bias, plain.bias, 1e-11), "design \(k) rater \(mine.rater)")
      #expect(Self.near(mine.r, plain.r, 1e-9), "design \(k) rater \(mine.rater)")
      #expect(Self.near(mine.z, plain.z, 1e-6) && mine.flag == plain.flag, "design \(k) rater \(mine.rater)")
    }
    #expect(mineRule.eligible == plainRule.eligible && mineRule.flagged == plainRule.flagged)

    #expect(passes.histogram == DimensionAgreement.histogram(d.values, scale: scale))
    // A wide scale (bins wider than half a unit) and one the values overflow at both ends.
    for other in [[-40.0, 40], [scale[0] + 1, scale[0] + 2]] {
      #expect(DimensionPasses(m, scale: other)?.histogram == DimensionAgreement.histogram(d.values, scale: other))
    }
  }

  /// Designs outside the pass (a value off the integers, values more than 16 from the first, more
  /// than 64 raters) take the statistics one by one.
  @Test func designsOutsideThePassAreRefused() {
    var d = Self.design(4)
    #expect(DimensionPasses(d.ratings, scale: [0, 1]) != nil)
    d.values[d.values.count / 2] += 0.5
    #expect(DimensionPasses(d.ratings, scale: [0, 1]) == nil)
    d = Self.design(4)
    d.values[d.values.count - 1] = d.values[0] + 17
    #expect(DimensionPasses(d.ratings, scale: [0, 1]) == nil)
    d.values[d.values.count - 1] = d.values[0] - 17
    #expect(DimensionPasses(d.ratings, scale: [0, 1]) == nil)
    d.values[d.values.count - 1] = .nan
    #expect(DimensionPasses(d.ratings, scale: [0, 1]) == nil)
    d = Self.design(4)
    d.raters[0] = 64
    #expect(DimensionPasses(d.ratings, scale: [0, 1]) == nil)
  }

  /// Grouping in one pass (grouped triples, ids below itemCount) against the grouping that finds
  /// each item's start scanning backwards (ids beyond itemCount take it).
  @Test(arguments: 0..<40)
  func groupedOffsetsInOnePassEqualTheBackwardScan(_ k: Int) {
    let d = Self.design(2 * k)
    let given = d.ratings
    let grown = NumericRatings(items: d.items, raters: d.raters, values: d.values)
    // Without itemCount, items after the last rated one are not there.
    #expect(Array(given.offsets.prefix(grown.offsets.count)) == grown.offsets)
    #expect(given.offsets.dropFirst(grown.offsets.count).allSatisfy { $0 == d.items.count })
    #expect(given.raters == grown.raters)
  }
}
