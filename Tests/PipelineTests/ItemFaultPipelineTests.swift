import EmoCorpus
import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import Pipeline

/// The fault policy through prep and audit, on corpora written the way real files are: every item
/// read ends kept or dropped (malformed, no label, …) with its place; --strict stops at the first.
@Suite struct ItemFaultPipelineTests {
  /// Records what prep logs (progress notes and the fault warning).
  final class Log: @unchecked Sendable {
    var lines: [String] = []
    func callAsFunction(_ line: String) { lines.append(line) }
  }

  static func config(_ source: SourceKind, _ root: String, _ task: String, _ out: String) -> PrepConfig {
    var c = PrepConfig(source: source, root: root, task: task, out: out)
    c.jobs = 1
    c.folds = 0
    c.labelsOnly = true
    return c
  }

  /// An IEMOCAP dialog file as the release writes it (CRLF; a Latin-1 byte in a note): the actor's
  /// empty self-evaluation lines `C-F1:<TAB>;<TAB>()` / `A-F1:<TAB>;<TAB>()`, and one evaluator
  /// line without its `:` (line 13) that makes its turn malformed.
  static let iemocapDialog = [
    "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]",
    "",
    "[6.2901 - 8.2357]\tSes01M_impro03_F000\tneu\t[2.5000, 2.5000, 2.5000]",
    "C-E2:\tNeutral;\t(très calme)",
    "C-E3:\tNeutral;\t()",
    "C-F1:\t;\t()",
    "A-E3:\tval 3; act 2; dom  2;\t()",
    "A-F1:\t;\t()",
    "",
    "[9.0100 - 11.3925]\tSes01M_impro03_F001\tang\t[2.0000, 3.5000, 3.5000]",
    "C-E2:\tAnger;\t()",
    "C-E3:\tAnger; Frustration;\t()",
    "C-E4\tAnger;\t()",
    "C-F1:\tAnger;\t()",
    "",
    "[12.0000 - 14.2500]\tSes01M_impro03_M000\tsad\t[2.0000, 2.0000, 2.0000]",
    "C-E2:\tSadness;\t()",
    "C-M1:\t;\t()",
    "",
  ].joined(separator: "\r\n")

  @Test func iemocapFaultyTurnIsAccountedAndEmptyEvaluatorLinesAreMissingRatings() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let file = try tmp.write(
      "i/Session1/dialog/EmoEvaluation/Ses01M_impro03.txt", Self.iemocapDialog, encoding: .isoLatin1)
    var c = Self.config(.iemocap, tmp.path + "/i", "iemocap-4", tmp.path + "/p")
    let log = Log()
    let summary = try PrepPipeline.run(c, log: log.callAsFunction)

    #expect(summary.segmentsRead == 3)
    #expect(summary.kept == 2)
    #expect(summary.droppedPerReason["malformed"] == 1)
    #expect(summary.droppedPerReason["no_label"] == 0)
    #expect(summary.kept + summary.dropped == summary.segmentsRead)
    let cause =
      "malformed evaluator line: no \":\" after the evaluator tag (expected \"C-E2:<TAB>Label; Label;<TAB>(note)\")"
    #expect(
      log.lines.contains(
        "warning: 1 malformed item dropped (reason malformed, listed in the catalog's drops): \(file):13 "
          + "malformed evaluator line: no \":\" after the evaluator tag; --strict stops at the first"))
    #expect(summary.table().contains("  malformed"))

    let catalog = try Catalog(opening: tmp.path + "/p/" + Catalog.fileName)
    #expect(
      try catalog.drops(.malformed, limit: nil)
        == [
          Drop(
            segmentID: "Ses01M_impro03_F001", reason: .malformed, detail: cause, origin: Origin(file: file, line: 13))
        ])
    #expect(try DropListing.text(prepDir: tmp.path + "/p").contains("  Ses01M_impro03_F001 at \(file):13: \(cause)"))

    // The audit counts the actors' missing self-evaluations per evaluator.
    let audit = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: tmp.path + "/p/audit.json")))
    let noLabel = (audit as? [String: Any])?["no_label"] as? [[String: Any]]
    #expect(
      noLabel?.map { "\($0["coder"]!)/\($0["kind"]!)/\($0["items"]!)" } == [
        "F1/selfEvaluation/1", "F1/dimensional/1", "M1/selfEvaluation/1",
      ])

    c.strict = true
    #expect {
      try PrepPipeline.run(c, log: log.callAsFunction)
    } throws: { error in
      String(describing: error) == "\(file):13: \(cause)"
    }
  }

  @Test func tableFaultsAndEmptyLabelsAreCountedAndStrictStopsAtTheFirst() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try tmp.write(
      "t/list.csv",
      "file;emotion;speaker_id;start;end;\r\n a.wav ; angry ; S1 ; 0 ; 1.5 ;\r\n b.wav ;  ; S1 ; 0 ; 1.2 ;\r\n"
        + " c.wav ; sad ; S2 ; 0 ; 2 ;\r\n d.wav ; sad ; S2 ; 0 ; 2 ; extra ;\r\n e.wav ; neutral ; ; 0 ; 1 ;\r\n")
    var c = Self.config(.table, table, "iemocap-4", tmp.path + "/p")
    c.tableLayout = TableLayout(columns: ["path": "file", "label": "emotion", "speaker": "speaker_id"])
    let log = Log()
    let summary = try PrepPipeline.run(c, verbose: true, log: log.callAsFunction)
    #expect(summary.segmentsRead == 5)
    #expect(summary.kept == 2)
    #expect(summary.droppedPerReason["malformed"] == 2)
    #expect(summary.droppedPerReason["no_label"] == 1)
    #expect(summary.kept + summary.dropped == summary.segmentsRead)
    // --verbose: every malformed item on a line of its own, with its id.
    let warning = try #require(log.lines.first { $0.hasPrefix("warning:") })
    #expect(
      warning == """
        warning: 2 malformed items dropped (reason malformed, listed in the catalog's drops):
          d_0_2: \(table):5: row has 6 fields, the header has 5 (expected one value per column)
          e_0_1: \(table):6: empty required field speaker (expected a value in every row)
        """)
    let json = try String(contentsOfFile: tmp.path + "/p/summary.json", encoding: .utf8)
    #expect(json.contains("\"malformed\" : 2"))
    #expect(json.contains("\"no_label\" : 1"))

    // The layout is recorded, and the recorded config reproduces the run.
    let resolved = try PrepConfig.load(tmp.path + "/p/config.resolved.yaml")
    #expect(resolved.tableLayout == c.tableLayout)
    let yaml = try String(contentsOfFile: tmp.path + "/p/config.resolved.yaml", encoding: .utf8)
    #expect(
      yaml.contains(
        "table_layout:\n  audio_dir: null\n  columns:\n    label: emotion\n    path: file\n    speaker: speaker_id\n"))
    #expect(yaml.contains("time_tolerance: null"))
    #expect(try PrepPipeline.run(resolved, log: { _ in }) == summary)

    // audit reads the corpus the same way: the same warning (no catalog there) and a note.
    let auditLog = Log()
    let report = try AuditPipeline.run(c.corpus, task: c.task, out: tmp.path + "/a", log: auditLog.callAsFunction)
    #expect(
      auditLog.lines == [
        "warning: 2 malformed items dropped: \(table):5 row has 6 fields, the header has 5; "
          + "\(table):6 empty required field speaker; --strict stops at the first"
      ])
    #expect(
      report.notes.contains("items: 2 malformed items the reader could not read are left out (first at \(table):5)"))
    #expect(report.noLabel == [CoderNoLabel(coder: "coder1", kind: .categorical, items: 1)])

    c.strict = true
    #expect {
      try PrepPipeline.run(c, log: { _ in })
    } throws: { error in
      String(describing: error)
        == "\(table):3: empty label (expected a label; without --strict an empty label is a coder who gave none, and a segment no coder labelled is dropped as no label)"
    }
  }

  @Test func transcriberClampedBoundariesAreCountedInTheSummary() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let text = """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <!DOCTYPE Trans SYSTEM "trans-14.dtd">
      <Trans audio_filename="show">
      <Speakers><Speaker id="spk1" name="Présentatrice" type="female"/></Speakers>
      <Episode><Section type="report" startTime="846.941" endTime="863.396">
      <Turn speaker="spk1" startTime="846.941" endTime="863.396">
      <Sync time="846.941"/>
      <Event desc="emotion:Neutral" type="entities" extent="instantaneous"/>
      <Sync time="855.120"/>
      <Event desc="emotion:Anger" type="entities" extent="instantaneous"/>
      <Sync time="863.398"/>
      </Turn>
      </Section></Episode>
      </Trans>

      """
    try tmp.write("trs/show.trs", text, encoding: .isoLatin1)
    var c = Self.config(.trs, tmp.path + "/trs", "anger-neutral", tmp.path + "/p")
    let summary = try PrepPipeline.run(c, log: { _ in })
    #expect(summary.notes == ["clamped_boundaries": 1, "unlabeled_stretches": 0])
    #expect(summary.droppedPerReason["malformed"] == 0)
    #expect(summary.kept == 2)
    #expect(summary.table().contains("boundaries clamped within --time-tolerance: 1"))
    let yaml = try String(contentsOfFile: tmp.path + "/p/config.resolved.yaml", encoding: .utf8)
    #expect(yaml.contains("time_tolerance: 1e-2"))

    c.timeTolerance = 0.001
    let tight = try PrepPipeline.run(c, log: { _ in })
    #expect(tight.droppedPerReason["malformed"] == 1)
    #expect(tight.kept == 1)
    #expect(tight.kept + tight.dropped == tight.segmentsRead)
  }

  @Test func aCorpusOfOnlyMalformedItemsSaysSo() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try tmp.write("t/corpus.csv", "path,speaker,label,start,end\na.wav,s,x,2,1\n")
    let c = Self.config(.table, table, "iemocap-4", tmp.path + "/p")
    #expect {
      try PrepPipeline.run(c, log: { _ in })
    } throws: { error in
      String(describing: error)
        == "\(tmp.path)/t/corpus.csv: no readable segment: all 1 items read are malformed, the first: "
        + "\(table):2: end 1 is not after start 2 (expected end > start)"
    }
  }

  @Test func readerOptionsOnlyWhereTheyApply() {
    var c = PrepConfig(source: .cemo, root: "/", task: "cemo-4", out: "/")
    c.tableLayout = TableLayout(audioDir: "wav")
    c.timeTolerance = -1
    #expect(
      c.problems() == [
        "--audio-dir applies to table corpora (got SOURCE cemo)",
        "--time-tolerance applies to trs corpora (got SOURCE cemo)",
        "--time-tolerance must be >= 0 seconds (got -1.0)",
      ])
  }

  /// Through the real binary: the warning on stderr, the counts on stdout, --strict's one line and
  /// exit 1, and the usage errors of the new options (exit 2).
  @Test func commandLineWarnsCountsAndStopsWithStrict() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try tmp.write(
      "t/emo.csv", "file;emotion;speaker;start;end\na.wav;angry;S1;0;1\nb.wav;sad;S1;1;1\nc.wav;sad;S2;0;2\n")
    let args = [
      "prep", "table", table, "--columns", "path=file,label=emotion", "--task", "iemocap-4", "--labels-only",
      "--folds", "0", "--out", tmp.path + "/o",
    ]
    let run = try CLIRunner.run(args)
    #expect(run.status == 0)
    #expect(
      run.stderr.contains(
        "emocorpus: warning: 1 malformed item dropped (reason malformed, listed in the catalog's drops): "
          + "\(table):3 end 1 is not after start 1; --strict stops at the first\n"))
    #expect(run.stdout.contains("\ndropped        1\n  malformed    1\n"))
    #expect(run.stdout.contains("check: kept 2 + dropped 1 = 3 = read 3 ok"))

    let strict = try CLIRunner.run(args + ["--strict"])
    #expect(strict.status == 1)
    #expect(strict.stderr == "emocorpus: \(table):3: end 1 is not after start 1 (expected end > start)\n")

    let badColumns = try CLIRunner.run(args + ["--columns", "file=x"])
    #expect(badColumns.status == 2)
    #expect(badColumns.stderr.contains("--columns: unknown column name 'file'"))
    let notTrs = try CLIRunner.run(args + ["--time-tolerance", "0.02"])
    #expect(notTrs.status == 2)
    #expect(notTrs.stderr.contains("--time-tolerance applies to trs corpora (got SOURCE table)"))
  }
}
