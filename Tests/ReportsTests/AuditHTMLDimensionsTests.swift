import Agreement
import EmoCorpus
import Foundation
import Testing

@testable import Reports

@Suite struct AuditHTMLDimensionsTests {
  static func dimension() -> DimensionAgreement {
    DimensionAgreement.run(
      DimensionRatingsInput(
        name: "arousal", scale: [1, 5], itemNames: ["a", "b", "c"], itemLocations: ["f:2", "f:5", "f:8"],
        raterNames: ["E1", "E2", "F1"], items: [0, 0, 1, 1, 2, 2], raters: [0, 1, 0, 1, 0, 1],
        values: [1, 2, 3, 3, 5, 4], selfItems: [0], selfRaters: [2], selfValues: [4], consensus: [1.5, 3, 4],
        excluded: ["out_of_scale": 2]))
  }

  @Test func dimensionSectionShowsTheJSONNumbers() throws {
    var report = runAudit(sampleAuditInput())
    let d = Self.dimension()
    report.dimensions = ["arousal": d]
    let html = AuditHTML.render(report, title: "Sample")
    for id in [
      "dimensions", "dimension-table", "dimension-arousal", "histogram-arousal", "dimension-arousal-raters",
      "consensus-arousal",
    ] {
      #expect(html.contains("id=\"\(id)\""), "\(id)")
    }
    // α interval of the hand-worked example is 5/6; the row shows it as the JSON has it.
    #expect(abs((d.alphaInterval.value ?? 0) - 5.0 / 6.0) < 1e-12)
    let row = try #require(html.components(separatedBy: "id=\"dimension-arousal\"").dropFirst().first)
    #expect(row.contains(">\(AuditHTML.number(d.alphaInterval.value))<"))
    #expect(row.contains(">\(AuditHTML.number(d.icc1.value))<"))
    #expect(row.contains(">1 of 3<"))  // c: consensus 4 against the mean 4.5
    #expect(html.contains("values left out: out of scale 2"))
    #expect(html.contains("F1 (self)"))
    let json = String(decoding: try report.jsonData(), as: UTF8.self)
    #expect(json.contains("\"krippendorff_alpha_interval\""))
    #expect(!html.contains("NaN"))
  }

  @Test func aVoteTableOpensWithItsCoefficientsWithoutCohenTables() {
    var report = runAudit(sampleAuditInput())
    report.input.kind = .votes
    let html = AuditHTML.render(report, title: "Votes")
    #expect(!html.contains("id=\"kappa\""))
    #expect(!html.contains("id=\"per-class-kappa\""))
    #expect(!html.contains("id=\"confusion\""))
    #expect(html.contains("id=\"multi-rater\""))
    #expect(!html.contains("id=\"dimensions\""))
  }
}
