import EmoSupport
import Foundation
import Readers

/// MSP-Podcast's own split: the `Split_Set` column of `Labels/labels_consensus.csv` (or
/// `labels_concensus.csv`). Fold K tests `TestK` (Test1, Test2, and Test3 when the release has it)
/// and trains on `Train` with `Development` as validation. PATH is the release folder or the
/// consensus table itself; a file with an empty `Split_Set` is in no fold.
extension ExternalSplit {
  static func readMSPPodcast(_ path: String) throws -> ExternalSplit {
    let table = try DelimitedTable.read(
      try mspConsensusTable(path), expected: "a header with FileName, SpkrID and Split_Set")
    let file = table.path
    guard let nameColumn = table.column(MSPPodcastColumns.defaults["file"]!),
      let splitColumn = table.column(MSPPodcastColumns.defaults["split"]!)
    else {
      throw LocatedError(
        file: file, line: table.header.line, "no FileName and Split_Set columns",
        expected: "the consensus table of an MSP-Podcast release: FileName, …, Split_Set")
    }
    let speakerColumn = table.column(MSPPodcastColumns.defaults["speaker"]!)
    var shared: [Split: [ExternalItem]] = [:]
    var tests: [Int: [ExternalItem]] = [:]
    for record in table.rows {
      func cell(_ c: Int?) -> String {
        guard let c, c < record.fields.count else { return "" }
        return record.fields[c].trimmingCharacters(in: .whitespaces)
      }
      let name = cell(nameColumn)
      let set = cell(splitColumn)
      guard !name.isEmpty, !set.isEmpty else { continue }
      let id = ReaderPaths.stem(name)
      var speaker = cell(speakerColumn)
      if speaker.isEmpty || speaker.lowercased() == "unknown" { speaker = "Unknown_\(id)" }
      let item = ExternalItem(id: id, speaker: speaker, path: name, file: file, line: record.line)
      switch set.lowercased() {
      case "train": shared[.train, default: []].append(item)
      case "development", "dev", "validation": shared[.val, default: []].append(item)
      case let text where text.hasPrefix("test") && Int(text.dropFirst(4)).map({ $0 >= 1 }) == true:
        tests[Int(text.dropFirst(4))!, default: []].append(item)
      default:
        throw LocatedError(
          file: file, line: record.line, "Split_Set '\(set)'", expected: "Train, Development, Test1, Test2 or Test3")
      }
    }
    let folds = tests.keys.sorted().map { k in
      ExternalFold(index: k, splits: [.train: shared[.train] ?? [], .val: shared[.val] ?? [], .test: tests[k]!])
    }
    return ExternalSplit(
      source: ExternalSplitSource(format: .mspPodcast, path: path), folds: folds, speakerOrigin: "SpkrID")
  }

  /// The consensus table of a release folder (or PATH itself when it is a file).
  static func mspConsensusTable(_ path: String) throws -> String {
    guard ReaderPaths.isFolder(path) else { return path }
    for name in MSPPodcastReader.consensusNames where ReaderPaths.exists(path + "/Labels/" + name) {
      return path + "/Labels/" + name
    }
    throw LocatedError(
      file: path + "/Labels", "no labels_consensus.csv (or labels_concensus.csv): this release gives no Split_Set",
      expected: "the consensus table with its Split_Set column, or speaker folds planned with --folds N")
  }
}
