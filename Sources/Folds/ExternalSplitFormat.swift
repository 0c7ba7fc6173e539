import EmoSupport

/// How another toolkit wrote its split (`check-folds --external FORMAT`, `prep --folds-from FORMAT:PATH`).
public enum ExternalSplitFormat: String, Sendable, Hashable, Codable, CaseIterable {
  /// One corpus folder of EmoBox's `data/`: `fold_K/<corpus>_{train,valid,test}_fold_K.jsonl`,
  /// speakers in `data.seg.wrd.stm`.
  case emobox
  /// SpeechBrain data-manifest JSON: `train.json`, `valid.json`, `test.json` (one fold), or one
  /// folder of them per fold.
  case speechbrain
  /// s3prl's emotion downstream: `meta_data/SessionN/{train,test}_meta_data.json`, fold N.
  case s3prl
  /// Kaldi data directories (`utt2spk`): `<split>/` (one fold) or `fold-K/<split>/`.
  case kaldi
  /// Lhotse cut manifests: `cuts_<split>.jsonl.gz` (one fold) or `fold-K/cuts_<split>.jsonl.gz`.
  case lhotse
  /// A table with the header `id,speaker,fold,split` (optional `label` and `path` columns).
  case csv
  /// MSP-Podcast's `Split_Set` (the release folder, or its `Labels/labels_consensus.csv`): fold K
  /// tests TestK, trains on Train, validates on Development.
  case mspPodcast = "msp-podcast"

  /// The name users know the toolkit by.
  public var title: String {
    switch self {
    case .emobox: "EmoBox"
    case .speechbrain: "SpeechBrain"
    case .s3prl: "s3prl"
    case .kaldi: "Kaldi"
    case .lhotse: "Lhotse"
    case .csv: "CSV"
    case .mspPodcast: "MSP-Podcast"
    }
  }
}

/// Where an item's speaker comes from when auditing a split.
public enum SpeakerRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// The split's own speaker field (EmoBox: `data.seg.wrd.stm`).
  case split
  /// IEMOCAP: the session and the `_F`/`_M` field of the turn name (`Ses01F_impro01_M003` → `Ses01M`),
  /// whatever the split says.
  case iemocap
}

/// A split made elsewhere: `FORMAT:PATH` on the command line and in `config.resolved.yaml`.
public struct ExternalSplitSource: Sendable, Hashable, Codable, CustomStringConvertible {
  public var format: ExternalSplitFormat
  public var path: String

  public init(format: ExternalSplitFormat, path: String) {
    self.format = format
    self.path = path
  }

  /// Parses `emobox:/data/EmoBox/data/iemocap`; nil when the format is unknown or the path empty.
  /// `msp-podcast` alone is the corpus's own split (an empty path: the corpus root, filled in by
  /// whoever knows it).
  public init?(parsing text: String) {
    if text == ExternalSplitFormat.mspPodcast.rawValue {
      self.init(format: .mspPodcast, path: "")
      return
    }
    guard let colon = text.firstIndex(of: ":"),
      let format = ExternalSplitFormat(rawValue: String(text[..<colon])),
      case let path = String(text[text.index(after: colon)...]), !path.isEmpty
    else { return nil }
    self.init(format: format, path: path)
  }

  public var description: String { "\(format.rawValue):\(path)" }

  /// The accepted shape, for error messages.
  public static var shape: String {
    "FORMAT:PATH with FORMAT one of " + ExternalSplitFormat.allCases.map(\.rawValue).joined(separator: ", ")
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let parsed = ExternalSplitSource(parsing: text) else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: decoder.codingPath, debugDescription: "'\(text)' is not \(Self.shape)"))
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
