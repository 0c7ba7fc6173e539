import ArgumentParser
import Foundation

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
