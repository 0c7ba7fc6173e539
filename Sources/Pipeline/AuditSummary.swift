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
    if let f = report.fleissKappa.value {
      lines.append(String(format: "Fleiss' kappa %.3f (%d items)", f, report.fleissKappa.items))
    }
    if let a = report.krippendorffAlpha.value {
      lines.append(String(format: "Krippendorff's alpha %.3f (%d items)", a, report.krippendorffAlpha.items))
    }
    if report.speakerLabelDependence.flag, let message = report.speakerLabelDependence.message {
      lines.append("warning: \(message)")
    }
    lines.append("report: \(out)/audit.html, numbers: \(out)/audit.json")
    return lines.joined(separator: "\n")
  }
}
