import EmoCorpus

/// The self-contained `audit.html` page: inline CSS and SVG, no script, no network.
///
/// Shows the numbers of `audit.json`: doubles with three decimals (`AuditHTML.number`), shares
/// also as percentages, null as an em dash whose reason is in the notes. Every string from the
/// data (labels, coder and speaker names, notes) is escaped.
public enum AuditHTML {
  /// The whole page.
  public static func render(_ report: AuditReport, title: String) -> String {
    var body = ""
    body += "<h1>\(escape(title))</h1>\n"
    body += summary(report)
    if report.speakerLabelDependence.flag, let message = report.speakerLabelDependence.message {
      body += "<div class=\"flag\" id=\"speaker-flag\"><strong>Warning.</strong> \(escape(message))</div>\n"
    }
    // Two-coder Cohen tables apply to a corpus's coders only; a vote or rating table opens with
    // its headline coefficients.
    if report.input.kind == .corpus {
      body += kappaSection(report)
      body += perClassSection(report)
      body += confusionSection(report)
    }
    body += multiRaterSection(report)
    body += dimensionsSection(report)
    body += distributionSection(report)
    body += dependenceSection(report)
    body += notesSection(report)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(title))</title>
      <style>\(css)</style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// A double as the report shows it: three decimals; nil as an em dash.
  public static func number(_ x: Double?) -> String { x.map(formatAuditNumber) ?? "\u{2014}" }

  /// A share in [0, 1] as a percentage with one decimal.
  public static func percent(_ x: Double) -> String {
    let tenths = Int((x * 1000).rounded())
    return "\(tenths / 10).\(abs(tenths % 10)) %"
  }

  /// A two-value interval as `[lo, hi]`, or an em dash.
  public static func interval(_ x: [Double]?) -> String {
    guard let x, x.count == 2 else { return "\u{2014}" }
    return "[\(number(x[0])), \(number(x[1]))]"
  }

  /// Text safe inside HTML and SVG elements and quoted attributes.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  // MARK: sections

  static func summary(_ r: AuditReport) -> String {
    let coders = [r.kappa.coderA, r.kappa.coderB].map { $0.map(escape) ?? "\u{2014}" }
    return """
      <section id="summary"><table class="kv">
      <tr><th>Items</th><td>\(r.items)</td></tr>
      <tr><th>Coders for Cohen's kappa</th><td>\(coders[0]) (rows) vs \(coders[1]) (columns), chosen by \
      \(escape(r.kappa.codersChosenBy))</td></tr>
      <tr><th>Bootstrap</th><td>\(r.bootstrap.replicates) replicates over \(escape(r.bootstrap.unit))s, \
      seed \(r.bootstrap.seed), \(escape(r.bootstrap.method)) interval</td></tr>
      <tr><th>Kappa classes</th><td>\(r.kappaClasses.map(escape).joined(separator: ", "))</td></tr>
      <tr><th>Task classes</th><td>\(r.taskClasses.map(escape).joined(separator: ", "))</td></tr>
      </table></section>

      """
  }

  static func kappaSection(_ r: AuditReport) -> String {
    var rows = ""
    var forest: [(String, KappaEntry)] = []
    for (rule, byRole) in [("strict", r.kappa.strict), ("relaxed", r.kappa.relaxed)] {
      for (subset, e) in [("all", byRole.all), ("caller", byRole.caller), ("agent", byRole.agent)] {
        rows += """
          <tr id="kappa-\(rule)-\(subset)"><td>\(rule)</td><td>\(subset)</td><td class="num">\(number(e.value))</td>\
          <td class="num">\(number(e.se))</td><td class="num">\(interval(e.ci95))</td>\
          <td class="num">\(interval(e.ci95Bootstrap))</td><td class="num">\(e.n)</td>\
          <td class="num">\(e.excludedMissingCoder)</td><td class="num">\(e.excludedMissingLabel)</td></tr>

          """
        forest.append(("\(rule) \u{b7} \(subset)", e))
      }
    }
    return """
      <section id="kappa"><h2>Cohen's kappa between the two coders</h2>
      <p>Strict: Major vs Major. Relaxed: agreement when the {Major, Minor} sets intersect. \
      CI95: analytic (Fleiss, Cohen &amp; Everitt 1969); bootstrap: dialogs resampled.</p>
      <table><thead><tr><th>rule</th><th>speakers</th><th>kappa</th><th>se</th><th>CI95</th>\
      <th>CI95 bootstrap</th><th>n</th><th>excluded: missing coder</th><th>excluded: missing label</th></tr></thead>
      <tbody>
      \(rows)</tbody></table>
      \(forestPlot(forest))
      </section>

      """
  }

  static func perClassSection(_ r: AuditReport) -> String {
    var rows = ""
    for (strict, relaxed) in zip(r.perClassKappa.strict, r.perClassKappa.relaxed) {
      rows += """
        <tr><td>\(escape(strict.label))</td><td class="num">\(number(strict.value))</td>\
        <td class="num">\(number(strict.se))</td><td class="num">\(strict.countA)</td>\
        <td class="num">\(strict.countB)</td><td class="num">\(number(relaxed.value))</td>\
        <td class="num">\(number(relaxed.se))</td></tr>

        """
    }
    let bars = r.perClassKappa.strict.map { ($0.label, $0.value) }
    return """
      <section id="per-class-kappa"><h2>Per-class (one-vs-rest) kappa</h2>
      <table><thead><tr><th>class</th><th>strict kappa</th><th>se</th><th>coder A count</th><th>coder B count</th>\
      <th>relaxed kappa</th><th>se</th></tr></thead>
      <tbody>
      \(rows)</tbody></table>
      \(barChart(bars, id: "chart-per-class-kappa", caption: "Strict one-vs-rest kappa per class", signed: true))
      </section>

      """
  }

  static func confusionSection(_ r: AuditReport) -> String {
    let a = escape(r.kappa.coderA ?? "coder A")
    let b = escape(r.kappa.coderB ?? "coder B")
    return """
      <section id="confusion"><h2>Coder confusion matrix</h2>
      <p>Rows: \(a); columns: \(b). Counts of items; colour: share of the row.</p>
      <div class="pair">
      <figure><figcaption>Strict</figcaption>\(heatmap(r.confusion.classes, r.confusion.strict, id: "heatmap-strict"))</figure>
      <figure><figcaption>Relaxed</figcaption>\(heatmap(r.confusion.classes, r.confusion.relaxed, id: "heatmap-relaxed"))</figure>
      </div></section>

      """
  }

  static func multiRaterSection(_ r: AuditReport) -> String {
    var rows = ""
    for (id, name, e) in [
      ("percent-agreement", "Percent agreement", r.percentAgreement), ("fleiss", "Fleiss' kappa", r.fleissKappa),
      ("krippendorff", "Krippendorff's alpha (nominal)", r.krippendorffAlpha),
      ("conger", "Conger's kappa", r.congerKappa), ("gwet", "Gwet's AC1", r.gwetAC1),
      ("brennan-prediger", "Brennan\u{2013}Prediger", r.brennanPrediger), ("scott", "Scott's pi", r.scottPi),
    ] {
      rows += """
        <tr id="\(id)"><td>\(name)</td><td class="num">\(number(e.value))</td><td class="num">\(number(e.se))</td>\
        <td class="num">\(interval(e.ci95))</td><td class="num">\(e.items)</td><td class="num">\(e.ratings)</td>\
        <td class="num">\(e.raters.map(String.init) ?? "\u{2014}")</td></tr>

        """
    }
    var pairRows = ""
    for p in r.pairwise {
      pairRows += """
        <tr><td>\(escape(p.coderA))</td><td>\(escape(p.coderB))</td><td class="num">\(number(p.kappa))</td>\
        <td class="num">\(p.n)</td></tr>

        """
    }
    let irr = r.fleissKappa.irrcac
    let input = r.input
    return """
      <section id="multi-rater"><h2>All raters</h2>
      <p>Input: \(escape(input.kind.rawValue))\(input.file.map { " <code>\(escape($0))</code>" } ?? ""), \
      \(input.ratedItems) rated items, \(input.ratings) ratings\(input.raters.map { ", \($0) raters" } ?? ""), \
      categories \(input.categories.map(escape).joined(separator: ", "))\
      \(input.rows.map { "; \($0) table rows, \(input.droppedRows.count) dropped" } ?? "").</p>
      <table><thead><tr><th>coefficient</th><th>value</th><th>se</th><th>CI95</th><th>items (\u{2265} 2 ratings)</th>\
      <th>ratings</th><th>raters</th></tr></thead><tbody>
      \(rows)</tbody></table>
      <p>Standard errors and intervals as irrCAC computes them (t distribution, n \u{2212} 1 degrees of freedom). \
      Fleiss' kappa pools category shares over the ratings of items with two ratings or more; irrCAC's form \
      (mean per-item shares): \(number(irr?.value)) (se \(number(irr?.se))).</p>
      \(categorySection(r))
      \(raterSection(r))
      <h3 id="pairwise">Pairwise Cohen's kappa</h3>
      <p>Mean over pairs: \(number(r.pairwiseMeanKappa))</p>
      <table><thead><tr><th>coder A</th><th>coder B</th><th>kappa</th><th>n</th></tr></thead><tbody>
      \(pairRows)</tbody></table>
      \(noLabelTable(r))</section>

      """
  }

  /// Coders' missing ratings (`no_label`), when there are any.
  static func noLabelTable(_ r: AuditReport) -> String {
    guard !r.noLabel.isEmpty else { return "" }
    let rows = r.noLabel.map {
      "<tr><td>\(escape($0.coder))</td><td>\(escape($0.kind.rawValue))</td><td class=\"num\">\($0.items)</td></tr>"
    }
    return """
      <h3 id="no-label">Items without label or rating, per coder</h3>
      <table><thead><tr><th>coder</th><th>kind</th><th>items</th></tr></thead><tbody>
      \(rows.joined(separator: "\n"))
      </tbody></table>

      """
  }

  static func categorySection(_ r: AuditReport) -> String {
    var rows = ""
    for c in r.perCategory {
      rows += """
        <tr><td>\(escape(c.label))</td><td class="num">\(c.ratings)</td><td class="num">\(percent(c.ratingShare))</td>\
        <td class="num">\(c.agreeingPairs)</td><td class="num">\(percent(c.agreeingPairShare))</td>\
        <td class="num">\(number(c.specificAgreement))</td><td class="num">\(c.majorityItems)</td></tr>

        """
    }
    let m = r.majority
    return """
      <h3 id="per-category">Per category</h3>
      <table><thead><tr><th>class</th><th>ratings</th><th>share</th><th>agreeing pairs</th><th>share of agreeing pairs</th>\
      <th>specific agreement</th><th>majority items</th></tr></thead><tbody>
      \(rows)</tbody></table>
      <p id="majority">Majority label: \(m.decided) of \(m.items) rated items decided, <strong>\(m.ties) tied</strong>, \
      \(m.unanimous) unanimous.</p>

      """
  }

  static func raterSection(_ r: AuditReport) -> String {
    let s = r.raterSummary
    guard !r.raters.isEmpty else {
      return "<h3 id=\"raters\">Raters</h3>\n<p>No rater identity in this input.</p>\n"
    }
    var rows = ""
    for (i, d) in r.raters.enumerated() {
      let mostDifferent = d.labels.max { abs($0.share - $0.poolShare) < abs($1.share - $1.poolShare) }
      let difference = mostDifferent.map {
        "\(escape($0.label)) \(percent($0.share)) vs \(percent($0.poolShare))"
      }
      rows += """
        <tr id="rater-\(i)"\(d.flag ? " class=\"flagged\"" : "")><td>\(escape(d.rater))</td><td class="num">\(d.items)</td>\
        <td class="num">\(number(d.pairwiseKappaMean))</td><td class="num">\(d.pairwisePartners)</td>\
        <td class="num">\(number(d.kappaVsMajority))</td><td class="num">\(d.kappaVsMajorityItems)</td>\
        <td class="num">\(number(d.agreementZ))</td><td class="num">\(number(d.distributionDistance))</td>\
        <td>\(difference ?? "\u{2014}")</td><td>\(d.flag ? "<strong class=\"bad\">flag</strong>" : "")</td></tr>

        """
    }
    return """
      <h3 id="raters">Raters</h3>
      <p>Flag: kappa against the majority of the other raters at least 2 standard deviations below the raters' \
      mean (mean \(number(s.mean)), sd \(number(s.sd)), threshold \(number(s.threshold)); \(s.eligible) of \
      \(s.raters) raters with \u{2265} \(s.minimumItems) items take part; \(s.flagged) flagged).</p>
      <table id="rater-table"><thead><tr><th>rater</th><th>items</th><th>pairwise kappa (mean)</th><th>partners</th>\
      <th>kappa vs majority</th><th>items</th><th>z</th><th>label distance to pool</th>\
      <th>largest label difference (rater vs pool)</th><th></th></tr></thead><tbody>
      \(rows)</tbody></table>

      """
  }

  static func distributionSection(_ r: AuditReport) -> String {
    var out = "<section id=\"distribution\"><h2>Distributions</h2>\n"
    for (name, d) in [("all", r.distribution.all), ("caller", r.distribution.caller), ("agent", r.distribution.agent)] {
      if name != "all" && d.labeled == 0 { continue }
      out += "<h3 id=\"distribution-\(name)\">Speakers: \(name)</h3>\n"
      out += "<p>\(d.labeled) labeled segments (\(d.unlabeled) without a task class), \(d.speakers) speakers.</p>\n"
      var classRows = ""
      for (c, s) in zip(d.classes, d.speakersPerClass) {
        classRows += """
          <tr><td>\(escape(c.label))</td><td class="num">\(c.count)</td><td class="num">\(percent(c.share))</td>\
          <td class="num">\(s.count)</td><td class="num">\(percent(s.share))</td></tr>

          """
      }
      out += """
        <table><thead><tr><th>class</th><th>segments</th><th>share</th><th>speakers expressing it</th>\
        <th>share of speakers</th></tr></thead><tbody>
        \(classRows)</tbody></table>
        <div class="pair">
        \(barChart(d.classes.map { ($0.label, $0.share) }, id: "chart-classes-\(name)", caption: "Class distribution (share of segments)", percent: true))
        \(barChart(d.speakersByClassCount.map { ("\($0.classes) class\($0.classes == 1 ? "" : "es")", $0.share) }, id: "chart-speaker-classes-\(name)", caption: "Speakers by number of classes expressed", percent: true))
        \(barChart(d.speakersPerClass.map { ($0.label, $0.share) }, id: "chart-speakers-per-class-\(name)", caption: "Share of speakers expressing each class", percent: true))
        </div>

        """
      var stats = ""
      for (label, s) in [("segments per speaker", d.segmentsPerSpeaker), ("segment duration (s)", d.duration)] {
        stats += """
          <tr><td>\(label)</td><td class="num">\(s.n)</td><td class="num">\(number(s.mean))</td>\
          <td class="num">\(number(s.median))</td><td class="num">\(number(s.min))</td>\
          <td class="num">\(number(s.max))</td></tr>

          """
      }
      out += """
        <table><thead><tr><th></th><th>n</th><th>mean</th><th>median</th><th>min</th><th>max</th></tr></thead><tbody>
        \(stats)</tbody></table>
        <p>Segments without a duration: \(d.durationMissing).\(onlyNeutral(d))</p>

        """
    }
    return out + "</section>\n"
  }

  static func onlyNeutral(_ d: DistributionSummary) -> String {
    guard let n = d.onlyNeutralSpeakers else { return "" }
    return " Speakers with only \(escape(n.label)) segments: \(n.count) (\(percent(n.share)))."
  }

  static func dependenceSection(_ r: AuditReport) -> String {
    let d = r.speakerLabelDependence
    return """
      <section id="speaker-label"><h2>Does the speaker predict the label?</h2>
      <table class="kv">
      <tr><th>Cramér's V (bias-corrected)</th><td class="num">\(number(d.cramersVCorrected))</td></tr>
      <tr><th>Cramér's V (plain)</th><td class="num">\(number(d.cramersV))</td></tr>
      <tr><th>Single-class speakers</th><td class="num">\(percent(d.singleClassShare))</td></tr>
      <tr><th>Single-class speakers among those with \u{2265} 2 segments</th><td class="num">\
      \(d.singleClassShareMultiSegment.map(percent) ?? "\u{2014}")</td></tr>
      <tr><th>Segments, speakers</th><td class="num">\(d.n), \(d.speakers)</td></tr>
      <tr><th>Flag</th><td>\(d.flag ? "<strong class=\"bad\">high</strong>" : "no")</td></tr>
      </table></section>

      """
  }

  static func notesSection(_ r: AuditReport) -> String {
    let items = r.notes.map { "<li>\(escape($0))</li>" }.joined(separator: "\n")
    return """
      <section id="notes"><h2>Notes</h2>
      \(r.notes.isEmpty ? "<p>No degenerate value.</p>" : "<ul>\n\(items)\n</ul>")
      </section>

      """
  }

  static let css = """
    body{font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;max-width:1100px;\
    color:#1d2330;line-height:1.4;padding:0 16px}
    h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #d5d9e0;padding-bottom:4px;margin-top:1.6em}
    table{border-collapse:collapse;margin:8px 0 12px;font-size:.92em}
    th,td{border:1px solid #d5d9e0;padding:3px 8px;text-align:left;vertical-align:top}
    thead th{background:#eef1f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
    table.kv th{background:#f6f7fa;font-weight:600}
    .flag{background:#fff4e5;border:1px solid #f0a040;padding:10px 14px;margin:12px 0;border-radius:4px}
    .bad{color:#b3261e}tr.flagged td{background:#fdecea}.pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
    figure{margin:8px 0}figcaption{font-weight:600;margin-bottom:4px}
    svg text{font-family:inherit;font-size:12px;fill:#1d2330}
    """
}
