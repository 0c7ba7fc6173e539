import ArgumentParser
import EmoCorpus
import Foundation
import Pipeline

/// Reader and selection options shared by `prep` and `audit`. Options are nil when not given, so
/// that with `prep --config` only the flags on the command line override the file.
struct CorpusOptions: ParsableArguments {
  @Argument(help: "Corpus format.")
  var source: SourceKind?

  @Argument(help: "Corpus root: an IEMOCAP release folder, a CEMO XML file or folder, a CSV/TSV table.")
  var root: String?

  @Option(name: .long, help: "Task name (e.g. cemo-4, iemocap-4) or a task YAML file.")
  var task: String?

  @Option(name: .long, help: "IEMOCAP subset to keep (default: improvised).")
  var subset: Subset?

  @Option(name: .long, help: "Comma-separated session numbers to keep (e.g. 1,2,3).")
  var sessions: String?

  @Option(name: .long, help: "Comma-separated roles to keep: caller, agent, speaker.")
  var roles: String?

  @Flag(name: .long, help: "Drop speakers whose kept segments are all Neutral (CEMO-4eC_s).")
  var excludeAllNeutral = false

  @Option(name: .long, help: "Drop segments shorter than this many seconds.")
  var minDuration: Double?

  @Option(
    name: .long, help: "Consensus rule when the corpus has none: soft, majority or coder:ID (default: soft).")
  var consensus: ConsensusRule?

  @Flag(name: .long, help: "Drop segments with unknown labels (each accounted) instead of failing.")
  var dropUnknown = false

  @Flag(name: .long, help: "Skip audio altogether: no features; folds, audit and catalog still made.")
  var labelsOnly = false

  @Option(
    name: .long,
    help: """
      table: the table's own column names for path, speaker, label, … \
      (e.g. path=file_id,label=emotion,speaker=speaker_id).
      """)
  var columns: String?

  @Option(name: .long, help: "table: folder of the audio files, relative to the table's folder (e.g. samples).")
  var audioDir: String?

  @Option(
    name: .long,
    help: "trs: boundaries that disagree by at most this many seconds are clamped and counted (default 0.010).")
  var timeTolerance: Double?

  func parsedSessions() throws -> [Int]? {
    guard let sessions else { return nil }
    return try ArgumentValues.positiveNumbers(
      sessions, usage: "--sessions must be comma-separated session numbers such as 1,2,3")
  }

  func parsedRoles() throws -> [Role]? {
    guard let roles else { return nil }
    return try roles.split(separator: ",").map {
      let name = $0.trimmingCharacters(in: .whitespaces)
      guard let role = Role(rawValue: name) else {
        throw ValidationError("--roles must list caller, agent or speaker (got '\(name)')")
      }
      return role
    }
  }

  /// Copies the options given on the command line into a prep config (the others keep its values).
  func apply(to config: inout PrepConfig) throws {
    if let subset { config.subset = subset }
    if let sessions = try parsedSessions() { config.sessions = sessions }
    if let roles = try parsedRoles() { config.roles = roles }
    if excludeAllNeutral { config.excludeAllNeutral = true }
    if let minDuration { config.minDuration = minDuration }
    if let consensus { config.consensus = consensus }
    if dropUnknown { config.dropUnknown = true }
    if labelsOnly { config.labelsOnly = true }
    if columns != nil || audioDir != nil {
      var layout = config.tableLayout ?? TableLayout()
      if let columns {
        switch TableLayout.parseColumns(columns) {
        case .success(let mapping): layout.columns = mapping
        case .failure(let problem): throw ValidationError(problem.description)
        }
      }
      if let audioDir { layout.audioDir = audioDir }
      config.tableLayout = layout
    }
    if let timeTolerance { config.timeTolerance = timeTolerance }
  }
}
