import EmoCorpus
import Foundation
import Readers

/// What reading a corpus and choosing its segments takes, the same for `prep` and `audit`: the
/// source and root, the reader's options, transcripts, and the attribute and label rules. No task,
/// output folder or audio settings: `audit` builds one from its flags alone, and `PrepConfig`
/// holds one (`PrepConfig.corpus`) under its own keys.
public struct CorpusRequest: Sendable, Equatable {
  public var source: SourceKind
  /// Corpus root (absolute).
  public var root: String
  public var reader = ReaderOptions()
  /// Folder of `<audio stem>.txt` transcripts (`--transcripts DIR`); nil: none.
  public var transcripts: String?
  public var subset = Subset.improvised
  public var sessions: [Int]?
  public var roles: [Role]?
  public var excludeAllNeutral = false
  public var minDuration: Double?
  public var neutralTarget: NeutralTarget?
  public var consensus = ConsensusRule.soft
  public var dropUnknown = false
  /// Keep the raters' label distribution of segments without a consensus class (MSP-Podcast's
  /// `X`/`O` with `--soft-labels`) instead of dropping them; read from the config, not written back.
  public var keepRaterDistribution = false
  public var seed: UInt64 = 1

  public init(source: SourceKind, root: String) {
    self.source = source
    self.root = root
  }

  /// Selection and balancing options (`neutralClass`: the task's neutral class).
  public func selectionOptions(neutralClass: String?) -> SelectionOptions {
    SelectionOptions(
      roles: roles.map(Set.init), subset: subset, sessions: sessions, minDuration: minDuration,
      excludeAllNeutral: excludeAllNeutral, neutralClass: neutralClass, neutralTarget: neutralTarget, seed: seed)
  }

  /// Rules between values, worded with the flags; empty when the request is usable.
  public func problems() -> [String] {
    var found: [String] = []
    if let minDuration, !(minDuration >= 0) { found.append("--min-duration must be >= 0 (got \(minDuration))") }
    if let sessions, sessions.isEmpty || sessions.contains(where: { $0 < 1 }) {
      found.append("--sessions must be comma-separated session numbers such as 1,2,3")
    }
    // The reader's own rules: options of other sources refused, its values checked.
    found += ReaderRegistry.entry(for: source).problems(reader)
    if let t = reader.timeTolerance, source != .trs, !(t >= 0) {
      found.append("--time-tolerance must be >= 0 seconds (got \(t))")
    }
    return found
  }
}

extension PrepConfig {
  /// The corpus part of the config (reading and selection), read and written through its keys.
  public var corpus: CorpusRequest {
    get {
      var r = CorpusRequest(source: source, root: root)
      r.reader = readerOptions
      r.transcripts = transcripts
      r.subset = subset
      r.sessions = sessions
      r.roles = roles
      r.excludeAllNeutral = excludeAllNeutral
      r.minDuration = minDuration
      r.neutralTarget = neutralTarget
      r.consensus = consensus
      r.dropUnknown = dropUnknown
      r.keepRaterDistribution = softLabels == true
      r.seed = seed
      return r
    }
    set {
      source = newValue.source
      root = newValue.root
      strict = newValue.reader.strict
      tableLayout = newValue.reader.table
      timeTolerance = newValue.reader.timeTolerance
      files = newValue.reader.files
      mspColumns = newValue.reader.mspColumns
      transcripts = newValue.transcripts
      subset = newValue.subset
      sessions = newValue.sessions
      roles = newValue.roles
      excludeAllNeutral = newValue.excludeAllNeutral
      minDuration = newValue.minDuration
      neutralTarget = newValue.neutralTarget
      consensus = newValue.consensus
      dropUnknown = newValue.dropUnknown
      seed = newValue.seed
    }
  }

  /// Selection and balancing options.
  public func selectionOptions(neutralClass: String?) -> SelectionOptions {
    corpus.selectionOptions(neutralClass: neutralClass)
  }
}
