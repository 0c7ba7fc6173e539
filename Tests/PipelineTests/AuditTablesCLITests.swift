import Foundation
import TestSupport
import Testing

/// `emocorpus audit votes FILE` and `audit ratings FILE` through the real CLI, beside the corpus
/// form `audit SOURCE ROOT`.
@Suite struct AuditTablesCLITests {
  static let votes = repositoryFile("Tests/EmoCorpusTests/Fixtures/votes/tabulatedVotes.csv").path
  static let long = repositoryFile("Tests/EmoCorpusTests/Fixtures/votes/finishedResponses.csv").path

  static func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
  }

  @Test func votesAndRatingsWriteTheSameCoefficients() throws {
    let tmp = try TemporaryDirectory("audit-tables")
    defer { tmp.remove() }
    let v = try CLIRunner.run([
      "audit", "votes", Self.votes, "--counts", "A,D,F,H,N,S", "--item", "fileName", "--out", tmp.path + "/v",
      "--quiet",
    ])
    #expect(v.status == 0, "\(v.stderr)")
    #expect(v.stdout.contains("Fleiss' kappa 0.273"))
    let r = try CLIRunner.run([
      "audit", "ratings", Self.long, "--columns", "item=clipName+queryType,rater=localid,label=respEmo", "--out",
      tmp.path + "/r", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let a = try Self.json(tmp.path + "/v/audit.json")
    let b = try Self.json(tmp.path + "/r/audit.json")
    for key in ["percent_agreement", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger"] {
      let x = a[key] as! [String: Any]
      let y = b[key] as! [String: Any]
      let (vx, vy) = ((x["value"] as! NSNumber).doubleValue, (y["value"] as! NSNumber).doubleValue)
      let (sx, sy) = ((x["se"] as! NSNumber).doubleValue, (y["se"] as! NSNumber).doubleValue)
      #expect(abs(vx - vy) < 1e-12 && abs(sx - sy) < 1e-12, "\(key)")
    }
    #expect((a["conger_kappa"] as! [String: Any])["value"] is NSNull)
    #expect(((b["conger_kappa"] as! [String: Any])["se"] as? NSNumber) != nil)
    #expect(a["ties"] as? Int == b["ties"] as? Int)
    #expect((b["raters"] as! [Any]).count == 30 && (a["raters"] as! [Any]).isEmpty)
    let html = try String(contentsOfFile: tmp.path + "/r/audit.html", encoding: .utf8)
    #expect(html.contains("id=\"rater-table\"") && html.contains("id=\"conger\""))
  }

  @Test(arguments: [
    (["audit", "votes", "FILE", "--out", "OUT"], "Missing expected argument '--counts <counts>'"),
    (["audit", "votes", "FILE", "--counts", "A,,S", "--out", "OUT"], "--counts must list count columns"),
    (["audit", "votes", "FILE", "--counts", "A,A", "--out", "OUT"], "--counts names a column twice"),
    (["audit", "ratings", "FILE", "--columns", "speaker=x", "--out", "OUT"], "--columns must map item, rater"),
    (["audit", "ratings", "FILE", "--columns", "item=a+,rater=r,label=l", "--out", "OUT"], "--columns must map"),
    (["audit", "cemox", "FILE", "--out", "OUT"], "The value 'cemox' is invalid for '<source>'"),
  ])
  func usageErrorsExitTwo(args: [String], message: String) throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let r = try CLIRunner.run(
      args.map { $0 == "FILE" ? Self.votes : $0 == "OUT" ? tmp.path + "/o" : $0 })
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/o/audit.json"))
  }

  @Test func aFileFaultIsOneLineAndExitOne() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let r = try CLIRunner.run(["audit", "votes", Self.votes, "--counts", "A,X", "--out", tmp.path + "/o"])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("emocorpus: \(Self.votes):1: missing count column 'X'"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }
}
