import Foundation
import TestSupport
import Testing

/// The error paths a newcomer hits, through the real CLI (issue 8): one clear line, the right exit
/// status, nothing half-written left behind.
@Suite struct CLIErrorTests {
  static let corpus: String = {
    let tmp = try! TemporaryDirectory("cli-errors")
    _ = try! CLIRunner.run([
      "synth", "--layout", "cemo", "--out", tmp.path + "/c", "--speakers", "6", "--dialogs", "5", "--no-audio",
      "--quiet",
    ])
    return tmp.path + "/c"
  }()

  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var args: @Sendable (String, String) -> [String]
    var status: Int32
    var message: String
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "wrong SOURCE", args: { c, o in ["prep", "cemox", c, "--task", "cemo-4", "--out", o] }, status: 2,
      message: "The value 'cemox' is invalid for '<source>'"),
    Case(
      name: "missing ROOT", args: { _, o in ["prep", "cemo", "/nonexistent/corpus", "--task", "cemo-4", "--out", o] },
      status: 1,
      message: "emocorpus: /nonexistent/corpus: corpus root does not exist (expected an existing folder or file)"),
    Case(
      name: "task typo", args: { c, o in ["prep", "cemo", c, "--task", "cemo4", "--out", o] }, status: 1,
      message: "did you mean 'cemo-4'?)"),
    Case(
      name: "missing --task", args: { c, o in ["prep", "cemo", c, "--out", o] }, status: 2,
      message: "missing --task (e.g. --task cemo-4)"),
    Case(
      name: "bad --folds", args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--folds", "1", "--out", o] },
      status: 2, message: "--folds must be 0 or at least 2 (got 1)"),
    Case(
      name: "train on labels-only prep", args: { _, o in ["train", o + "-labels-only", "--out", o + "-run"] },
      status: 1, message: "this prep output has no features (labels-only)"),
    Case(
      name: "check-folds on a folder without folds", args: { _, o in ["check-folds", o] }, status: 1,
      message: "emocorpus"),
  ]

  @Test(arguments: cases) func errorIsOneClearLine(_ c: Case) throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let out = tmp.path + "/out"
    if c.name == "train on labels-only prep" {
      let r = try CLIRunner.run([
        "prep", "cemo", Self.corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out",
        out + "-labels-only", "--quiet",
      ])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let r = try CLIRunner.run(c.args(Self.corpus, out))
    #expect(r.status == c.status, "\(c.name): \(r.stderr)")
    #expect(r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
    #expect(!r.stderr.contains("Fatal error"))
    // Nothing that a later run would trust is left behind.
    #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"))
    #expect(!FileManager.default.fileExists(atPath: out + "/catalog.sqlite"))
  }

  @Test func emptyCorpusIsAClearError() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try tmp.write(
      "c/empty.xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <corpus name="empty" version="1">
        <coders><coder id="c1"/></coders>
        <speakers><speaker id="S1" role="caller" gender="male"/></speakers>
      </corpus>

      """)
    let r = try CLIRunner.run(["prep", "cemo", tmp.path + "/c", "--task", "cemo-4", "--out", tmp.path + "/o"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("the corpus has no segments (expected at least one annotated segment)"), "\(r.stderr)")
  }

  @Test func unwritableOutIsAClearErrorAndWritesNothing() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let blocker = try tmp.write("not-a-folder", "x")
    let r = try CLIRunner.run([
      "prep", "cemo", Self.corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", blocker + "/out",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("emocorpus: \(blocker)/out: cannot write output"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  @Test func noAudioRunsLabelsOnlyAndSaysSo() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let r = try CLIRunner.run([
      "prep", "cemo", Self.corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", tmp.path + "/o",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("no referenced audio file exists: running labels-only"))
    #expect(r.stdout.contains("labels only: no referenced audio file exists"))
  }

  @Test func verboseListsTheDroppedSegmentsByReason() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let r = try CLIRunner.run([
      "prep", "cemo", Self.corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", tmp.path + "/o",
      "--verbose", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let roleLine = r.stdout.split(separator: "\n").first { $0.hasPrefix("dropped as role (") }
    #expect(roleLine != nil, "\(r.stdout)")
    #expect(r.stdout.contains(": agent"))
  }
}
