import ArgumentParser
import AudioFeatures
import EmoCorpus
import Folds
import Foundation
import Pipeline

/// Small parsers shared by the subcommands' options.
enum ArgumentValues {
  /// `path` made absolute against the working folder and standardized (configs record absolute paths).
  static func absolute(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
  }

  /// A comma-separated list of numbers ≥ 1 (`1,2,3`); `usage` is the error sentence when it is not.
  static func positiveNumbers(_ text: String, usage: String) throws -> [Int] {
    let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
      throw ValidationError("\(usage) (got '\(text)')")
    }
    return values.map { $0! }
  }
}

// The closed value sets of the options: the library's types, parsed by the same rules as in
// config files. ArgumentParser lists the values of the CaseIterable ones in the help.
extension SourceKind: ExpressibleByArgument {}
extension Subset: ExpressibleByArgument {}
extension ValidationGender: ExpressibleByArgument {}
extension MelScale: ExpressibleByArgument {}
extension ResampleQuality: ExpressibleByArgument {}
extension ResamplerEngine: ExpressibleByArgument {}
extension ExportPipeline.Format: ExpressibleByArgument {}
extension FeatureExport.Format: ExpressibleByArgument {}
extension ExternalSplitFormat: ExpressibleByArgument {}
extension SpeakerRule: ExpressibleByArgument {}

extension ExternalSplitSource: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}

extension ConsensusRule: ExpressibleByArgument {
  public init?(argument: String) { try? self.init(parsing: argument) }
}

extension NeutralTarget: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}

extension ChannelMap: ExpressibleByArgument {
  public init?(argument: String) { try? self.init(parsing: argument) }
}

extension FeatureShard: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}
