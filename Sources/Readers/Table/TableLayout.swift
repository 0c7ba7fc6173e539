import EmoSupport
import Foundation

/// How a table as its authors ship it maps onto the columns EmoCorpus reads (`--columns`) and
/// where its audio files are (`--audio-dir`): nothing to convert by hand.
///
/// `TableLayout(columns: ["path": "file_id", "label": "emotion"], audioDir: "samples")` reads a
/// table whose header says `file_id … emotion …` with audio in `samples/` beside the table.
public struct TableLayout: Sendable, Hashable, Codable {
  /// EmoCorpus column name (`path`, `speaker`, `label`, …) → the table's own header name.
  /// Names not listed are looked up as themselves.
  public var columns: [String: String]
  /// Folder of the audio files, relative to the table's folder (or absolute); relative paths of
  /// the `path` column are taken inside it. nil: the table's folder.
  public var audioDir: String?

  public init(columns: [String: String] = [:], audioDir: String? = nil) {
    self.columns = columns
    self.audioDir = audioDir
  }

  /// Columns every table must have.
  public static let requiredColumns = ["path", "speaker", "label"]
  /// Columns read when present; any other column is kept in the segment's `extra`. Adding a
  /// column here is all a new optional column needs to be recognised and mappable.
  /// `channel`: the speaker's channel of multichannel audio, counted from 0. `text`: the segment's
  /// transcript; `sentence`: a sentence code (both compared for content leakage, never printed).
  public static let optionalColumns = [
    "gender", "start", "end", "dialog", "coder", "minor", "role", "id", "channel", "text", "sentence",
  ]
  public static var knownColumns: [String] { requiredColumns + optionalColumns }

  /// True when the layout changes nothing (the table uses EmoCorpus's names, audio beside it).
  public var isDefault: Bool { columns.isEmpty && audioDir == nil }

  /// The header name looked up for EmoCorpus column `name`.
  public func header(for name: String) -> String { columns[name] ?? name }

  /// Parses `--columns path=file_id,label=emotion,speaker=speaker_id`; the text of the problem
  /// when it is not `name=header` pairs over known names, each name once.
  public static func parseColumns(_ text: String) -> Result<[String: String], ColumnsProblem> {
    let list: KeyValueList
    do {
      list = try KeyValueList.parse(text, caseInsensitiveKeys: true)
    } catch {
      switch error {
      case .empty:
        return .failure(.empty)
      case .notAPair(let item):
        return .failure(.notAPair(item))
      case .repeated(let name):
        return .failure(.repeated(name.lowercased()))
      }
    }
    var columns: [String: String] = [:]
    for entry in list.entries {
      let name = entry.key.lowercased()
      guard knownColumns.contains(name) else { return .failure(.unknownName(name)) }
      columns[name] = entry.value
    }
    return .success(columns)
  }

  /// Why a `--columns` value cannot be read.
  public enum ColumnsProblem: Error, Equatable, CustomStringConvertible {
    case empty
    case notAPair(String)
    case unknownName(String)
    case repeated(String)

    public var description: String {
      let shape = "name=header pairs such as path=file_id,label=emotion"
      let names = "names: " + TableLayout.knownColumns.joined(separator: ", ")
      switch self {
      case .empty: return "--columns is empty (expected \(shape))"
      case .notAPair(let text): return "--columns: '\(text)' is not name=header (expected \(shape))"
      case .unknownName(let name): return "--columns: unknown column name '\(name)' (expected one of the \(names))"
      case .repeated(let name): return "--columns names \(name) twice (expected each name once)"
      }
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case columns, audioDir = "audio_dir"
  }

  private struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "the table layout")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    columns = try c.decodeIfPresent([String: String].self, forKey: .columns) ?? [:]
    audioDir = try c.decodeIfPresent(String.self, forKey: .audioDir)
    for name in columns.keys where !Self.knownColumns.contains(name) {
      throw DecodingError.dataCorruptedError(
        forKey: .columns, in: c, debugDescription: ColumnsProblem.unknownName(name).description)
    }
  }

  /// Columns in name order, so that config.resolved.yaml is the same bytes on every run.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    var mapping = c.nestedContainer(keyedBy: NameKey.self, forKey: .columns)
    for name in columns.keys.sorted() { try mapping.encode(columns[name]!, forKey: NameKey(stringValue: name)) }
    try c.encode(audioDir, forKey: .audioDir)
  }
}
