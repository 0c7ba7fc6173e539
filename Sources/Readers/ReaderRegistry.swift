import EmoCorpus
import EmoSupport
import Foundation

/// The reader options of every source, as `prep` and `audit` hold them (flags and `--config` fill
/// the same values): each source reads the ones its registration lists and no other.
public struct ReaderOptions: Sendable, Hashable {
  /// Malformed items and missing audio are fatal instead of dropped and counted.
  public var strict = false
  /// `table`: the table's own column names, audio folder, rating columns and scale.
  public var table: TableLayout?
  /// `trs`: boundary disagreement clamped as rounding, in seconds (nil: the default).
  public var timeTolerance: Double?
  /// `files`: preset, pattern and code maps.
  public var files: FileReaderOptions?
  /// `msp-podcast`: the label tables' own column names (`--columns` with that source).
  public var mspColumns: [String: String]?

  public init(
    strict: Bool = false, table: TableLayout? = nil, timeTolerance: Double? = nil, files: FileReaderOptions? = nil,
    mspColumns: [String: String]? = nil
  ) {
    self.strict = strict
    self.table = table
    self.timeTolerance = timeTolerance
    self.files = files
    self.mspColumns = mspColumns
  }

  /// The options that are set, by the flag that sets them (`strict` applies to every source).
  public var given: [ReaderOption] {
    var found: [ReaderOption] = []
    if let table {
      if !table.columns.isEmpty { found.append(.columns) }
      if table.audioDir != nil { found.append(.audioDir) }
      if !table.dimensions.isEmpty { found.append(.dimensions) }
      if table.scale != nil { found.append(.scale) }
    }
    if timeTolerance != nil { found.append(.timeTolerance) }
    if let files {
      if files.preset != nil { found.append(.preset) }
      if files.pattern != nil { found.append(.pattern) }
      if files.labelMap != nil { found.append(.labelMap) }
      if files.genderMap != nil { found.append(.genderMap) }
      if files.speakerPrefix != nil { found.append(.speakerPrefix) }
    }
    if let mspColumns, !mspColumns.isEmpty { found.append(.mspColumns) }
    return found
  }
}

/// A reader option that belongs to some sources only, named by its flag.
public enum ReaderOption: String, Sendable, Hashable, CaseIterable {
  case columns = "--columns", audioDir = "--audio-dir", dimensions = "--dimensions", scale = "--scale"
  case timeTolerance = "--time-tolerance"
  case preset = "--preset", pattern = "--pattern", labelMap = "--label-map", genderMap = "--gender-map"
  case speakerPrefix = "--speaker-prefix"
  /// `--columns` given with SOURCE msp-podcast (its label tables' names), `msp_columns` in a config.
  case mspColumns = "--columns (MSP-Podcast label tables)"
}

/// One source of `prep SOURCE ROOT` and `audit SOURCE ROOT`: everything the tool knows about it
/// outside its reader's folder. Adding a source is its folder, a `SourceKind` case and one entry
/// of `ReaderRegistry.all`.
public struct ReaderRegistration: Sendable {
  public var source: SourceKind
  /// What ROOT is for this source (help and errors).
  public var root: String
  /// The sample rate features are computed at unless `--rate` says otherwise.
  public var defaultRate: Int
  /// The bundled label mapping its labels are usually written in (the audit without `--task`
  /// keeps every class of it; `--task all` prefers it on ties), and that mapping's neutral class.
  public var labelMapping: String
  public var neutralClass: String
  /// The source-specific options it reads; any other given is refused.
  public var options: [ReaderOption]
  /// The title of its section in README.md (under "Your corpus").
  public var readmeSection: String
  /// The reader, with the options (checked by `problems` first).
  public var reader: @Sendable (ReaderOptions) throws -> any CorpusReader
  /// What is wrong with the options for this source beyond options it does not read (worded with
  /// the flags); empty when they are usable.
  public var checks: @Sendable (ReaderOptions) -> [String] = { _ in [] }

  /// Every problem of `options` for this source: options of other sources, then its own checks.
  public func problems(_ options: ReaderOptions) -> [String] {
    var found: [String] = []
    // One line per source the foreign options belong to: "--columns, --audio-dir apply to table corpora".
    for owner in ReaderRegistry.all where owner.source != source {
      let theirs = options.given.filter { !self.options.contains($0) && owner.options.contains($0) }
      guard !theirs.isEmpty else { continue }
      let names = theirs.map(\.rawValue)
      let listed = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
      found.append(
        "\(listed) \(names.count == 1 ? "applies" : "apply") to \(owner.source.rawValue) corpora "
          + "(got SOURCE \(source.rawValue))")
    }
    return found + checks(options)
  }
}

/// Every source, once.
public enum ReaderRegistry {
  public static let all: [ReaderRegistration] = [
    ReaderRegistration(
      source: .iemocap, root: "an IEMOCAP release folder (Session1 … Session5)", defaultRate: 16000,
      labelMapping: "iemocap-labels", neutralClass: "neu", options: [], readmeSection: "IEMOCAP",
      reader: { IEMOCAPReader(strict: $0.strict) }),
    ReaderRegistration(
      source: .cemo, root: "a CEMO-style XML file or a folder of them", defaultRate: 8000,
      labelMapping: "cemo-fine-to-macro", neutralClass: "Neutral", options: [], readmeSection: "CEMO-style XML",
      reader: { CEMOXMLReader(strict: $0.strict) }),
    ReaderRegistration(
      source: .table, root: "a CSV/TSV table", defaultRate: 16000, labelMapping: "cemo-fine-to-macro",
      neutralClass: "Neutral", options: [.columns, .audioDir, .dimensions, .scale],
      readmeSection: "Any other corpus: a table",
      reader: { TableReader(layout: $0.table ?? TableLayout(), strict: $0.strict) }),
    ReaderRegistration(
      source: .trs, root: "a Transcriber .trs file or a folder of them", defaultRate: 8000,
      labelMapping: "cemo-fine-to-macro", neutralClass: "Neutral", options: [.timeTolerance],
      readmeSection: "Transcriber (`.trs`)",
      reader: {
        TranscriberReader(timeTolerance: $0.timeTolerance ?? TranscriberReader.defaultTimeTolerance, strict: $0.strict)
      },
      checks: { options in
        guard let t = options.timeTolerance, !(t >= 0) else { return [] }
        return ["--time-tolerance must be >= 0 seconds (got \(t))"]
      }),
    ReaderRegistration(
      source: .files, root: "a folder of audio files", defaultRate: 16000, labelMapping: "emotion-words",
      neutralClass: "neutral", options: [.preset, .pattern, .labelMap, .genderMap, .speakerPrefix],
      readmeSection: "Corpora without a table: speaker and emotion in file names",
      reader: { FileSourceReader(options: $0.files ?? FileReaderOptions(), strict: $0.strict) },
      checks: { ($0.files ?? FileReaderOptions()).problems() }),
    ReaderRegistration(
      source: .mspPodcast, root: "an MSP-Podcast release folder (Labels/, Audios/)", defaultRate: 16000,
      labelMapping: "msp-podcast-labels", neutralClass: "neutral", options: [.mspColumns],
      readmeSection: "MSP-Podcast",
      reader: { MSPPodcastReader(columns: $0.mspColumns ?? [:], strict: $0.strict) }),
  ]

  /// The registration of `source` (every `SourceKind` has one; a test checks it).
  public static func entry(for source: SourceKind) -> ReaderRegistration {
    guard let found = all.first(where: { $0.source == source }) else {
      preconditionFailure("source \(source.rawValue) is not registered in ReaderRegistry.all")
    }
    return found
  }

  /// The reader of `source` with `options`, after its checks (the first problem is the error).
  public static func reader(for source: SourceKind, options: ReaderOptions) throws -> any CorpusReader {
    let entry = entry(for: source)
    if let problem = entry.problems(options).first { throw LocatedError(file: nil, problem) }
    return try entry.reader(options)
  }
}

/// SOURCE `files`: a file-name preset or pattern, or a table preset (nEMO's data.tsv), whose table
/// is read under the corpus's own column names and finished like a file-name preset.
struct FileSourceReader: CorpusReader {
  var options: FileReaderOptions
  var strict: Bool

  func read(root: String) throws -> Corpus {
    guard let preset = try options.loadPreset(), let table = preset.table else {
      return try FilesReader(layout: options.layout()).read(root: root)
    }
    let path = URL(fileURLWithPath: root).appendingPathComponent(table.file).standardizedFileURL.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw LocatedError(
        file: path, "preset \(preset.name) reads \(table.file), which is not in ROOT",
        expected: "ROOT as distributed: the folder holding \(table.file)")
    }
    let reader = TableReader(layout: TableLayout(columns: table.columns, audioDir: table.audioDir), strict: strict)
    return try preset.finishing(tableCorpus: reader.read(root: path), root: root)
  }
}
