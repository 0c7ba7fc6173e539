import Testing

@testable import Agreement
@testable import EmoCorpus

@Suite struct StudentTTests {
  /// t(0.975, df), the multiplier of irrCAC's intervals, from mpmath at 40 digits (root of the
  /// regularized incomplete beta); scipy's `t.ppf` agrees to 1e-10.
  @Test(arguments: [
    (1, 12.706204736174704), (2, 4.302652729749464), (3, 3.1824463052837096), (5, 2.5705818356363155),
    (11, 2.2009851600916399), (30, 2.0422724563012383), (99, 1.9842169515864175), (999, 1.96234146113345),
    (1000, 1.9623390808264085), (100_000, 1.9599877075346096),
  ])
  func quantileMatchesReference(df: Int, expected: Double) {
    #expect(close(StudentT.quantile975(df: df), expected, 2e-13 * expected))
  }

  @Test func distributionFunctionMatchesScipy() {
    // scipy.stats.t.cdf(-1.3, 7)
    #expect(close(StudentT.cdf(-1.3, df: 7), 0.11738391769618858, 1e-13))
    #expect(close(StudentT.cdf(1.3, df: 7), 1 - 0.11738391769618858, 1e-13))
    #expect(close(StudentT.normalQuantile(0.975), 1.959963984540054, 1e-14))
  }
}
