import Agreement
import EmoCorpus

extension AuditHTML {
  /// Agreement on numeric rating dimensions: headline coefficients, a histogram, the rater table
  /// and the consensus-vs-rating panel per dimension (nothing when the input has none).
  static func dimensionsSection(_ r: AuditReport) -> String {
    guard let dimensions = r.dimensions, !dimensions.isEmpty else { return "" }
    var out = "<section id=\"dimensions\"><h2>Rating dimensions</h2>\n"
    var rows = ""
    for name in dimensions.keys.sorted() {
      let d = dimensions[name]!
      rows += """
        <tr id="dimension-\(escape(name))"><td>\(escape(name))</td><td class="num">\(d.items)</td>\
        <td class="num">\(d.ratings)</td><td class="num">\(d.ratersN)</td>\
        <td class="num">\(number(d.alphaInterval.value))</td><td class="num">\(number(d.alphaOrdinal.value))</td>\
        <td class="num">\(number(d.icc1.value))</td><td class="num">\(number(d.icc1k.value))</td>\
        <td class="num">\(number(d.icc2.value))</td><td class="num">\(number(d.icc3.value))</td>\
        <td class="num">\(d.summaryMismatches.map { "\($0.count) of \($0.checked)" } ?? "\u{2014}")</td>\
        <td class="num">\(number(d.selfVsObservers?.value))</td></tr>

        """
    }
    out += """
      <table id="dimension-table"><thead><tr><th>dimension</th><th>items</th><th>ratings</th><th>raters</th>\
      <th>\u{3b1} interval</th><th>\u{3b1} ordinal</th><th>ICC(1,1)</th><th>ICC(1,k)</th><th>ICC(2,1)</th>\
      <th>ICC(3,1)</th><th>consensus \u{2260} mean</th><th>self vs observers r</th></tr></thead><tbody>
      \(rows)</tbody></table>

      """
    for name in dimensions.keys.sorted() {
      out += dimensionDetail(name, dimensions[name]!)
    }
    return out + "</section>\n"
  }

  static func dimensionDetail(_ name: String, _ d: DimensionAgreement) -> String {
    let id = escape(name)
    var out =
      "<h3 id=\"dimension-\(id)-detail\">\(id) (scale \(number(d.scale.first)) to \(number(d.scale.last)))</h3>\n"
    var notes: [String] = []
    for (key, e) in [("ICC(1,1)", d.icc1), ("ICC(2,1)", d.icc2), ("ICC(3,1)", d.icc3)] {
      if let note = e.note { notes.append("\(key): \(note)") }
    }
    if let note = d.alphaInterval.note { notes.append("\u{3b1}: \(note)") }
    let excluded = d.excluded.keys.sorted().map { "\($0.replacingOccurrences(of: "_", with: " ")) \(d.excluded[$0]!)" }
    if !excluded.isEmpty { notes.append("values left out: " + excluded.joined(separator: ", ")) }
    if !notes.isEmpty { out += "<p>\(notes.map(escape).joined(separator: "; ")).</p>\n" }
    // Histogram of observer ratings.
    let bins = d.histogram.counts.indices.map { b -> (String, Double?) in
      (number(d.histogram.start + (Double(b) + 0.5) * d.histogram.width), Double(d.histogram.counts[b]))
    }
    out += barChart(bins, id: "histogram-\(id)", caption: "Observer ratings of \(name)") + "\n"
    // Raters.
    var rows = ""
    for (i, rater) in d.raters.enumerated() {
      rows += """
        <tr id="dimension-\(id)-rater-\(i)"\(rater.flag ? " class=\"flagged\"" : "")><td>\(escape(rater.rater))\
        \(rater.selfRater ? " (self)" : "")</td><td class="num">\(rater.items)</td><td class="num">\(number(rater.mean))</td>\
        <td class="num">\(number(rater.bias))</td><td class="num">\(rater.sharedItems)</td>\
        <td class="num">\(number(rater.r))</td><td class="num">\(number(rater.z))</td>\
        <td>\(rater.flag ? "<strong class=\"bad\">flag</strong>" : "")</td></tr>

        """
    }
    let rule = d.raterSummary
    out += """
      <p>Flag: leave-one-out r with the other raters' mean at least 2 standard deviations below the raters' mean \
      (mean \(number(rule.mean)), sd \(number(rule.sd)), threshold \(number(rule.threshold)); \(rule.eligible) \
      raters with \u{2265} \(rule.minimumItems) shared items; \(rule.flagged) flagged).</p>
      <table id="dimension-\(id)-raters"><thead><tr><th>rater</th><th>items</th><th>mean</th><th>bias</th>\
      <th>shared items</th><th>r (leave-one-out)</th><th>z</th><th></th></tr></thead><tbody>
      \(rows)</tbody></table>

      """
    if let panel = d.consensusVsRaters {
      out += consensusPanel(id, panel, d.histogram)
    }
    return out
  }

  /// Consensus bins (rows) against rating bins (columns) as a grid of shaded counts.
  static func consensusPanel(_ id: String, _ grid: [[Int]], _ h: RatingHistogram) -> String {
    let top = max(1, grid.flatMap { $0 }.max() ?? 1)
    let labels = h.counts.indices.map { number(h.start + (Double($0) + 0.5) * h.width) }
    var out = """
      <table class="heatmap" id="consensus-\(id)"><caption>Consensus (rows) against each observer rating \
      (columns)</caption><thead><tr><th></th>
      """
    for label in labels { out += "<th>\(label)</th>" }
    out += "</tr></thead><tbody>\n"
    for (row, counts) in grid.enumerated().reversed() {
      out += "<tr><th>\(labels[row])</th>"
      for c in counts {
        let shade = Int((Double(c) / Double(top) * 200).rounded())
        out +=
          "<td class=\"num\" style=\"background:rgba(47,85,151,\(Double(shade) / 255))\">\(c == 0 ? "" : "\(c)")</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody></table>\n"
  }
}
