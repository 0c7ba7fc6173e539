import Folds

extension Fuzz {
  /// One external split format, read as `check-folds --external FORMAT:PATH` reads it (the leakage
  /// audit under both speaker rules) and as `prep --folds-from` reads it: the input's parts (split
  /// at `Fuzz.separator`) are written as `files` under a fresh root, and `path` (relative to the
  /// root) is the split's path.
  public static func split(
    _ data: UnsafePointer<UInt8>?, _ size: Int, format: ExternalSplitFormat, files: [String], path: String
  ) -> CInt {
    let root = freshFolder()
    for (part, name) in zip(parts(bytes(data, size), count: files.count), files) where !part.isEmpty {
      write(part, to: name, in: root)
    }
    let source = ExternalSplitSource(format: format, path: root + "/" + path)
    for rule in [SpeakerRule.split, .iemocap] {
      do {
        let (report, _) = try SplitLeakage.audit(source, speakerRule: rule)
        _ = report.text(title: "fuzz")
      } catch {
        refused(error)
      }
    }
    do {
      _ = try ExternalSplit.read(source, needSpeakers: false)
    } catch {
      refused(error)
    }
    return 0
  }
}
