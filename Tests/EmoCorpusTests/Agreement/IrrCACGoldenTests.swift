import Foundation
import Testing

@testable import Agreement
@testable import EmoCorpus

/// Every case of Fixtures/golden/irrcac.json (scripts/dev/golden_irrcac.py): the multi-rater
/// coefficients, their standard errors and 95 % intervals against irrCAC (Python port `irrcac`),
/// krippendorff and the independent references the script documents.
@Suite struct IrrCACGoldenTests {
  let golden: GoldenFixture

  init() throws { golden = try GoldenFixture("irrcac") }

  /// The rating table of a raw case (items × raters, null = missing), categories as the script's.
  static func table(_ c: [String: Any]) -> RatingTable {
    let raters = c["raters"] as! [String]
    let rows = c["items_by_raters"] as! [[Any]]
    let ratings = rows.map { row in
      row.enumerated().compactMap { g, v in goldenLabel(v).map { (rater: raters[g], label: $0) } }
    }
    return RatingTable(ratings: ratings, categories: c["categories"] as? [String])
  }

  static func countsTable(_ c: [String: Any]) -> RatingTable {
    let rows = (c["counts"] as! [[NSNumber]]).map { $0.map(\.intValue) }
    return RatingTable(categories: c["categories"] as! [String], rows: rows)
  }

  /// value, se and both interval bounds against the reference, each to `tolerance`.
  static func check(
    _ e: CoefficientEstimate?, _ reference: Any?, _ tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let r = reference as? [String: Any] else {
      Issue.record("\(what): no reference", sourceLocation: sourceLocation)
      return
    }
    #expect(close(e?.value, goldenDouble(r["value"]), tolerance), "\(what) value", sourceLocation: sourceLocation)
    #expect(close(e?.se, goldenDouble(r["se"]), tolerance), "\(what) se", sourceLocation: sourceLocation)
    let ci = (r["ci95"] as! [Any]).map(goldenDouble)
    #expect(close(e?.ci95?[0], ci[0], tolerance), "\(what) ci low", sourceLocation: sourceLocation)
    #expect(close(e?.ci95?[1], ci[1], tolerance), "\(what) ci high", sourceLocation: sourceLocation)
  }

  @Test func rawCasesMatchIrrCAC() throws {
    let cases = golden.cases(kind: "raw")
    #expect(cases.count == 6)
    for c in cases {
      let name = c["name"] as! String
      let expected = c["expected"] as! [String: Any]
      let table = Self.table(c)
      let counts = CountAgreement.estimate(table)
      Self.check(counts.percentAgreement, expected["percent_agreement"], 1e-9, "\(name) percent agreement")
      // Fleiss' SE reference: finite differences of the item-weighted estimator (≈1e-9).
      Self.check(counts.fleiss, expected["fleiss_kappa"], 1e-7, "\(name) fleiss")
      Self.check(counts.fleissIrrCAC, expected["fleiss_kappa_irrcac"], 1e-9, "\(name) fleiss (irrCAC)")
      Self.check(counts.krippendorff, expected["krippendorff_alpha"], 1e-9, "\(name) alpha")
      #expect(close(counts.krippendorff.value, goldenDouble(expected["krippendorff_alpha_package"]), 1e-12))
      Self.check(counts.gwet, expected["gwet_ac1"], 1e-9, "\(name) AC1")
      Self.check(counts.brennanPrediger, expected["brennan_prediger"], 1e-9, "\(name) Brennan-Prediger")
      Self.check(CongerKappa.estimate(table), expected["conger_kappa"], 1e-9, "\(name) Conger")
      if expected["scott_pi"] is NSNull {
        #expect(ScottPi.estimate(table) == nil, "\(name): Scott's pi only for two raters")
      } else {
        Self.check(ScottPi.estimate(table), expected["scott_pi"], 1e-9, "\(name) Scott")
      }
      Self.checkBreakdown(CategoryBreakdown(table), expected, name)
    }
  }

  @Test func publishedExampleOfIrrCAC() throws {
    // irrCAC's documentation: cac.raw4raters gives AC1 0.77544 (se 0.14295), Fleiss 0.76117.
    let c = try #require(golden.named("irrcac_raw_4raters"))
    let counts = CountAgreement.estimate(Self.table(c))
    #expect(close(counts.gwet.value, 0.77544, 5e-6) && close(counts.gwet.se, 0.14295, 5e-6))
    #expect(close(counts.fleissIrrCAC.value, 0.76117, 5e-6) && close(counts.fleissIrrCAC.se, 0.15302, 5e-6))
  }

  @Test func countsCaseMatchesAndEqualsItsLongForm() throws {
    let c = try #require(golden.named("tabulated_votes_fixture"))
    let expected = c["expected"] as! [String: Any]
    let votes = CountAgreement.estimate(Self.countsTable(c))
    Self.check(votes.percentAgreement, expected["percent_agreement"], 1e-9, "votes percent agreement")
    Self.check(votes.fleiss, expected["fleiss_kappa"], 1e-7, "votes fleiss")
    Self.check(votes.krippendorff, expected["krippendorff_alpha"], 1e-9, "votes alpha")
    Self.check(votes.gwet, expected["gwet_ac1"], 1e-9, "votes AC1")
    Self.check(votes.brennanPrediger, expected["brennan_prediger"], 1e-9, "votes BP")
    Self.checkBreakdown(CategoryBreakdown(Self.countsTable(c)), expected, "votes")

    // The same ratings with rater identity give the same count coefficients.
    let long = try #require(golden.named("finished_responses_fixture"))
    let fromLong = CountAgreement.estimate(Self.table(long))
    for (a, b) in [
      (votes.percentAgreement, fromLong.percentAgreement), (votes.fleiss, fromLong.fleiss),
      (votes.krippendorff, fromLong.krippendorff), (votes.gwet, fromLong.gwet),
      (votes.brennanPrediger, fromLong.brennanPrediger),
    ] {
      #expect(close(a.value, b.value, 1e-12) && close(a.se, b.se, 1e-12))
    }
  }

  @Test func oneClassOnlyIsOneWithoutStandardError() throws {
    let c = try #require(golden.named("one_class_only"))
    let table = Self.table(c)
    let counts = CountAgreement.estimate(table)
    for e in [counts.fleiss, counts.krippendorff, counts.brennanPrediger, counts.fleissIrrCAC] {
      #expect(e.value == 1 && e.se == nil && e.degeneracy == .chanceOnePerfect)
    }
    #expect(counts.percentAgreement.value == 1 && counts.percentAgreement.se == nil)
    let conger = try #require(CongerKappa.estimate(table))
    #expect(conger.value == 1 && conger.se == nil)
  }

  @Test func corpusAuditReportsTheGoldenCoefficients() throws {
    // Coders' judgements of segments (as the IEMOCAP and CEMO readers give them) reach the same
    // coefficients in audit.json.
    for name in ["five_raters_missing", "two_raters_missing"] {
      let c = try #require(golden.named(name))
      let raters = c["raters"] as! [String]
      let items = (c["items_by_raters"] as! [[Any]]).enumerated().map { i, row in
        AuditItem(
          segmentID: "s\(i)", dialog: "d\(i / 4)", speaker: "spk\(i % 3)", role: .caller, gender: .unknown,
          duration: 1,
          judgements: row.enumerated().compactMap { g, v in
            goldenLabel(v).map { AuditJudgement(coder: raters[g], major: $0) }
          }, finalLabel: nil)
      }
      let report = runAudit(AuditInput(items: items, classes: [], bootstrapReplicates: 0))
      let expected = c["expected"] as! [String: Any]
      for (entry, key) in [
        (report.percentAgreement, "percent_agreement"), (report.krippendorffAlpha, "krippendorff_alpha"),
        (report.congerKappa, "conger_kappa"), (report.gwetAC1, "gwet_ac1"),
        (report.brennanPrediger, "brennan_prediger"),
      ] {
        let r = expected[key] as! [String: Any]
        #expect(close(entry.value, goldenDouble(r["value"]), 1e-9) && close(entry.se, goldenDouble(r["se"]), 1e-9))
        #expect(entry.ci95?.count == 2, "\(name) \(key)")
      }
      let fleiss = expected["fleiss_kappa"] as! [String: Any]
      #expect(close(report.fleissKappa.value, goldenDouble(fleiss["value"]), 1e-12))
      let irr = expected["fleiss_kappa_irrcac"] as! [String: Any]
      #expect(close(report.fleissKappa.irrcac?.value, goldenDouble(irr["value"]), 1e-9))
      if let scott = expected["scott_pi"] as? [String: Any] {
        #expect(close(report.scottPi.value, goldenDouble(scott["value"]), 1e-9))
      } else {
        #expect(report.scottPi.value == nil && report.notes.contains { $0.hasPrefix("scott_pi: null") })
      }
      #expect(report.raters.map(\.rater) == raters.sorted())
    }
  }

  static func checkBreakdown(_ b: CategoryBreakdown, _ expected: [String: Any], _ name: String) {
    let majority = expected["majority"] as! [String: Any]
    #expect(b.majority.ties == (majority["ties"] as! NSNumber).intValue, "\(name) ties")
    let labels = majority["labels"] as! [String: NSNumber]
    for c in b.categories {
      #expect(c.majorityItems == labels[c.label]?.intValue, "\(name) majority \(c.label)")
    }
    let categories = expected["categories"] as! [String: [String: NSNumber]]
    for c in b.categories {
      #expect(Double(c.agreeingPairs) == categories[c.label]?["agreeing_pairs"]?.doubleValue, "\(name) \(c.label)")
      #expect(close(c.agreeingPairShare, categories[c.label]?["share"]?.doubleValue), "\(name) \(c.label) share")
    }
  }
}
