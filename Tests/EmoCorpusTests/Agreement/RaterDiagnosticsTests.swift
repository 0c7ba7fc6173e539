import Testing

@testable import Agreement
@testable import EmoCorpus

@Suite struct RaterDiagnosticsTests {
  static func table(_ items: [[String]], raters: [String]) -> RatingTable {
    RatingTable(ratings: items.map { labels in labels.enumerated().map { (rater: raters[$0], label: $1) } })
  }

  @Test func kappaAgainstTheMajorityOfTheOthersMatchesHandCounts() throws {
    // Items (r1, r2, r3): a a b | a a a | b b b | b b a.
    // r3 against the others' majority: (b,a) (a,a) (b,b) (a,b) → p_o 1/2, p_e 1/2, kappa 0.
    // r1: items 1 and 4 have tied others (a/b): only (a,a) and (b,b) count → kappa 1.
    let table = Self.table(
      [["a", "a", "b"], ["a", "a", "a"], ["b", "b", "b"], ["b", "b", "a"]], raters: ["r1", "r2", "r3"])
    let (diagnostics, summary) = try #require(
      RaterDiagnostics.run(
        table, pairs: RaterDiagnostics.pairKappas(table), options: .init(minimumSharedItems: 1, minimumItems: 1)))
    #expect(diagnostics.map(\.rater) == ["r1", "r2", "r3"])
    #expect(diagnostics[0].kappaVsMajority == 1 && diagnostics[0].kappaVsMajorityItems == 2)
    #expect(diagnostics[2].kappaVsMajority == 0 && diagnostics[2].kappaVsMajorityItems == 4)
    #expect(diagnostics[2].distributionDistance == 0)
    #expect(diagnostics[2].labels.map(\.share) == [0.5, 0.5] && diagnostics[2].labels.map(\.poolShare) == [0.5, 0.5])
    // Pairwise: r1–r2 agree everywhere (kappa 1); r1–r3 and r2–r3: p_o 1/2, p_e 1/2 → 0.
    #expect(diagnostics[0].pairwiseKappaMean == 0.5 && diagnostics[0].pairwisePartners == 2)
    #expect(diagnostics[2].pairwiseKappaMean == 0)
    #expect(summary.eligible == 3 && summary.flagged == 0)
  }

  @Test func aRaterFarBelowTheOthersIsFlagged() throws {
    // Eight raters, 60 items with a true class: seven follow it, one answers its own constant pattern.
    let classes = ["ang", "hap", "neu", "sad"]
    var items: [[String]] = []
    for i in 0..<60 {
      let truth = classes[i % 4]
      var row = (0..<7).map { g in (i + g) % 10 == 0 ? classes[(i + 1) % 4] : truth }
      row.append(classes[(i / 4) % 4])
      items.append(row)
    }
    let table = Self.table(items, raters: (1...8).map { "r\($0)" })
    let (diagnostics, summary) = try #require(RaterDiagnostics.run(table, pairs: RaterDiagnostics.pairKappas(table)))
    #expect(summary.eligible == 8)
    #expect(diagnostics.filter(\.flag).map(\.rater) == ["r8"])
    let z = try #require(diagnostics[7].agreementZ)
    #expect(z <= -2 && diagnostics[7].kappaVsMajority! < 0.2)
    #expect(diagnostics[0..<7].allSatisfy { ($0.kappaVsMajority ?? 0) > 0.8 })
    #expect(summary.threshold! > diagnostics[7].kappaVsMajority!)
  }

  @Test func votesHaveNoRaterDiagnostics() {
    let table = RatingTable(categories: ["a", "b"], rows: [[2, 1], [0, 3]])
    #expect(RaterDiagnostics.run(table, pairs: []) == nil)
    #expect(CongerKappa.estimate(table) == nil && ScottPi.estimate(table) == nil)
  }
}
