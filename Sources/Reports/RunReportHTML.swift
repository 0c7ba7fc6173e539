import EmoCorpus
import Foundation
import Trainer

/// `RUN/report.html`: a self-contained page (inline SVG) with the run's headline numbers, a table
/// laid out like the paper's Tables III/IV, per-fold results, training curves and confusion heatmaps.
public enum RunReportHTML {
  /// Cross-corpus numbers to show, when the run had `--test-prep`.
  public struct CrossCorpus: Sendable {
    public var name: String
    public var ua: Double
    public var wa: Double
    public var segments: Int
    public var confusion: [[Int]]

    public init(name: String, ua: Double, wa: Double, segments: Int, confusion: [[Int]]) {
      self.name = name
      self.ua = ua
      self.wa = wa
      self.segments = segments
      self.confusion = confusion
    }
  }

  /// `reference`: the published result the task file names (`reference:` in the task YAML), shown
  /// as a row of the results table.
  public static func render(
    _ run: RunResult, title: String, task: String, reference: TaskDefinition.Reference? = nil,
    crossCorpus: CrossCorpus? = nil
  ) -> String {
    let e = AuditHTML.escape
    var body = "<h1>\(e(title))</h1>\n"
    let chance = run.chanceUA ?? 0
    // A run of rated dimensions only has no classification score: only its dimension tables.
    let classified = run.ua != nil
    body += "<section id=\"summary\"><h2>Summary</h2><p>"
    if classified {
      body +=
        "UA <strong>\(pct(run.ua)) ± \(pct(run.uaStd))</strong>, WA <strong>\(pct(run.wa)) ± \(pct(run.waStd))</strong>"
      body +=
        " over \(run.folds.count) fold(s); chance UA \(pct(chance)). Classes: \(e(run.classes.joined(separator: ", "))). "
      body += "Model \(e(run.model)), \(run.parameterCount) trainable parameters; headline strategy "
      body += "<code>\(run.strategy.rawValue)</code> (chosen on validation).</p></section>\n"
    } else {
      let names = (run.dimensions ?? [:]).keys.sorted().joined(separator: ", ")
      body += "Rated dimensions only (\(e(names))), no emotion target: CCC, r and RMSE below, over "
      body += "\(run.folds.count) fold(s). Model \(e(run.model)), \(run.parameterCount) trainable parameters.</p>"
      body += "</section>\n"
      body += dimensionsSection(run)
      body +=
        "<section id=\"folds\"><h2>Folds</h2><table><tr><th>Fold</th><th>Test segments</th><th>Best epoch</th></tr>"
      for f in run.folds { body += "<tr><td>\(f.fold)</td><td>\(f.testSegments)</td><td>\(f.bestEpoch)</td></tr>" }
      body += "</table></section>\n"
      body += "<section id=\"curves\"><h2>Training curves</h2>"
      for f in run.folds { body += curves(f) }
      body += "</section>\n"
      return page(title: title, body: body)
    }

    // Paper-style table: rows = aggregation strategies (+ the paper's figure), columns UA / WA.
    body += "<section id=\"table\"><h2>Results (layout of the paper's Tables III/IV)</h2><table>"
    body += "<tr><th>System</th><th>UA %</th><th>WA %</th></tr>"
    for strategy in AggregationStrategy.allCases {
      let s = run.strategies[strategy.rawValue] ?? [:]
      body += "<tr><td>CNN-BiLSTM, \(strategy.rawValue) of windows\(strategy == run.strategy ? " (headline)" : "")</td>"
      body += "<td>\(pct(s["ua"]))</td><td>\(pct(s["wa"]))</td></tr>"
    }
    if let paper = reference {
      body += "<tr class=\"ref\"><td>\(e(paper.source)), \(e(task))</td><td>\(String(format: "%.1f", paper.ua))</td>"
      body += "<td>\(paper.wa.map { String(format: "%.1f", $0) } ?? "\u{2014}")</td></tr>"
    }
    if let baseline = run.baseline {
      body += "<tr class=\"ref\"><td>Baseline: \(e(baseline.method))</td><td>\(pct(baseline.ua))</td>"
      body += "<td>\(pct(baseline.wa))</td></tr>"
    }
    if let cross = crossCorpus {
      body += "<tr><td>Cross-corpus test on \(e(cross.name)) (\(cross.segments) segments)</td>"
      body += "<td>\(pct(cross.ua))</td><td>\(pct(cross.wa))</td></tr>"
    }
    body += "</table></section>\n"
    body += dimensionsSection(run)

    body += "<section id=\"folds\"><h2>Folds</h2><table><tr><th>Fold</th><th>Test segments</th><th>Best epoch</th>"
    body += "<th>Validation UA %</th><th>Strategy</th><th>Test UA %</th><th>Test WA %</th><th>Gender UA %</th>"
    body += "<th>Gender WA %</th></tr>"
    for f in run.folds {
      body += "<tr><td>\(f.fold)</td><td>\(f.testSegments)</td><td>\(f.bestEpoch)</td><td>\(pct(f.validationUA))</td>"
      body += "<td>\(f.strategy.rawValue)</td><td>\(pct(f.ua))</td><td>\(pct(f.wa))</td>"
      body += "<td>\(pct(f.genderUA))</td><td>\(pct(f.genderWA))</td></tr>"
    }
    body += "</table></section>\n"

    body += "<section id=\"curves\"><h2>Training curves</h2>"
    for f in run.folds { body += curves(f) }
    body += "</section>\n"

    body += "<section id=\"confusion\"><h2>Confusion matrices (rows: truth, columns: prediction)</h2>"
    body += "<figure><figcaption>All folds, headline strategy</figcaption>"
    body += AuditHTML.heatmap(run.classes, run.confusion, id: "confusion-all") + "</figure>"
    for f in run.folds {
      body += "<figure><figcaption>Fold \(f.fold)</figcaption>"
      body += AuditHTML.heatmap(run.classes, f.confusion, id: "confusion-fold-\(f.fold)") + "</figure>"
    }
    if let cross = crossCorpus {
      body += "<figure><figcaption>Cross-corpus, \(e(cross.name))</figcaption>"
      body += AuditHTML.heatmap(run.classes, cross.confusion, id: "confusion-cross") + "</figure>"
    }
    body += "</section>\n"
    return page(title: title, body: body)
  }

  /// The self-contained page around a report body.
  static func page(title: String, body: String) -> String {
    let e = AuditHTML.escape
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(e(title))</title>
      <style>\(AuditHTML.css)
      figure{display:inline-block;margin:8px 16px 8px 0;vertical-align:top}tr.ref td{font-style:italic}</style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// A percentage with one decimal; an em dash for nil.
  static func pct(_ x: Double?) -> String { x.map { String(format: "%.1f", 100 * $0) } ?? "\u{2014}" }

  /// Loss (left axis) and validation UA (right axis, 0–100 %) per epoch of one fold.
  static func curves(_ fold: FoldResult) -> String {
    let width = 420.0
    let height = 200.0
    let left = 40.0
    let right = 40.0
    let top = 10.0
    let bottom = 30.0
    let records = fold.curves
    let plotW = width - left - right
    let plotH = height - top - bottom
    let maxLoss = max(records.map(\.loss).filter(\.isFinite).max() ?? 1, 1e-9)
    let n = max(records.count - 1, 1)
    func x(_ i: Int) -> Double { left + Double(i) / Double(n) * plotW }
    func yLoss(_ v: Double) -> Double { top + plotH * (1 - min(max(v / maxLoss, 0), 1)) }
    func yUA(_ v: Double) -> Double { top + plotH * (1 - min(max(v, 0), 1)) }
    let loss = records.enumerated().map { "\(AuditHTML.fmt(x($0)))," + AuditHTML.fmt(yLoss($1.loss)) }
    // The orange line: validation UA, or without an emotion target the mean validation CCC (below 0: at 0).
    let classified = records.contains { $0.validationUA != nil }
    let ua = records.enumerated().compactMap { i, record in
      (classified ? record.validationUA : record.validationCCC).map {
        "\(AuditHTML.fmt(x(i)))," + AuditHTML.fmt(yUA($0))
      }
    }
    var svg = "<figure id=\"curves-fold-\(fold.fold)\"><figcaption>Fold \(fold.fold): training loss (blue) and "
    svg += "validation \(classified ? "UA" : "mean CCC") (orange) per epoch; best epoch \(fold.bestEpoch)</figcaption>"
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
    svg += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"training curves\">"
    svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotW)\" height=\"\(plotH)\" fill=\"none\" stroke=\"#999\"/>"
    if records.isEmpty {
      svg += "<text x=\"\(left + 10)\" y=\"\(top + 20)\">no epochs recorded</text>"
    } else {
      svg += "<polyline fill=\"none\" stroke=\"#4a78c2\" stroke-width=\"2\" points=\"\(loss.joined(separator: " "))\"/>"
      svg += "<polyline fill=\"none\" stroke=\"#e08a2c\" stroke-width=\"2\" points=\"\(ua.joined(separator: " "))\"/>"
      if fold.bestEpoch >= 1, fold.bestEpoch <= records.count {
        let bx = AuditHTML.fmt(x(fold.bestEpoch - 1))
        svg +=
          "<line x1=\"\(bx)\" y1=\"\(top)\" x2=\"\(bx)\" y2=\"\(top + plotH)\" stroke=\"#888\" stroke-dasharray=\"3,3\"/>"
      }
    }
    svg += "<text x=\"4\" y=\"\(top + 10)\">\(String(format: "%.2f", maxLoss))</text>"
    svg += "<text x=\"\(width - right + 4)\" y=\"\(top + 10)\">\(classified ? "100%" : "1")</text>"
    svg += "<text x=\"\(width - right + 4)\" y=\"\(top + plotH)\">\(classified ? "0%" : "0")</text>"
    svg += "<text x=\"\(left)\" y=\"\(height - 8)\">epoch 1</text>"
    svg += "<text x=\"\(width - right)\" y=\"\(height - 8)\" text-anchor=\"end\">epoch \(records.count)</text>"
    return svg + "</svg></figure>"
  }
}
