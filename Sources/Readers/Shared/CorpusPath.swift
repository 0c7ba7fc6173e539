import Foundation

/// Resolves paths written in corpus files against the corpus root, refusing any that lead outside it.
///
/// Only `lstat`/`readlink` are used: a path outside the root is never opened, and the referenced
/// file need not exist (selection checks existence later).
enum CorpusPath {
  /// Why a corpus-relative path was refused; `description` completes "audio 'x' …".
  enum Problem: Error, Equatable, CustomStringConvertible {
    case empty
    case absolute
    case escapes
    case linksOutside(resolved: String)
    case linkLoop

    var description: String {
      switch self {
      case .empty: return "names no file"
      case .absolute: return "is an absolute path"
      case .escapes: return "leads outside the corpus root through '..'"
      case .linksOutside(let resolved):
        return "leads outside the corpus root through a symbolic link (to '\(resolved)')"
      case .linkLoop: return "cannot be resolved (symbolic link loop)"
      }
    }
  }

  /// The standardized absolute path of `relative` under `root` (an absolute, standardized folder),
  /// or the reason it is refused. The returned path keeps the root as given (links not expanded).
  static func resolve(_ relative: String, root: String) -> Result<String, Problem> {
    var resolver = CorpusPathResolver(root: root)
    return resolver.resolve(relative)
  }

  /// `relative` standardized under `root` ('.' and '..' applied), or why it names nothing or escapes.
  static func lexical(_ relative: String, root: String) -> Result<String, Problem> {
    if relative.isEmpty { return .failure(.empty) }
    if relative.hasPrefix("/") { return .failure(.absolute) }
    var kept: [Substring] = []
    for component in relative.split(separator: "/", omittingEmptySubsequences: true) {
      switch component {
      case ".": continue
      case "..":
        if kept.isEmpty { return .failure(.escapes) }
        kept.removeLast()
      default: kept.append(component)
      }
    }
    if kept.isEmpty { return .failure(.empty) }
    return .success((root == "/" ? "" : root) + "/" + kept.joined(separator: "/"))
  }

  /// `realpath` that tolerates missing components: every existing symbolic link along `path`
  /// (absolute) is followed with `readlink`; nil after 40 links (a loop, as the kernel's ELOOP).
  static func resolvingLinks(_ path: String) -> String? {
    var resolved: [String] = []
    var pending = path.split(separator: "/").map(String.init)
    var linksFollowed = 0
    while !pending.isEmpty {
      let component = pending.removeFirst()
      if component.isEmpty || component == "." { continue }
      if component == ".." {
        if !resolved.isEmpty { resolved.removeLast() }
        continue
      }
      let candidate = "/" + (resolved + [component]).joined(separator: "/")
      var info = stat()
      if lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
        linksFollowed += 1
        guard linksFollowed <= 40, let target = linkTarget(candidate) else { return nil }
        if target.hasPrefix("/") { resolved = [] }
        pending = target.split(separator: "/").map(String.init) + pending
      } else {
        resolved.append(component)
      }
    }
    return "/" + resolved.joined(separator: "/")
  }

  private static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// `CorpusPath.resolve` for many paths under one root: the root's and each folder's links are
/// resolved once, so a path costs one `lstat` of its last component (a table of millions of rows
/// names a few thousand folders). Same answers as `CorpusPath.resolve` path by path.
struct CorpusPathResolver {
  let root: String
  private var realRoot: String??
  private var realFolders: [String: String] = [:]

  init(root: String) { self.root = root }

  mutating func resolve(_ relative: String) -> Result<String, CorpusPath.Problem> {
    let lexical: String
    switch CorpusPath.lexical(relative, root: root) {
    case .success(let path): lexical = path
    case .failure(let problem): return .failure(problem)
    }
    if realRoot == nil { realRoot = .some(CorpusPath.resolvingLinks(root)) }
    guard let realRoot = realRoot!, let realPath = realPath(lexical) else { return .failure(.linkLoop) }
    let prefix = realRoot == "/" ? "/" : realRoot + "/"
    guard realPath.hasPrefix(prefix), realPath.count > prefix.count else {
      return .failure(.linksOutside(resolved: realPath))
    }
    return .success(lexical)
  }

  /// `CorpusPath.resolvingLinks(path)`: links are followed left to right, so the folder's
  /// resolution is a prefix of the path's; only a last component that is itself a link needs
  /// the whole walk.
  private mutating func realPath(_ path: String) -> String? {
    guard let slash = path.lastIndex(of: "/") else { return CorpusPath.resolvingLinks(path) }
    let folder = String(path[..<slash])
    let name = path[path.index(after: slash)...]
    guard !folder.isEmpty, !name.isEmpty, name != ".", name != ".." else { return CorpusPath.resolvingLinks(path) }
    let real: String
    if let known = realFolders[folder] {
      real = known
    } else {
      guard let resolved = CorpusPath.resolvingLinks(folder) else { return nil }
      realFolders[folder] = resolved
      real = resolved
    }
    let candidate = (real == "/" ? "" : real) + "/" + name
    var info = stat()
    if lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return CorpusPath.resolvingLinks(path) }
    return candidate
  }
}
