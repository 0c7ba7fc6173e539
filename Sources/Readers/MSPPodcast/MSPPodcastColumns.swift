import EmoSupport

/// The column names of MSP-Podcast's label tables, read by name (any order, any case); `--columns`
/// maps a name to a release's own header (`--columns worker=Annotator`).
public enum MSPPodcastColumns {
  /// EmoCorpus name → the header MSP-Podcast releases use. `worker` has no single spelling: the
  /// first of `workerHeaders` found is used.
  public static let defaults: [String: String] = [
    "file": "FileName", "class": "EmoClass", "arousal": "EmoAct", "valence": "EmoVal", "dominance": "EmoDom",
    "speaker": "SpkrID", "gender": "Gender", "split": "Split_Set", "major": "EmoClass_Major",
    "second": "EmoClass_Second", "worker": "WorkerID",
  ]
  /// Headers taken for the rater's id in the per-rater table when `--columns worker=…` is not given.
  public static let workerHeaders = [
    "WorkerID", "Worker_ID", "Worker", "WorkerId", "Annotator", "AnnotatorID", "Rater",
  ]
  /// The names `--columns` accepts, in the order help lists them.
  public static let names = [
    "file", "class", "arousal", "valence", "dominance", "speaker", "gender", "split", "worker", "major", "second",
  ]

  /// Parses `--columns worker=Annotator,file=Name`: known names, each once; the problem in words
  /// otherwise.
  public static func parse(_ text: String) -> Result<[String: String], KeyValueProblem> {
    let list: KeyValueList
    do {
      list = try KeyValueList.parse(text, caseInsensitiveKeys: true)
    } catch {
      switch error {
      case .empty: return .failure(KeyValueProblem("--columns is empty"))
      case .notAPair(let item): return .failure(KeyValueProblem("--columns: '\(item)' is not name=header"))
      case .repeated(let name): return .failure(KeyValueProblem("--columns names \(name.lowercased()) twice"))
      }
    }
    var out: [String: String] = [:]
    for entry in list.entries {
      let name = entry.key.lowercased()
      guard names.contains(name) else {
        return .failure(KeyValueProblem("--columns: unknown MSP-Podcast column name '\(name)'"))
      }
      out[name] = entry.value
    }
    return .success(out)
  }

  /// Why a `--columns` value for an MSP-Podcast tree cannot be read.
  public struct KeyValueProblem: Error, Equatable, CustomStringConvertible {
    public var what: String
    init(_ what: String) { self.what = what }
    public var description: String {
      "\(what) (expected name=header pairs such as worker=Annotator, names: \(MSPPodcastColumns.names.joined(separator: ", ")))"
    }
  }
}
