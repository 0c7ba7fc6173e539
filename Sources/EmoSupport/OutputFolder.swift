import Foundation

/// What the typed layouts of output folders share: the folder's path as given, without trailing
/// slashes, and the check that it is a folder at all.
package enum OutputFolder {
  /// `path` without trailing slashes (`/` stays `/`).
  package static func normalized(_ path: String) -> String {
    var path = path
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// An error naming `path` unless it is an existing folder; `writtenBy` says what writes one.
  package static func requireFolder(_ path: String, writtenBy: String) throws {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
      throw LocatedError(file: path, "no such folder", expected: "a folder written by \(writtenBy)")
    }
  }
}
