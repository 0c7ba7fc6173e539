import EmoSupport
import Foundation

/// The annotation files of a corpus given as one file or a folder, and the folder paths resolve against.
struct CorpusFiles {
  /// Absolute, standardized folder: ROOT itself, or the folder of a ROOT file.
  var corpusRoot: String
  /// Absolute paths, sorted by name.
  var files: [String]
  /// Files set aside (hidden files), for `Corpus.notes`.
  var notes: [String] = []

  /// Lists `root` (a file, or a folder whose `*suffix` files are taken, case-insensitively, not recursively).
  init(_ root: String, suffix: String, expectedRoot: String, expectedFiles: String) throws {
    let path = ReaderPaths.absolute(root)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw LocatedError(file: path, "no such file or folder", expected: expectedRoot)
    }
    guard isFolder.boolValue else {
      corpusRoot = (path as NSString).deletingLastPathComponent
      files = [path]
      return
    }
    corpusRoot = path
    let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    files = []
    for name in names where name.lowercased().hasSuffix(suffix) {
      let file = path + "/" + name
      var isSubfolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file, isDirectory: &isSubfolder), !isSubfolder.boolValue
      else { continue }
      // Editor and macOS leftovers (`._x.xml`, `.#x.xml`) are not corpus files; say so rather than fail.
      if name.hasPrefix(".") {
        notes.append("\(file): hidden file skipped")
        continue
      }
      files.append(file)
    }
    guard !files.isEmpty else {
      throw LocatedError(file: path, "no \(suffix) file in this folder", expected: expectedFiles)
    }
  }
}
