import Foundation
import Testing

@testable import Agreement
@testable import EmoCorpus

/// Every case of Fixtures/golden/agreement.json (shared) and agreement_extra.json (ours), checked
/// against the references' values to 1e-12 (double rounding; the references compute in doubles).
@Suite struct GoldenAgreementTests {
  let shared: GoldenFixture
  let extra: GoldenFixture

  init() throws {
    shared = try GoldenFixture("agreement")
    extra = try GoldenFixture("agreement_extra")
  }

  /// sklearn orders labels by sort; numeric labels sort as numbers.
  private func sortedClasses(_ labels: [String]) -> [String] {
    let unique = Array(Set(labels))
    if unique.allSatisfy({ Int($0) != nil }) { return unique.sorted { Int($0)! < Int($1)! } }
    return unique.sorted()
  }

  @Test func cohenCasesMatchScikitLearn() throws {
    let cases = shared.cases(kind: "cohen")
    #expect(cases.count == 5)
    for c in cases {
      let a = (c["rater1"] as! [Any]).compactMap(goldenLabel)
      let b = (c["rater2"] as! [Any]).compactMap(goldenLabel)
      let expected = c["expected"] as! [String: Any]
      var book = LabelCodebook(sortedClasses(a + b))
      let m = ConfusionMatrix(codesA: book.encode(a), codesB: book.encode(b), classCount: book.count)
      let v = CohenKappa.estimate(m)
      if let reference = goldenDouble(expected["kappa_unweighted"]) {
        #expect(close(v.value, reference), "\(c["name"]!)")
        #expect(v.degeneracy == nil)
      } else {
        // The reference's NaN: both coders used one class; documented value 1, se null.
        #expect(v.value == 1 && v.degeneracy == .chanceOnePerfect && v.se == nil, "\(c["name"]!)")
      }
      if let linear = goldenDouble(expected["kappa_linear"]) {
        #expect(close(CohenKappa.weighted(m, weights: .linear), linear))
      }
      if let quadratic = goldenDouble(expected["kappa_quadratic"]) {
        #expect(close(CohenKappa.weighted(m, weights: .quadratic), quadratic))
      }
    }
  }

  @Test func cohenStandardErrorsMatchStatsmodels() throws {
    let cases = extra.cases(kind: "cohen_se")
    #expect(cases.count == 4)
    for c in cases {
      let a = (c["rater1"] as! [Any]).compactMap(goldenLabel)
      let b = (c["rater2"] as! [Any]).compactMap(goldenLabel)
      let expected = c["expected"] as! [String: Any]
      let v = CohenKappa.estimate(a, b)
      #expect(close(v.value, goldenDouble(expected["kappa"])), "\(c["name"]!)")
      #expect(close(v.se, goldenDouble(expected["se"])), "\(c["name"]!)")
      let ci = (expected["ci95"] as! [Any]).compactMap(goldenDouble)
      #expect(close(v.ci95?[0], ci[0]) && close(v.ci95?[1], ci[1]), "\(c["name"]!)")
    }
  }

  @Test func fleissMatchesStatsmodels() throws {
    let wiki = try #require(shared.named("wikipedia_fleiss_example"))
    let table = (wiki["table"] as! [[NSNumber]]).map { $0.map(\.intValue) }
    let expected = wiki["expected"] as! [String: Any]
    #expect(close(FleissKappa.estimate(table: table).value, goldenDouble(expected["fleiss"])))
    #expect(close(FleissKappa.estimate(table: table, method: .randolph).value, goldenDouble(expected["randolph"])))
    #expect(close(FleissKappa.estimate(table: table).value, 0.20993, 5e-6))

    let four = try #require(extra.named("four_raters_3cls_30items"))
    let labels = (four["items_by_raters"] as! [[String]]).map { $0.map(Optional.some) }
    let reference = goldenDouble((four["expected"] as! [String: Any])["fleiss"])
    #expect(close(FleissKappa.estimate(labels: labels).value, reference))
  }

  @Test func labelMatrixCaseMatchesAllThreeReferences() throws {
    let c = try #require(shared.named("three_raters_4cls_12items"))
    let items = c["items_by_raters"] as! [[String]]
    let expected = c["expected"] as! [String: Any]
    #expect(
      close(FleissKappa.estimate(labels: items.map { $0.map(Optional.some) }).value, goldenDouble(expected["fleiss"])))
    let ratersByUnits = (0..<3).map { r in items.map { Optional($0[r]) } }
    #expect(
      close(
        KrippendorffAlpha.nominal(ratersByUnits: ratersByUnits).value,
        goldenDouble(expected["krippendorff_alpha_nominal"])))
    let pairwise = expected["cohen_pairwise"] as! [String: Any]
    for (key, value) in pairwise {
      let parts = key.split(separator: "_").map { Int($0.dropFirst())! - 1 }
      let v = CohenKappa.estimate(items.map { $0[parts[0]] }, items.map { $0[parts[1]] })
      #expect(close(v.value, goldenDouble(value)), "\(key)")
    }
    // The audit's multi-rater section on the same data, coders r1..r3.
    let auditItems = items.enumerated().map { i, labels in
      AuditItem(
        segmentID: "u\(i)", dialog: "d\(i)", speaker: "s", role: .speaker, gender: .unknown, duration: nil,
        judgements: labels.enumerated().map { AuditJudgement(coder: "r\($0 + 1)", major: $1) }, finalLabel: nil)
    }
    let report = runAudit(AuditInput(items: auditItems, classes: [], bootstrapReplicates: 0))
    #expect(close(report.fleissKappa.value, goldenDouble(expected["fleiss"])))
    #expect(close(report.krippendorffAlpha.value, goldenDouble(expected["krippendorff_alpha_nominal"])))
    #expect(report.pairwise.map(\.n) == [12, 12, 12])
    #expect(close(report.pairwiseMeanKappa, goldenDouble(expected["cohen_pairwise_mean"])))
    #expect(report.fleissKappa.raters == 3 && report.fleissKappa.items == 12 && report.fleissKappa.ratings == 36)
  }

  @Test func krippendorffPublishedExampleAtEveryLevel() throws {
    let c = try #require(shared.named("krippendorff_4coders_12units_missing"))
    let data = (c["raters_by_units"] as! [[Any]]).map { $0.map { goldenDouble($0) } }
    let expected = c["expected"] as! [String: Any]
    let levels: [(KrippendorffAlpha.Level, String, Double)] = [
      (.nominal, "alpha_nominal", 0.743), (.ordinal, "alpha_ordinal", 0.815), (.interval, "alpha_interval", 0.849),
    ]
    for (level, key, published) in levels {
      let v = KrippendorffAlpha.estimate(ratersByUnits: data, level: level)
      #expect(close(v.value, goldenDouble(expected[key])), "\(key)")
      #expect(close(v.value, published, 5e-4), "\(key) published")
    }
  }

  @Test func krippendorffUnequalRatersPerUnit() throws {
    let c = try #require(extra.named("unequal_raters_6x40"))
    let data = (c["raters_by_units"] as! [[Any]]).map { $0.map { goldenLabel($0) } }
    let v = KrippendorffAlpha.nominal(ratersByUnits: data)
    #expect(close(v.value, goldenDouble((c["expected"] as! [String: Any])["alpha_nominal"])))
  }

  @Test func cramersVMatchesScipyAndBergsma() throws {
    let c = try #require(extra.named("speakers_6x3"))
    let table = (c["table"] as! [[NSNumber]]).map { $0.map(\.intValue) }
    let expected = c["expected"] as! [String: Any]
    let v = try #require(CramersV.compute(table))
    #expect(close(v.plain, goldenDouble(expected["plain"])))
    #expect(close(v.corrected, goldenDouble(expected["corrected"])))
  }

  @Test func auditTwoCoderCasesMatchIndependentRelaxedRule() throws {
    let cases = extra.cases(kind: "audit_two_coders")
    #expect(cases.count == 2)
    for c in cases {
      let items = (c["items"] as! [[String: Any]]).map { raw in
        AuditItem(
          segmentID: raw["id"] as! String, dialog: raw["dialog"] as! String, speaker: raw["speaker"] as! String,
          role: Role(rawValue: raw["role"] as! String)!, gender: .unknown, duration: nil,
          judgements: (raw["judgements"] as! [[String: Any]]).map {
            AuditJudgement(
              coder: $0["coder"] as! String, major: goldenLabel($0["major"]!), minor: $0["minor"].flatMap(goldenLabel))
          }, finalLabel: nil)
      }
      let report = runAudit(AuditInput(items: items, classes: [], seed: 7, bootstrapReplicates: 50))
      #expect(report.kappa.coderA == "c1" && report.kappa.coderB == "c2")
      let expected = c["expected"] as! [String: [String: Any]]
      for (key, values) in expected {
        let parts = key.split(separator: ".")
        let byRole = parts[0] == "strict" ? report.kappa.strict : report.kappa.relaxed
        let entry = parts[1] == "all" ? byRole.all : parts[1] == "caller" ? byRole.caller : byRole.agent
        let name = "\(c["name"]!) \(key)"
        #expect(entry.n == (values["n"] as! Int), "\(name)")
        #expect(entry.excludedMissingCoder == (values["excluded_missing_coder"] as! Int), "\(name)")
        if let kappa = goldenDouble(values["kappa"]) {
          #expect(close(entry.value, kappa), "\(name)")
          #expect(close(entry.se, goldenDouble(values["se"])), "\(name)")
        } else {
          // One class on both sides after the rule: the reference is undefined, ours is 1.
          #expect(entry.value == 1 && entry.se == nil, "\(name)")
        }
      }
    }
  }
}
