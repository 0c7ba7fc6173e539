import EmoCorpus
import EmoSupport
import Foundation

/// Transcripts kept one per audio file, `<audio stem>.txt` in a folder (`--transcripts DIR`;
/// MSP-Podcast's `Transcripts/`): each attached to the segments of that audio file as
/// `extra["text"]`. The folder is listed once; a segment whose file has no transcript keeps what
/// its reader gave it (or none). Transcripts are never printed.
public enum TranscriptFolder {
  /// What attaching found.
  public struct Result: Sendable, Hashable {
    /// Segments given a transcript.
    public var attached = 0
    /// Segments with audio whose stem has no `.txt` in the folder.
    public var missing = 0
  }

  /// Attaches `folder`'s transcripts to `corpus`; throws when the folder cannot be listed. Each file
  /// read joins `corpus.inputFiles`; the counts join `readerCounts` (`transcripts_attached`,
  /// `transcripts_missing`).
  @discardableResult
  public static func attach(folder: String, to corpus: inout Corpus) throws -> Result {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw LocatedError(
        file: folder, "cannot list the transcripts folder", expected: "a folder of <audio stem>.txt files")
    }
    var fileOfStem: [String: String] = [:]
    for name in names where name.lowercased().hasSuffix(".txt") && !name.hasPrefix(".") {
      fileOfStem[String(name.dropLast(4))] = folder + "/" + name
    }
    var textOfFile: [String: String] = [:]
    var result = Result()
    for index in corpus.segments.indices {
      guard let audio = corpus.segments[index].audio else { continue }
      let stem = ReaderPaths.stem(audio.path)
      guard let path = fileOfStem[stem] else {
        result.missing += 1
        continue
      }
      if textOfFile[path] == nil {
        let file = try TextFile(path: path)
        corpus.inputFiles.append(file.inputFile)
        textOfFile[path] = file.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
          .joined(separator: " ")
      }
      corpus.segments[index].extra[ContentKey.textField] = textOfFile[path]!
      result.attached += 1
    }
    corpus.readerCounts["transcripts_attached"] = result.attached
    corpus.readerCounts["transcripts_missing"] = result.missing
    return result
  }
}
