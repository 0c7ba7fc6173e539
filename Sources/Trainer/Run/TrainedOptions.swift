import EmoSupport
import Foundation

/// The training options a fold folder was trained with, as its checkpoint records them: what
/// `train --collect` reports for folds trained elsewhere (cluster jobs), instead of its own defaults.
public enum TrainedOptions {
  /// The options in `foldDir/checkpoint.bin`; nil when the fold has no checkpoint.
  public static func read(foldDir: String) throws -> TrainingOptions? {
    let path = RunDirectory.FoldDirectory(foldDir).checkpoint
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return try ParameterFile.read(CheckpointHeader.self, path: path).header.options
  }
}
