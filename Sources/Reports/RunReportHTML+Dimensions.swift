import Foundation
import Trainer

extension RunReportHTML {
  /// The rated dimensions' section: per dimension the model's test CCC (mean ± std over folds),
  /// Pearson r and RMSE next to the ridge baseline's, then the per-fold values. Empty without
  /// dimensions.
  static func dimensionsSection(_ run: RunResult) -> String {
    guard let dimensions = run.dimensions, !dimensions.isEmpty else { return "" }
    let e = AuditHTML.escape
    let names = orderedDimensions(dimensions.keys)
    func f3(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "\u{2014}" }
    var body = "<section id=\"dimensions\"><h2>Rated dimensions</h2>"
    body += "<p>Segment values are the mean of the windows' outputs. CCC: Lin's concordance correlation "
    body += "(the headline); r: Pearson correlation; RMSE in the scale's units. Means over folds.</p><table>"
    body += "<tr><th>Dimension</th><th>CCC</th><th>r</th><th>RMSE</th><th>Baseline CCC</th><th>Baseline r</th>"
    body += "<th>Baseline RMSE</th></tr>"
    for name in names {
      let d = dimensions[name]!
      let b = run.baseline?.dimensions?[name]
      body += "<tr><td>\(e(name))</td><td>\(f3(d.ccc)) ± \(f3(d.cccStd))</td><td>\(f3(d.pearson))</td>"
      body += "<td>\(f3(d.rmse))</td><td>\(b.map { "\(f3($0.ccc)) ± \(f3($0.cccStd))" } ?? "\u{2014}")</td>"
      body += "<td>\(f3(b?.pearson))</td><td>\(f3(b?.rmse))</td></tr>"
    }
    body += "</table>"
    if let method = run.baseline?.dimensionsMethod { body += "<p>Baseline: \(e(method)).</p>" }
    body += "<table><tr><th>Fold</th>"
    for name in names { body += "<th>\(e(name)) CCC</th><th>\(e(name)) r</th><th>\(e(name)) RMSE</th>" }
    body += "</tr>"
    for fold in run.folds {
      body += "<tr><td>\(fold.fold)</td>"
      for name in names {
        let m = fold.dimensions?[name]
        body += "<td>\(f3(m?.ccc))</td><td>\(f3(m?.pearson))</td><td>\(f3(m?.rmse))</td>"
      }
      body += "</tr>"
    }
    body += "</table></section>\n"
    return body
  }

  /// arousal, valence, dominance first, then the others by name.
  static func orderedDimensions<S: Sequence<String>>(_ names: S) -> [String] {
    let all = Set(names)
    let preferred = ["arousal", "valence", "dominance"].filter { all.contains($0) }
    return preferred + all.subtracting(preferred).sorted()
  }
}
