import Foundation

/// Path helpers shared by readers: absolute standardized paths and folder checks.
package enum ReaderPaths {
  /// `path` made absolute (against `base`, default the working folder) and standardized.
  package static func absolute(_ path: String, base: String? = nil) -> String {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
    let folder = base ?? FileManager.default.currentDirectoryPath
    return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
  }

  package static func isFolder(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
  }

  package static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
