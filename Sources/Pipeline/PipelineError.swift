/// Errors of the orchestration layer; `description` is the one line the CLI prints.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
  case unreadableConfig(String)
  case invalidConfig(String, String)
  case missingRoot(String)
  case noAudioAtAll(String)
  case emptyCorpus(String)
  case unwritableOutput(String, String)
  case invalidShard(String)

  public var description: String {
    switch self {
    case .unreadableConfig(let path):
      "\(path): cannot read config file (expected a config.resolved.yaml written by prep)"
    case .invalidConfig(let path, let why): "\(path): invalid config: \(why)"
    case .missingRoot(let path): "\(path): corpus root does not exist (expected an existing folder or file)"
    case .noAudioAtAll(let root): "\(root): no referenced audio file exists (expected audio, or --labels-only)"
    case .emptyCorpus(let root): "\(root): the corpus has no segments (expected at least one annotated segment)"
    case .unwritableOutput(let path, let why): "\(path): cannot write output: \(why)"
    case .invalidShard(let text): "invalid --shard '\(text)' (expected K/N with 1 <= K <= N, e.g. 2/8)"
    }
  }
}
