import EmoCorpus
import Foundation

/// Chooses the reader for a SOURCE and reads the corpus (the only place that maps formats to readers).
public enum CorpusLoading {
  public static func reader(for source: SourceKind) -> any CorpusReader {
    switch source {
    case .iemocap: IEMOCAPReader()
    case .cemo: CEMOXMLReader()
    case .table: TableReader()
    case .trs: TranscriberReader()
    }
  }

  /// Reads `root` with the reader of `source`; a missing root is a one-line error naming it.
  public static func read(_ source: SourceKind, root: String) throws -> Corpus {
    guard FileManager.default.fileExists(atPath: root) else { throw PipelineError.missingRoot(root) }
    return try reader(for: source).read(root: root)
  }
}
