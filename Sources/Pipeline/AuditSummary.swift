import EmoCorpus
import Foundation

/// The short audit summary printed on stdout (the full numbers are in audit.json / audit.html).
public enum AuditSummary {
  public static func text(_ report: AuditReport, out: String) -> String {
    func kappa(_ e: KappaEntry) -> String {
      guard let v = e.value else { return "n/a (n 0)" }
      return String(format: "%.3f", v) + " (n \(e.n))"
    }
    var lines = ["items \(report.items)"]
    if let a = report.kappa.coderA, let b = report.kappa.coderB { lines.append("coders \(a) vs \(b)") }
    for (name, k) in [("strict", report.kappa.strict), ("relaxed", report.kappa.relaxed)] {
      lines.append("kappa \(name): all \(kappa(k.all)), caller \(kappa(k.caller)), agent \(kappa(k.agent))")
    }
    for (name, e) in [
      ("percent agreement", report.percentAgreement), ("Fleiss' kappa", report.fleissKappa),
      ("Krippendorff's alpha", report.krippendorffAlpha), ("Conger's kappa", report.congerKappa),
      ("Gwet's AC1", report.gwetAC1), ("Brennan-Prediger", report.brennanPrediger), ("Scott's pi", report.scottPi),
    ] {
      guard let v = e.value else { continue }
      let se = e.se.map { String(format: ", se %.3f", $0) } ?? ""
      lines.append(name + String(format: " %.3f", v) + se + " (\(e.items) items)")
    }
    lines.append("majority labels: \(report.majority.decided) decided, \(report.majority.ties) tied")
    if !report.raters.isEmpty {
      let flagged = report.raters.filter(\.flag).map(\.rater)
      lines.append(
        "raters: \(report.raters.count), flagged \(flagged.count)"
          + (flagged.isEmpty ? "" : ": " + flagged.prefix(10).joined(separator: ", ")))
    }
    if report.speakerLabelDependence.flag, let message = report.speakerLabelDependence.message {
      lines.append("warning: \(message)")
    }
    lines.append("report: \(out)/audit.html, numbers: \(out)/audit.json")
    return lines.joined(separator: "\n")
  }
}
