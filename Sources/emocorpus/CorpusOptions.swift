import ArgumentParser
import EmoCorpus
import Foundation
import Pipeline
import Readers

/// Reader and selection options shared by `prep` and `audit`. Options are nil when not given, so
/// that with `prep --config` only the flags on the command line override the file.
struct CorpusOptions: ParsableArguments {
  @Argument(help: "Corpus format.")
  var source: SourceKind?

  @Argument(
    help:
      "Corpus root: an IEMOCAP or MSP-Podcast release folder, a CEMO XML file or folder, a CSV/TSV table, a folder of audio files."
  )
  var root: String?

  @Option(
    name: .long,
    help: """
      files: a bundled corpus convention (pattern, label and gender maps), e.g. emodb, ravdess, \
      crema-d; 'list' prints them.
      """)
  var preset: String?

  @Option(
    name: .long,
    help: """
      files: a regular expression over each audio file's path relative to ROOT with named groups \
      speaker and label (required), gender, dialog, id; matched ignoring case.
      """)
  var pattern: String?

  @Option(name: .long, help: "files: what captured label codes stand for, e.g. W=anger,L=boredom.")
  var labelMap: String?

  @Option(
    name: .long,
    help:
      "files: what captured gender codes stand for, e.g. 01=female,02=male (without a gender group: speakers, 03=male)."
  )
  var genderMap: String?

  @Option(name: .long, help: "files: text put before every speaker id (presets use their name, e.g. emodb-).")
  var speakerPrefix: String?

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

  @Option(
    name: .long,
    help:
      "Drop segments shorter than this many seconds (prep refuses it in a labels-only run that cannot know a duration)."
  )
  var minDuration: Double?

  @Option(
    name: .long, help: "Consensus rule when the corpus has none: soft, majority or coder:ID (default: soft).")
  var consensus: ConsensusRule?

  @Flag(name: .long, help: "Drop segments with unknown labels (each accounted) instead of failing.")
  var dropUnknown = false

  @Flag(
    name: .long,
    help:
      "Skip audio altogether: no features; folds, audit and catalog still made (a whole file whose audio is not there: duration unknown)."
  )
  var labelsOnly = false

  @Option(
    name: .long,
    help: """
      table: the table's own column names for path, speaker, label, … \
      (e.g. path=file_id,label=emotion,speaker=speaker_id); msp-podcast: the label tables' own \
      names for file, class, arousal, valence, dominance, speaker, gender, split, worker, major, second.
      """)
  var columns: String?

  @Option(name: .long, help: "table: folder of the audio files, relative to the table's folder (e.g. samples).")
  var audioDir: String?

  @Option(
    name: .long,
    help: "table: columns of numeric ratings per dimension (e.g. arousal=EmoAct,valence=EmoVal,dominance=EmoDom).")
  var dimensions: String?

  @Option(name: .long, help: "table: the ratings' scale MIN:MAX (e.g. 1:7); values outside are left out and counted.")
  var scale: String?

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

  /// `--preset list`: print the presets and do nothing else.
  var listsPresets: Bool { preset == "list" }

  /// The `files` reader's options given on the command line over `base` (`base` when none is given).
  func fileOptions(over base: FileReaderOptions?) throws -> FileReaderOptions? {
    guard preset != nil || pattern != nil || labelMap != nil || genderMap != nil || speakerPrefix != nil else {
      return base
    }
    var options = base ?? FileReaderOptions()
    func map(_ text: String, _ option: String) throws -> CodeMap {
      do { return try CodeMap(parsing: text, option: option) } catch { throw ValidationError(error.description) }
    }
    if let preset { options.preset = preset }
    if let pattern { options.pattern = pattern }
    if let labelMap { options.labelMap = try map(labelMap, "--label-map") }
    if let genderMap { options.genderMap = try map(genderMap, "--gender-map") }
    if let speakerPrefix { options.speakerPrefix = speakerPrefix }
    return options
  }

  /// Copies the options given on the command line into a prep config (the others keep its values).
  func apply(to config: inout PrepConfig) throws {
    var request = config.corpus
    try apply(to: &request)
    config.corpus = request
    if labelsOnly { config.labelsOnly = true }
  }

  /// Copies the reading and selection options given on the command line into `config` (the others
  /// keep its values): the one parser of these flags for prep and audit.
  func apply(to config: inout CorpusRequest) throws {
    config.reader.files = try fileOptions(over: config.reader.files)
    if let subset { config.subset = subset }
    if let sessions = try parsedSessions() { config.sessions = sessions }
    if let roles = try parsedRoles() { config.roles = roles }
    if excludeAllNeutral { config.excludeAllNeutral = true }
    if let minDuration { config.minDuration = minDuration }
    if let consensus { config.consensus = consensus }
    if dropUnknown { config.dropUnknown = true }
    var columns = self.columns
    if config.source == .mspPodcast, let text = columns {
      switch MSPPodcastColumns.parse(text) {
      case .success(let mapping): config.reader.mspColumns = mapping
      case .failure(let problem): throw ValidationError(problem.description)
      }
      columns = nil
    }
    if columns != nil || audioDir != nil || dimensions != nil || scale != nil {
      var layout = config.reader.table ?? TableLayout()
      if let columns {
        switch TableLayout.parseColumns(columns) {
        case .success(let mapping): layout.columns = mapping
        case .failure(let problem): throw ValidationError(problem.description)
        }
      }
      if let audioDir { layout.audioDir = audioDir }
      if let dimensions {
        switch TableLayout.parseDimensions(dimensions) {
        case .success(let mapping): layout.dimensions = mapping
        case .failure(let problem): throw ValidationError(problem.description)
        }
      }
      if let scale {
        switch TableLayout.parseScale(scale) {
        case .success(let bounds): layout.scale = bounds
        case .failure(let problem): throw ValidationError(problem.description)
        }
      }
      config.reader.table = layout
    }
    if let timeTolerance { config.reader.timeTolerance = timeTolerance }
  }
}
