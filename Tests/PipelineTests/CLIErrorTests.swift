import EmoCorpus
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
    // Closed value sets and value rules are usage errors (exit 2) before any work.
    Case(
      name: "bad --consensus",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--consensus", "foo", "--out", o] },
      status: 2, message: "The value 'foo' is invalid for '--consensus <consensus>'"),
    Case(
      name: "bad --neutral-target",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--neutral-target", "abc", "--out", o] },
      status: 2, message: "The value 'abc' is invalid for '--neutral-target <neutral-target>'"),
    Case(
      name: "bad --shard", args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--shard", "9/8", "--out", o] },
      status: 2, message: "The value '9/8' is invalid for '--shard <shard>'"),
    Case(
      name: "bad --subset", args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--subset", "impro", "--out", o] },
      status: 2, message: "Please provide one of 'improvised', 'scripted' or 'all'"),
    Case(
      name: "bad --resampler",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--resampler", "sox", "--out", o] },
      status: 2, message: "Please provide one of 'soxr' and 'libsamplerate'"),
    Case(
      name: "--resample-quality without libsamplerate",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--resample-quality", "medium", "--out", o] },
      status: 2,
      message:
        "--resample-quality picks libsamplerate's converter: add --resampler libsamplerate (soxr always runs at very high quality)"
    ),
    Case(
      name: "bad --channel-map",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--channel-map", "agent:0", "--out", o] },
      status: 2, message: "The value 'agent:0' is invalid for '--channel-map <channel-map>'"),
    Case(
      name: "--channel with --channel-map",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--channel", "1", "--channel-map", "agent=0", "--out", o]
      },
      status: 2,
      message: "--channel N reads one channel for every segment; --channel-map gives each speaker theirs: use one"),
    Case(
      name: "bad --iemocap-val",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--iemocap-val", "f", "--out", o] },
      status: 2, message: "Please provide one of 'female' and 'male'"),
    Case(
      name: "bad --resample-quality",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--resample-quality", "top", "--out", o] },
      status: 2, message: "The value 'top' is invalid for '--resample-quality <resample-quality>'"),
    Case(
      name: "bad --mel-scale",
      args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--mel-scale", "bark", "--out", o] },
      status: 2, message: "Please provide one of 'htk' and 'slaney'"),
    Case(
      name: "bad --jobs", args: { c, o in ["prep", "cemo", c, "--task", "cemo-4", "--jobs", "0", "--out", o] },
      status: 2, message: "The value '0' is invalid for '--jobs <jobs>'"),
    Case(
      name: "bad audit --subset", args: { c, o in ["audit", "cemo", c, "--subset", "x", "--out", o] },
      status: 2, message: "Please provide one of 'improvised', 'scripted' or 'all'"),
    Case(
      name: "bad export --format", args: { _, o in ["export", o, "--format", "espnet", "--out", o + "-x"] },
      status: 2, message: "Please provide one of 'lhotse', 'kaldi' or 'table'"),
    Case(
      name: "check-folds takes no --seed", args: { _, o in ["check-folds", o, "--seed", "3"] },
      status: 2, message: "Unknown option '--seed'"),
    Case(
      name: "train on labels-only prep", args: { _, o in ["train", o + "-labels-only", "--out", o + "-run"] },
      status: 1, message: "this prep output has no features (labels-only)"),
    Case(
      name: "check-folds on a folder without folds", args: { _, o in ["check-folds", o] }, status: 1,
      message: "emocorpus"),
    Case(
      name: "train --targets with a repeated name",
      args: { _, o in ["train", o, "--out", o + "-run", "--targets", "emotion,arousal,arousal"] }, status: 2,
      message: "--targets must be distinct comma-separated names such as emotion,arousal,valence"),
    Case(
      name: "train --target-weights not one per target",
      args: { _, o in ["train", o, "--out", o + "-run", "--targets", "emotion,arousal", "--target-weights", "1"] },
      status: 2, message: "--target-weights must be 2 comma-separated numbers ≥ 0, one per target"),
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

@Suite struct CLIVersionTests {
  @Test func versionIsTheToolVersionRecordedInOutputs() throws {
    let r = try CLIRunner.run(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout == EmoCorpusModule.version + "\n")
  }
}
