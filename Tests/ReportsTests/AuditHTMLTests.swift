import EmoCorpus
import Foundation
import Testing

@testable import Reports

@Suite struct AuditHTMLTests {
  let report = runAudit(sampleAuditInput())

  @Test func everySectionIsPresent() {
    let html = AuditHTML.render(report, title: "Sample")
    for id in [
      "summary", "kappa", "chart-kappa", "per-class-kappa", "chart-per-class-kappa", "confusion", "heatmap-strict",
      "heatmap-relaxed", "multi-rater", "fleiss", "krippendorff", "pairwise", "distribution", "chart-classes-all",
      "chart-speaker-classes-all", "chart-speakers-per-class-all", "distribution-caller", "distribution-agent",
      "speaker-label", "notes",
    ] {
      #expect(html.contains("id=\"\(id)\""), "\(id)")
    }
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    // Self-contained: no script, no external reference (the SVG namespace is a name, not a fetch).
    let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(!html.contains("<script") && !withoutNamespace.contains("http") && !html.contains("src="))
    #expect(!html.contains("id=\"speaker-flag\""))
  }

  @Test func kappaNumbersEqualTheJSONs() throws {
    let json = try JSONSerialization.jsonObject(with: report.jsonData()) as! [String: Any]
    let html = AuditHTML.render(report, title: "Sample")
    let kappa = json["kappa"] as! [String: Any]
    for rule in ["strict", "relaxed"] {
      for subset in ["all", "caller", "agent"] {
        let e = (kappa[rule] as! [String: Any])[subset] as! [String: Any]
        let row = try #require(tableRow(html, id: "kappa-\(rule)-\(subset)"))
        let value = AuditHTML.number((e["value"] as? NSNumber)?.doubleValue)
        let se = AuditHTML.number((e["se"] as? NSNumber)?.doubleValue)
        let ci = AuditHTML.interval((e["ci95"] as? [NSNumber])?.map(\.doubleValue))
        let boot = AuditHTML.interval((e["ci95_bootstrap"] as? [NSNumber])?.map(\.doubleValue))
        let cells = [rule, subset, value, se, ci, boot, "\(e["n"]!)", "\(e["excluded_missing_coder"]!)"]
        #expect(cellTexts(row).prefix(8).elementsEqual(cells), "\(rule).\(subset): \(cellTexts(row)) vs \(cells)")
      }
    }
    let fleiss = try #require(tableRow(html, id: "fleiss"))
    let fleissJSON = json["fleiss_kappa"] as! [String: Any]
    #expect(cellTexts(fleiss)[1] == AuditHTML.number((fleissJSON["value"] as? NSNumber)?.doubleValue))
    let alpha = try #require(tableRow(html, id: "krippendorff"))
    let alphaJSON = json["krippendorff_alpha"] as! [String: Any]
    #expect(cellTexts(alpha)[1] == AuditHTML.number((alphaJSON["value"] as? NSNumber)?.doubleValue))
    for p in json["pairwise"] as! [[String: Any]] {
      let text = AuditHTML.number((p["kappa"] as? NSNumber)?.doubleValue)
      #expect(html.contains("<td class=\"num\">\(text)</td><td class=\"num\">\(p["n"]!)</td>"))
    }
  }

  @Test func distributionNumbersEqualTheJSONs() throws {
    let json = try JSONSerialization.jsonObject(with: report.jsonData()) as! [String: Any]
    let html = AuditHTML.render(report, title: "Sample")
    let all = (json["distribution"] as! [String: Any])["all"] as! [String: Any]
    for c in all["classes"] as! [[String: Any]] {
      let share = AuditHTML.percent((c["share"] as! NSNumber).doubleValue)
      let name = AuditHTML.escape(c["class"] as! String)
      #expect(html.contains("<tr><td>\(name)</td><td class=\"num\">\(c["count"]!)</td><td class=\"num\">\(share)</td>"))
    }
    let duration = all["duration"] as! [String: Any]
    let stats = ["n", "mean", "median", "min", "max"].map { key -> String in
      key == "n" ? "\(duration[key]!)" : AuditHTML.number((duration[key] as? NSNumber)?.doubleValue)
    }
    #expect(
      html.contains(
        "<tr><td>segment duration (s)</td><td class=\"num\">" + stats.joined(separator: "</td><td class=\"num\">")))
    let dep = json["speaker_label_dependence"] as! [String: Any]
    #expect(html.contains(AuditHTML.number((dep["cramers_v_corrected"] as? NSNumber)?.doubleValue)))
  }

  @Test func multiRaterNumbersAndRaterTableEqualTheJSON() throws {
    let json = try JSONSerialization.jsonObject(with: report.jsonData()) as! [String: Any]
    let html = AuditHTML.render(report, title: "Sample")
    for (id, key) in [
      ("percent-agreement", "percent_agreement"), ("fleiss", "fleiss_kappa"), ("krippendorff", "krippendorff_alpha"),
      ("conger", "conger_kappa"), ("gwet", "gwet_ac1"), ("brennan-prediger", "brennan_prediger"), ("scott", "scott_pi"),
    ] {
      let e = json[key] as! [String: Any]
      let row = try #require(tableRow(html, id: id), "\(id)")
      let cells = cellTexts(row)
      #expect(cells[1] == AuditHTML.number((e["value"] as? NSNumber)?.doubleValue), "\(key)")
      #expect(cells[2] == AuditHTML.number((e["se"] as? NSNumber)?.doubleValue), "\(key)")
      #expect(cells[3] == AuditHTML.interval((e["ci95"] as? [NSNumber])?.map(\.doubleValue)), "\(key)")
    }
    let raters = json["raters"] as! [[String: Any]]
    #expect(raters.count == 3)
    for (i, r) in raters.enumerated() {
      let start = try #require(html.range(of: "<tr id=\"rater-\(i)\""))
      let end = try #require(html.range(of: "</tr>", range: start.upperBound..<html.endIndex))
      let cells = cellTexts(String(html[start.upperBound..<end.lowerBound]))
      #expect(cells[0] == AuditHTML.escape(r["rater"] as! String))
      #expect(cells[1] == "\(r["items"]!)")
      #expect(cells[4] == AuditHTML.number((r["kappa_vs_majority"] as? NSNumber)?.doubleValue))
    }
    #expect(html.contains("id=\"per-category\"") && html.contains("\(report.majority.ties) tied"))
  }

  @Test func aFlaggedRaterIsMarked() {
    // Seven raters follow the truth, the eighth answers a pattern of its own.
    let classes = ["ang", "hap", "neu", "sad"]
    func label(_ i: Int, _ g: Int) -> String {
      if g == 7 { return classes[(i / 4) % 4] }
      return (i + g) % 10 == 0 ? classes[(i + 1) % 4] : classes[i % 4]
    }
    let items = (0..<60).map { i -> AuditItem in
      let judgements = (0..<8).map { g in AuditJudgement(coder: "r\(g)", major: label(i, g)) }
      return AuditItem(
        segmentID: "\(i)", dialog: "d\(i)", speaker: "s", role: .speaker, gender: .unknown, duration: 1,
        judgements: judgements, finalLabel: nil)
    }
    let flagged = runAudit(AuditInput(items: items, classes: classes, bootstrapReplicates: 0))
    #expect(flagged.raters.filter(\.flag).map(\.rater) == ["r7"])
    let html = AuditHTML.render(flagged, title: "Raters")
    #expect(html.contains("<tr id=\"rater-7\" class=\"flagged\">"))
    #expect(!html.contains("<tr id=\"rater-0\" class=\"flagged\">"))
  }

  @Test func everyStringFromTheDataIsEscaped() {
    let html = AuditHTML.render(report, title: "Audit <img src=x onerror=alert(1)>")
    #expect(!html.contains("<script>alert(1)</script>"))
    #expect(!html.contains("<b>Odd</b>"))
    #expect(!html.contains("<img src=x"))
    #expect(!html.contains("c3 <i>"))
    #expect(html.contains("&lt;b&gt;Odd&lt;/b&gt; &amp; &quot;x&quot;"))
    #expect(html.contains("Audit &lt;img src=x onerror=alert(1)&gt;"))
    #expect(AuditHTML.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
  }

  @Test func degenerateReportRendersWithoutNaN() {
    let empty = runAudit(AuditInput(items: [], classes: ["Neutral"], neutralClass: "Neutral"))
    let html = AuditHTML.render(empty, title: "Empty")
    #expect(!html.contains(">nan") && !html.contains(">inf") && !html.contains("NaN") && !html.contains("-inf"))
    #expect(html.contains("no pairs"))
    #expect(html.contains(AuditHTML.escape(empty.notes[0])))
  }

  @Test func flaggedSpeakerDependenceShowsTheWarning() {
    let items = (0..<12).map { i in
      AuditItem(
        segmentID: "\(i)", dialog: "d\(i)", speaker: "S\(i % 4)", role: .caller, gender: .male, duration: 1,
        judgements: [AuditJudgement(coder: "a", major: "x")], finalLabel: ["Anger", "Neutral"][i % 4 / 2])
    }
    let flagged = runAudit(AuditInput(items: items, classes: ["Anger", "Neutral"], bootstrapReplicates: 0))
    #expect(flagged.speakerLabelDependence.flag)
    let html = AuditHTML.render(flagged, title: "Flagged")
    #expect(html.contains("id=\"speaker-flag\""))
    #expect(html.contains(AuditHTML.escape(flagged.speakerLabelDependence.message!)))
  }

  /// Degenerate input (one class, one dialog, no agents) renders numbers or em dashes with their
  /// reasons in the notes, never NaN or infinity.
  @Test func degenerateReportShowsDashesWithReasonsNeverNaN() throws {
    let single = (0..<5).map { i in
      AuditItem(
        segmentID: "\(i)", dialog: "d", speaker: "S\(i % 2)", role: .caller, gender: .female, duration: nil,
        judgements: [AuditJudgement(coder: "c1", major: "Neutral"), AuditJudgement(coder: "c2", major: "Neutral")],
        finalLabel: "Neutral")
    }
    let degenerate = runAudit(AuditInput(items: single, classes: ["Neutral", "Anger"], neutralClass: "Neutral"))
    let html = AuditHTML.render(degenerate, title: "Degenerate")
    let json = String(decoding: try degenerate.jsonData(), as: UTF8.self)
    for text in [html, json] {
      let words = text.lowercased().split { !$0.isLetter }
      #expect(!words.contains("nan") && !words.contains("inf") && !words.contains("infinity"))
    }
    #expect(html.contains("\u{2014}"))
    #expect(degenerate.notes.contains { $0.contains("kappa.strict.agent: no items") })
    for note in degenerate.notes { #expect(html.contains(AuditHTML.escape(note)), "\(note)") }
  }
}

/// The `<tr id="…">…</tr>` element with that id.
func tableRow(_ html: String, id: String) -> String? {
  guard let start = html.range(of: "<tr id=\"\(id)\">") else { return nil }
  guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
  return String(html[start.upperBound..<end.lowerBound])
}

/// Texts of the `<td>` cells of a row.
func cellTexts(_ row: String) -> [String] {
  row.components(separatedBy: "</td>").compactMap { part in
    guard let open = part.range(of: "<td") else { return nil }
    guard let close = part.range(of: ">", range: open.upperBound..<part.endIndex) else { return nil }
    return String(part[close.upperBound...])
  }
}
