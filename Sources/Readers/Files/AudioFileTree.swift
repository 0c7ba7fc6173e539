import EmoSupport
import Foundation

/// The audio files under a corpus root, found in one walk of the tree and sorted, so that every
/// run lists the same files in the same order.
///
/// An audio file is a regular file whose extension (any case) is one libsndfile reads. Hidden
/// entries (`._x.wav` left by macOS, `.DS_Store`, `.git/`) are skipped: hidden audio files are
/// counted, hidden folders are not entered. Symbolic links are followed only where they stay under
/// the root (a link out of it is listed and skipped); a folder reached twice is walked once.
struct AudioFileTree {
  /// Extensions of the containers libsndfile opens (WAV and its relatives, FLAC, Ogg, AIFF, Sun
  /// au, CAF, NIST SPHERE, MPEG layer III), lower case.
  static let audioExtensions: Set<String> = [
    "wav", "wave", "bwf", "w64", "rf64", "flac", "ogg", "oga", "opus", "aif", "aiff", "aifc", "au", "snd", "caf",
    "sph", "nist", "mp3", "voc", "htk", "sd2", "paf", "iff", "svx", "xi", "avr", "mat", "pvf", "wve",
  ]

  /// The common extensions, for messages.
  static let describedExtensions = "wav, flac, ogg, aiff, au, caf, sph, mp3, …"

  /// Absolute, standardized root folder.
  var root: String
  /// Audio files, relative to the root with `/` separators, sorted.
  var files: [String] = []
  /// Hidden audio files skipped, relative to the root.
  var hidden: [String] = []
  /// Symbolic links that lead outside the root (or loop), relative to the root; not followed.
  var outsideLinks: [String] = []

  static func isAudio(_ name: String) -> Bool {
    audioExtensions.contains((name as NSString).pathExtension.lowercased())
  }

  /// Walks `root` (a folder).
  init(root: String) throws {
    self.root = root
    guard ReaderPaths.isFolder(root) else {
      throw LocatedError(
        file: root, ReaderPaths.exists(root) ? "is a file, not a folder" : "no such folder",
        expected: "the folder holding the corpus's audio files")
    }
    var visited: Set<String> = []
    try walk("", visited: &visited)
    files.sort()
    hidden.sort()
    outsideLinks.sort()
  }

  private mutating func walk(_ relative: String, visited: inout Set<String>) throws {
    let folder = relative.isEmpty ? root : root + "/" + relative
    guard let real = CorpusPath.resolvingLinks(folder), visited.insert(real).inserted else { return }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      throw LocatedError(file: folder, "cannot list folder", expected: "a readable folder")
    }
    // Links last, so that a folder also reached through a link is listed by its own path.
    let isLink = names.map { name -> Bool in
      var info = stat()
      return lstat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
    let ordered = zip(names, isLink).filter { !$0.1 }.map(\.0) + zip(names, isLink).filter { $0.1 }.map(\.0)
    for name in ordered {
      let child = relative.isEmpty ? name : relative + "/" + name
      let path = root + "/" + child
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      var kind = info.st_mode & S_IFMT
      if kind == S_IFLNK {
        // Followed only when it resolves inside the root; `stat` then says what it points to.
        guard case .success = CorpusPath.resolve(child, root: root), stat(path, &info) == 0 else {
          if Self.isAudio(name) || ReaderPaths.isFolder(path) { outsideLinks.append(child) }
          continue
        }
        kind = info.st_mode & S_IFMT
      }
      if name.hasPrefix(".") {
        if kind == S_IFREG, Self.isAudio(name) { hidden.append(child) }
        continue
      }
      if kind == S_IFDIR {
        try walk(child, visited: &visited)
      } else if kind == S_IFREG, Self.isAudio(name) {
        files.append(child)
      }
    }
  }
}
