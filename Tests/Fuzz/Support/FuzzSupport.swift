import EmoCorpus
import EmoSupport
import Foundation

/// Shared plumbing of the fuzz targets: a scratch folder per process, the split of one input into
/// several files, and the properties every parser must keep (checked with `require`, which traps,
/// so that libFuzzer saves the input as a crash).
public enum Fuzz {
  /// This process's scratch folder (created once; each input is written below it and replaced by
  /// the next one).
  public static let scratch: String = {
    var template = Array((NSTemporaryDirectory() + "/emocorpus-fuzz-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("fuzz: cannot create a scratch folder") }
    return URL(fileURLWithPath: String(cString: made)).standardizedFileURL.resolvingSymlinksInPath().path
  }()

  /// The input as bytes.
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// The input as text the way the readers of in-memory text see it (invalid UTF-8 repaired).
  public static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// The line that separates the files of a multi-file input (`Tests/Fuzz/<target>/` seeds use it).
  public static let separator: [UInt8] = Array("\n%%%%\n".utf8)

  /// `bytes` cut at each `separator` into at most `count` parts (the last takes the rest); missing
  /// parts are empty.
  public static func parts(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0
    var i = 0
    while result.count < count - 1, i + separator.count <= bytes.count {
      if bytes[i..<(i + separator.count)].elementsEqual(separator) {
        result.append(Array(bytes[start..<i]))
        i += separator.count
        start = i
      } else {
        i += 1
      }
    }
    result.append(Array(bytes[start...]))
    while result.count < count { result.append([]) }
    return result
  }

  /// A fresh, empty folder `name` under the scratch folder (absolute, no symbolic links).
  public static func freshFolder(_ name: String = "root") -> String {
    let path = scratch + "/" + name
    try? FileManager.default.removeItem(atPath: path)
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      fatalError("fuzz: cannot create \(path): \(error)")
    }
    return path
  }

  /// Writes `bytes` to `relative` under `folder` (parent folders made); returns the absolute path.
  @discardableResult
  public static func write(_ bytes: [UInt8], to relative: String, in folder: String) -> String {
    let path = folder + "/" + relative
    let parent = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    } catch {
      fatalError("fuzz: cannot write \(path): \(error)")
    }
    return path
  }

  /// Traps (a libFuzzer crash, input saved) when a parser broke one of its promises.
  public static func require(_ condition: @autoclosure () -> Bool, _ what: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz property violated: \(what())") }
  }

  /// An input refused with an error: the error must be what the command line prints as its one
  /// line `emocorpus: <what>` and exit status 1 (no line break, not empty).
  public static func refused(_ error: any Error) {
    let text = String(describing: error)
    require(!text.isEmpty, "an error with an empty message")
    require(!text.contains(where: \.isNewline), "an error message of more than one line: \(text.debugDescription)")
  }

  /// Every number of `value` is finite: JSON encoding (which every output goes through) throws on
  /// NaN and infinity.
  public static func requireFinite<T: Encodable>(_ value: T, _ what: String) {
    do {
      _ = try JSONEncoder.stable.encode(value)
    } catch {
      require(false, "\(what) holds a number JSON cannot carry (NaN or infinity): \(error)")
    }
  }

  /// `path` (absolute) stays inside `root` (absolute, no links): lexically, `..` never leaves it.
  public static func isInside(_ path: String, root: String) -> Bool {
    guard path.hasPrefix(root + "/") else { return false }
    var depth = 0
    for component in path.dropFirst(root.count + 1).split(separator: "/") {
      switch component {
      case ".": continue
      case "..":
        depth -= 1
        if depth < 0 { return false }
      default: depth += 1
      }
    }
    return depth > 0
  }

  /// The properties of a corpus a reader accepted from `root`: every segment and dialog audio
  /// path inside the corpus root, no NaN or infinity anywhere, times ordered.
  public static func check(_ corpus: Corpus, root: String) {
    for segment in corpus.segments {
      if let audio = segment.audio {
        require(
          isInside(audio.path, root: root), "segment \(segment.id.debugDescription) audio path leaves the corpus root")
        require(audio.start.isFinite && (audio.end?.isFinite ?? true), "segment audio span not finite")
      }
      if let span = segment.span {
        require(span.start.isFinite && span.end.isFinite, "segment span not finite")
        require(span.start <= span.end, "segment span reversed: \(span.start) > \(span.end)")
      }
    }
    for dialog in corpus.dialogs {
      if let path = dialog.audioPath {
        require(isInside(path, root: root), "dialog \(dialog.id.debugDescription) audio path leaves the corpus root")
      }
    }
    requireFinite(corpus, "the corpus")
  }
}
