import Testing

@testable import Agreement
@testable import EmoCorpus

@Suite struct MultiRaterTests {
  @Test func fleissWithUnequalRaterCountsMatchesHandWorkedValue() {
    // Items (A, B counts): (2,0) (1,1) (0,3) (2,1), plus (1,0) with one rating only (skipped).
    // P_i = 1, 0, 1, 2/6 → P̄ = 7/12; shares A 5/10, B 5/10 → P_e = 1/2; kappa = (7/12 − 1/2)/(1/2) = 1/6.
    let v = FleissKappa.estimate(table: [[2, 0], [1, 1], [0, 3], [2, 1], [1, 0]])
    #expect(close(v.value, 1.0 / 6.0))
    #expect(v.items == 4 && v.ratings == 10)
  }

  @Test func fleissAndAlphaOfOneClassAreOneWithDegeneracy() {
    let f = FleissKappa.estimate(labels: [["a", "a"], ["a", "a", "a"]])
    #expect(f.value == 1 && f.degeneracy == .chanceOnePerfect)
    let k = KrippendorffAlpha.nominal(ratersByUnits: [["a", "a", nil], ["a", nil, "a"]])
    // Two raters × three units; units 2 and 3 have one value each: only unit 1 is pairable.
    #expect(k.value == 1 && k.degeneracy == .chanceOnePerfect && k.items == 1)
  }

  @Test func noPairableItemIsNull() {
    #expect(FleissKappa.estimate(table: [[1, 0], [0, 1]]).value == nil)
    #expect(KrippendorffAlpha.nominal(ratersByUnits: [["a", nil], [nil, "b"]]).value == nil)
    #expect(FleissKappa.estimate(table: []).degeneracy == .noItems)
  }

  @Test func percentileInterpolatesLikeNumpy() {
    // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) = [1.075, 3.925]
    #expect(close(DialogBootstrap.percentile([1, 2, 3, 4], 0.025), 1.075))
    #expect(close(DialogBootstrap.percentile([1, 2, 3, 4], 0.975), 3.925))
    #expect(DialogBootstrap.percentile([7], 0.5) == 7)
  }
}
