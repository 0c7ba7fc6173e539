import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

/// `audit votes` / `audit ratings` inputs: the CREMA-D-like fixtures (scripts/dev/golden_irrcac.py) and
/// bad tables.
@Suite struct RatingTablesTests {
  static let folder = Bundle.module.url(forResource: "votes", withExtension: nil, subdirectory: "Fixtures")!.path
  static let votesFile = folder + "/tabulatedVotes.csv"
  static let longFile = folder + "/finishedResponses.csv"
  static let longColumns = ["item": "clipName+queryType", "rater": "localid", "label": "respEmo"]

  @Test func voteTableGivesTheGoldenCoefficientsAndTheTableOwnTies() throws {
    let input = try AuditInput.votes(
      file: Self.votesFile, options: try VoteTableOptions(countColumns: "A,D,F,H,N,S", item: "fileName"))
    let report = runAudit(input)
    let golden = try #require(try GoldenFixture("irrcac").named("tabulated_votes_fixture"))
    let expected = golden["expected"] as! [String: Any]
    for (entry, key) in [
      (report.percentAgreement, "percent_agreement"), (report.fleissKappa, "fleiss_kappa"),
      (report.krippendorffAlpha, "krippendorff_alpha"), (report.gwetAC1, "gwet_ac1"),
      (report.brennanPrediger, "brennan_prediger"),
    ] {
      let r = expected[key] as! [String: Any]
      #expect(close(entry.value, goldenDouble(r["value"]), 1e-9), "\(key)")
      #expect(close(entry.se, goldenDouble(r["se"]), 1e-7), "\(key) se")
    }
    // Independent of the computation: the table's own emoVote column marks ties as "A:D".
    let text = try String(contentsOfFile: Self.votesFile, encoding: .utf8)
    let tiesInFile = text.split(separator: "\n").dropFirst().filter { $0.split(separator: ",")[10].contains(":") }
    #expect(report.majority.ties == tiesInFile.count && report.majority.ties > 0)
    #expect(report.input.kind == .votes && report.input.rows == 36 && report.input.raters == nil)
    #expect(report.congerKappa.value == nil && report.scottPi.value == nil && report.raters.isEmpty)
    #expect(report.notes.contains("conger_kappa: null, needs rater identity (a vote table has counts only)"))
    #expect(report.input.categories == ["A", "D", "F", "H", "N", "S"])
  }

  @Test func longFormGivesTheSameCountCoefficientsAndIrrCACConger() throws {
    let votes = runAudit(
      try AuditInput.votes(file: Self.votesFile, options: try VoteTableOptions(countColumns: "A,D,F,H,N,S")))
    let long = runAudit(
      try AuditInput.ratings(
        file: Self.longFile, options: RatingsTableOptions(columns: Self.longColumns, bootstrapReplicates: 0)))
    for (a, b) in [
      (votes.percentAgreement, long.percentAgreement), (votes.fleissKappa, long.fleissKappa),
      (votes.krippendorffAlpha, long.krippendorffAlpha), (votes.gwetAC1, long.gwetAC1),
      (votes.brennanPrediger, long.brennanPrediger),
    ] {
      #expect(close(a.value, b.value, 1e-12) && close(a.se, b.se, 1e-12) && a.ci95 != nil)
    }
    #expect(votes.majority == long.majority)
    let golden = try #require(try GoldenFixture("irrcac").named("finished_responses_fixture"))
    let conger = (golden["expected"] as! [String: Any])["conger_kappa"] as! [String: Any]
    #expect(close(long.congerKappa.value, goldenDouble(conger["value"]), 1e-9))
    #expect(close(long.congerKappa.se, goldenDouble(conger["se"]), 1e-9))
    #expect(long.input.raters == 30 && long.raters.count == 30 && long.input.ratedItems == 36)
  }

  @Test func badVoteRowsAreDroppedAndListedOrFatalWhenStrict() throws {
    let tmp = try TemporaryDirectory("votes")
    defer { tmp.remove() }
    let path = tmp.path + "/votes.csv"
    try "id,A,B\nx1,2,1\nx2,-1,3\nx3,1\n,2,2\nx5,1.5,0\nx1,0,3\n".write(toFile: path, atomically: true, encoding: .utf8)
    let input = try AuditInput.votes(file: path, options: try VoteTableOptions(countColumns: "A,B"))
    #expect(input.items.map(\.segmentID) == ["x1", "x1"])
    #expect(
      input.source.droppedRows == [
        DroppedRow(line: 3, reason: "count '-1' in column 'A' is not a whole number >= 0"),
        DroppedRow(line: 4, reason: "row has 2 fields, the header 3"),
        DroppedRow(line: 5, reason: "empty item id in column 'id'"),
        DroppedRow(line: 6, reason: "count '1.5' in column 'A' is not a whole number >= 0"),
      ])
    #expect(input.source.notes.contains { $0.hasPrefix("input: 1 rows repeat an item id") })
    #expect(throws: LocatedError.self) {
      try AuditInput.votes(file: path, options: try VoteTableOptions(countColumns: "A,B", strict: true))
    }
    do {
      _ = try AuditInput.votes(file: path, options: try VoteTableOptions(countColumns: "A,B", strict: true))
    } catch let error as LocatedError {
      #expect(
        error.description
          == "\(path):3: count '-1' in column 'A' is not a whole number >= 0 (expected vote counts)")
    }
  }

  /// A file that cannot be trusted: one line, file and line, what was expected.
  @Test(arguments: [
    (["A", "Q"], "missing count column 'Q' (expected the columns named by --counts; found: \"\", A, D"),
    (["A=anger", "D=grumpy"], "unknown label 'grumpy' (expected a label of iemocap-labels"),
  ])
  func voteTableFileFaultsAreOneLine(counts: [String], message: String) throws {
    let task = counts.contains { $0.contains("=") } ? try TaskDefinition.load("iemocap-4") : nil
    do {
      _ = try AuditInput.votes(
        file: Self.votesFile, options: try VoteTableOptions(countColumns: counts.joined(separator: ","), task: task))
      Issue.record("no error")
    } catch let error as LocatedError {
      #expect(error.description.hasPrefix(Self.votesFile + ":1: " + message), "\(error)")
    }
  }

  @Test func columnsMappedThroughATaskMergeAndLeaveOut() throws {
    let task = try TaskDefinition.load("iemocap-4")
    let counts = ["A=anger", "D=disgust", "F=fear", "H=happiness", "N=neutral", "S=sadness"]
    let input = try AuditInput.votes(
      file: Self.votesFile, options: try VoteTableOptions(countColumns: counts.joined(separator: ","), task: task))
    #expect(
      input.votes?.categories == task.classNames.filter { ["anger", "happiness", "neutral", "sadness"].contains($0) })
    #expect(
      input.source.notes.contains { $0.hasPrefix("input: votes of column D (") && $0.hasSuffix("not in the task") })
    // Votes of D and F leave the table: total votes drop by their column sums.
    let text = try String(contentsOfFile: Self.votesFile, encoding: .utf8)
    let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    let kept = rows.reduce(0) { $0 + Int($1[1])! + Int($1[4])! + Int($1[5])! + Int($1[6])! }
    #expect(input.votes!.counts.reduce(0) { $0 + Int($1) } == kept)
  }

  @Test func ratingsTableDropsDuplicatesAndEmptyLabels() throws {
    let tmp = try TemporaryDirectory("ratings")
    defer { tmp.remove() }
    let path = tmp.path + "/r.tsv"
    let rows = [
      "clip\tworker\temotion", "c1\tw1\tang", "c1\tw2\tang", "c1\tw1\tneu", "c2\tw1\t", "c2\t\tneu", "c2\tw2\tneu",
    ]
    try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let input = try AuditInput.ratings(
      file: path,
      options: RatingsTableOptions(columns: ["item": "clip", "rater": "worker", "label": "emotion"]))
    #expect(input.items.map(\.segmentID) == ["c1", "c2"])
    #expect(input.items[0].judgements.map(\.major) == ["ang", "ang"] && input.items[0].finalLabel == "ang")
    #expect(
      input.source.droppedRows == [
        DroppedRow(line: 4, reason: "rater w1 rates item c1 again (first at line 2)"),
        DroppedRow(line: 5, reason: "no label"), DroppedRow(line: 6, reason: "empty rater"),
      ])
    do {
      _ = try AuditInput.ratings(file: path, options: RatingsTableOptions())
      Issue.record("no error")
    } catch let error as LocatedError {
      #expect(
        error.description
          == "\(path):1: missing item column 'item' (expected item, rater and label columns, or "
          + "--columns item=…,rater=…,label=…; found: clip, worker, emotion)")
    }
  }
}
