import Foundation
import Testing

@testable import Reports
@testable import Trainer

/// report.html of a run of rated dimensions only: its dimension tables, no UA anywhere.
@Suite struct RunReportDimensionsTests {
  static func fold(_ k: Int, ua: Double?) -> FoldResult {
    var fold = FoldResult(
      fold: k, ua: ua, wa: ua, strategy: .mean, confusion: ua == nil ? [] : [[1, 0], [0, 1]], strategies: [:],
      genderUA: nil, genderWA: nil, bestEpoch: 2, validationUA: ua, curves: [], testSegments: 10 + k)
    fold.dimensions = ["arousal": RegressionMetrics(ccc: 0.5 + 0.1 * Double(k), pearson: 0.7, rmse: 0.8, segments: 10)]
    return fold
  }

  @Test func aDimensionsOnlyRunShowsOnlyItsDimensionTables() {
    let run = RunResult(
      folds: [Self.fold(1, ua: nil), Self.fold(2, ua: nil)], classes: ["low", "high"], model: "m", parameterCount: 5,
      options: TrainingOptions())
    #expect(run.ua == nil)
    let html = RunReportHTML.render(run, title: "t", task: "iemocap-4")
    #expect(html.contains("<section id=\"dimensions\">"))
    #expect(html.contains("Rated dimensions only (arousal)"))
    for absent in ["UA %", "Validation UA", "id=\"confusion\"", "id=\"table\"", "chance UA", "Paper (ACII 2021)"] {
      #expect(!html.contains(absent), "\(absent) shown")
    }
    // The same run with an emotion target keeps its UA tables.
    let classified = RunResult(
      folds: [Self.fold(1, ua: 0.6)], classes: ["low", "high"], model: "m", parameterCount: 5,
      options: TrainingOptions())
    let full = RunReportHTML.render(classified, title: "t", task: "iemocap-4")
    #expect(full.contains("UA %") && full.contains("id=\"confusion\"") && full.contains("<section id=\"dimensions\">"))
  }
}
