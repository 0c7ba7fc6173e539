import EmoCorpus

extension AuditHTML {
  /// Horizontal bar chart of labeled values (nil drawn as an empty bar with an em dash).
  ///
  /// `percent`: values are shares in [0, 1], labeled as percentages; `signed`: values in [-1, 1]
  /// around a zero line (kappa); otherwise scaled to the largest value.
  static func barChart(
    _ bars: [(String, Double?)], id: String, caption: String, percent asPercent: Bool = false, signed: Bool = false
  ) -> String {
    let labelWidth = 150.0
    let plotWidth = 260.0
    let valueWidth = 70.0
    let rowHeight = 22.0
    let height = Double(max(bars.count, 1)) * rowHeight + 10
    let width = labelWidth + plotWidth + valueWidth
    let largest = max(bars.compactMap { $0.1 }.map(abs).max() ?? 0, 1e-12)
    let zeroX = signed ? labelWidth + plotWidth / 2 : labelWidth
    var svg = """
      <figure id="\(id)"><figcaption>\(escape(caption))</figcaption>\
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(escape(caption))">

      """
    for (i, bar) in bars.enumerated() {
      let y = 5 + Double(i) * rowHeight
      let text = bar.1.map { asPercent ? percent($0) : number($0) } ?? "\u{2014}"
      svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 15))\" text-anchor=\"end\">\(escape(clip(bar.0)))</text>"
      if let v = bar.1 {
        let scale = signed ? plotWidth / 2 : plotWidth / (asPercent ? max(largest, 1e-12) : largest)
        let w = abs(v) * scale
        let x = v < 0 ? zeroX - w : zeroX
        let colour = v < 0 ? "#d0685f" : "#4a78c2"
        svg +=
          "<rect x=\"\(fmt(x))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(w, 0.5)))\" height=\"16\" fill=\"\(colour)\"/>"
      }
      svg += "<text x=\"\(Int(labelWidth + plotWidth + 6))\" y=\"\(fmt(y + 15))\">\(text)</text>\n"
    }
    if signed {
      svg += "<line x1=\"\(fmt(zeroX))\" y1=\"2\" x2=\"\(fmt(zeroX))\" y2=\"\(fmt(height - 2))\" stroke=\"#555\"/>\n"
    }
    return svg + "</svg></figure>"
  }

  /// Kappa with its analytic (thick) and bootstrap (thin) intervals on a [-1, 1] axis.
  static func forestPlot(_ rows: [(String, KappaEntry)]) -> String {
    let labelWidth = 130.0
    let plotWidth = 420.0
    let rowHeight = 24.0
    let height = Double(rows.count) * rowHeight + 34
    let width = labelWidth + plotWidth + 80
    func x(_ v: Double) -> Double { labelWidth + (v + 1) / 2 * plotWidth }
    var svg = """
      <figure id="chart-kappa"><figcaption>Kappa with CI95 (thick: analytic, thin: bootstrap)</figcaption>\
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="kappa with confidence intervals">

      """
    for tick in stride(from: -1.0, through: 1.0, by: 0.5) {
      svg += "<line x1=\"\(fmt(x(tick)))\" y1=\"4\" x2=\"\(fmt(x(tick)))\" y2=\"\(fmt(height - 22))\" "
      svg += "stroke=\"\(tick == 0 ? "#777" : "#ddd")\"/>"
      svg += "<text x=\"\(fmt(x(tick)))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\">\(number(tick))</text>\n"
    }
    for (i, row) in rows.enumerated() {
      let y = 14 + Double(i) * rowHeight
      svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(escape(row.0))</text>"
      if let b = row.1.ci95Bootstrap, b.count == 2 {
        svg += "<line x1=\"\(fmt(x(b[0])))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(b[1])))\" y2=\"\(fmt(y))\" "
        svg += "stroke=\"#89a6d8\" stroke-width=\"1.5\"/>"
      }
      if let c = row.1.ci95, c.count == 2 {
        svg += "<line x1=\"\(fmt(x(c[0])))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(c[1])))\" y2=\"\(fmt(y))\" "
        svg += "stroke=\"#2f5597\" stroke-width=\"5\" stroke-opacity=\"0.55\"/>"
      }
      if let v = row.1.value {
        svg += "<circle cx=\"\(fmt(x(v)))\" cy=\"\(fmt(y))\" r=\"4.5\" fill=\"#1d2330\"/>"
      }
      svg += "<text x=\"\(Int(labelWidth + plotWidth + 8))\" y=\"\(fmt(y + 4))\">\(number(row.1.value))</text>\n"
    }
    return svg + "</svg></figure>"
  }

  /// Confusion heatmap: counts in cells, colour by share of the row.
  static func heatmap(_ classes: [String], _ counts: [[Int]], id: String) -> String {
    let cell = 40.0
    // Room for the longest (clipped) class name at about 7 px per character.
    let longest = Double(classes.map { clip($0).count }.max() ?? 1) * 7
    let labelWidth = max(60, longest + 14)
    let headerHeight = max(40, longest * 0.82 + 24)
    let k = Double(classes.count)
    let width = labelWidth + max(k, 1) * cell + longest * 0.6 + 10
    let height = headerHeight + max(k, 1) * cell + 10
    var svg = """
      <svg id="\(id)" xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="confusion matrix">

      """
    if classes.isEmpty {
      svg += "<text x=\"10\" y=\"\(Int(headerHeight))\">no pairs</text>"
    }
    for (j, name) in classes.enumerated() {
      let cx = labelWidth + (Double(j) + 0.5) * cell
      svg +=
        "<text transform=\"translate(\(fmt(cx + 4)),\(fmt(headerHeight - 6))) rotate(-55)\">\(escape(clip(name)))</text>\n"
    }
    for (i, row) in counts.enumerated() {
      let y = headerHeight + Double(i) * cell
      let rowTotal = max(row.reduce(0, +), 1)
      svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + cell / 2 + 4))\" text-anchor=\"end\">"
      svg += "\(escape(clip(i < classes.count ? classes[i] : "?")))</text>"
      for (j, count) in row.enumerated() {
        let share = Double(count) / Double(rowTotal)
        let x = labelWidth + Double(j) * cell
        let shade = Int((255 - share * 200).rounded())
        let fill = "rgb(\(shade),\(min(255, shade + 25)),255)"
        svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cell - 1))\" height=\"\(fmt(cell - 1))\" "
        svg += "fill=\"\(fill)\"\(i == j ? " stroke=\"#1d2330\"" : "")/>"
        svg += "<text x=\"\(fmt(x + cell / 2))\" y=\"\(fmt(y + cell / 2 + 4))\" text-anchor=\"middle\" "
        svg += "style=\"fill:\(share > 0.6 ? "#fff" : "#1d2330")\">\(count)</text>"
      }
      svg += "\n"
    }
    return svg + "</svg>"
  }

  /// Long names shortened for chart axes (tables keep them whole).
  static func clip(_ s: String) -> String { s.count > 22 ? String(s.prefix(21)) + "\u{2026}" : s }

  /// Coordinates with one decimal.
  static func fmt(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    return tenths % 10 == 0
      ? "\(tenths / 10)" : "\(tenths < 0 && tenths > -10 ? "-" : "")\(tenths / 10).\(abs(tenths % 10))"
  }
}
