import Foundation

/// Path helpers shared by readers: absolute standardized paths and folder checks.
package enum ReaderPaths {
  /// `path` made absolute (against `base`, default the working folder) and standardized.
  package static func absolute(_ path: String, base: String? = nil) -> String {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
    let folder = base ?? FileManager.default.currentDirectoryPath
    return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
  }

  /// The last component of `path`, as `NSString.lastPathComponent` gives it ("a/b.wav/" → "b.wav"),
  /// after runs of "/" are made single: Foundation's own code traps on some paths holding a run of
  /// three or more (e.g. "/a/b////2//"), and a path written in an annotation file may hold anything.
  package static func lastComponent(_ path: String) -> String {
    guard path.contains("//") else { return (path as NSString).lastPathComponent }
    var single = String.UnicodeScalarView()
    var afterSlash = false
    for scalar in path.unicodeScalars {
      if scalar == "/" && afterSlash { continue }
      afterSlash = scalar == "/"
      single.append(scalar)
    }
    return (String(single) as NSString).lastPathComponent
  }

  /// The last component of `path` without its extension ("a/b.wav" → "b"; see `lastComponent`).
  package static func stem(_ path: String) -> String {
    (lastComponent(path) as NSString).deletingPathExtension
  }

  package static func isFolder(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
  }

  package static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
