import EmoSupport

/// Errors of the orchestration layer; `description` is the one line the CLI prints.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
  case unreadableConfig(String)
  case invalidConfig(String, String)
  case missingRoot(String)
  case noAudioAtAll(String)
  case emptyCorpus(String)
  /// Every item read was malformed.
  case noReadableSegment(String, malformed: Int, first: String)
  case unwritableOutput(String, String)
  case invalidOption(String, expected: String)
  /// A rule between option values is broken; the text names the flag and the rule.
  case invalidValue(String)
  case missingAudioStrict(segment: String, path: String)
  /// `--min-duration` in a labels-only run that cannot know this segment's duration.
  case minDurationUnknown(segment: String, origin: String)
  case accounting(String)
  /// A speaker's channel (0-based) is not in the file their segment is cut from.
  case noSuchSpeakerChannel(path: String, speaker: String, channel: Int, channels: Int, from: String)

  public var description: String {
    switch self {
    case .unreadableConfig(let path):
      "\(path): cannot read config file (expected a config.resolved.yaml written by prep)"
    case .invalidConfig(let path, let why): "\(path): invalid config: \(why.oneLine)"
    case .missingRoot(let path): "\(path): corpus root does not exist (expected an existing folder or file)"
    case .noAudioAtAll(let root): "\(root): no referenced audio file exists (expected audio, or --labels-only)"
    case .emptyCorpus(let root): "\(root): the corpus has no segments (expected at least one annotated segment)"
    case .noReadableSegment(let root, let malformed, let first):
      "\(root): no readable segment: all \(malformed) items read are malformed, the first: \(first)"
    case .unwritableOutput(let path, let why): "\(path): cannot write output: \(why)"
    case .invalidOption(let what, let expected): "invalid \(what) (expected \(expected))"
    case .invalidValue(let rule): rule
    case .missingAudioStrict(let segment, let path):
      "\(path): audio file of segment \(segment) does not exist (expected an existing file; without --strict such segments are dropped as missing audio)"
    case .noSuchSpeakerChannel(let path, let speaker, let channel, let channels, let from):
      "\(path): speaker \(speaker) talks on channel \(channel) (counted from 0; from \(from)) but the file has "
        + "\(channels) channel\(channels == 1 ? "" : "s") (expected a channel 0…\(channels - 1); fix the channel map "
        + "or the corpus's channel)"
    case .accounting(let finding): "internal accounting error: \(finding) (expected kept + dropped = read)"
    case .minDurationUnknown(let segment, let origin):
      "\(origin): segment \(segment) has no start/end and no readable audio, so --min-duration cannot apply to it "
        + "in a labels-only run (expected start and end columns, or the audio file; or leave out --min-duration)"
    }
  }
}
