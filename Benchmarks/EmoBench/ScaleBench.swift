import EmoSupport
import Foundation

/// Label-only scale, measured on the `emocorpus` release binary run as a child process (the
/// figures a user sees: wall-clock seconds and the child's peak resident memory from `wait4`):
///
/// - `BENCH labels_2m_s`, `BENCH labels_2m_rss_mb`: `prep table … --labels-only` of a synthetic
///   table of 2,000,000 segments (20,000 speakers with 10 recordings of 10 timed segments each,
///   4 classes, a `text` column drawn from 5,000 sentences of 6 words);
/// - `BENCH checkfolds_2m_s`: `check-folds` on that output, the whole command (speaker, dialog and
///   summary checks and the content checks: shared sentences from the text column);
/// - `BENCH ratings_10m_s`, `BENCH ratings_10m_rss_mb`: `audit ratings` of 10,000,000 (item, rater,
///   label) rows: 1,000,000 items rated by 10 of 5,000 raters, 6 labels.
///
/// The binary is `EMOCORPUS_BIN`, else `emocorpus` beside this executable (`make bench` builds it).
/// `EMOBENCH_SCALE=0.1` runs a tenth of each size (names unchanged; for trying the bench out).
func benchScale() throws {
  let binary = try scaleBinary()
  let factor = Double(ProcessInfo.processInfo.environment["EMOBENCH_SCALE"] ?? "") ?? 1
  let folder = FileManager.default.temporaryDirectory.path + "/emobench-scale-\(getpid())"
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }

  let speakers = max(10, Int(20_000 * factor))
  try writeScaleTable(speakers: speakers, to: folder + "/corpus.csv")
  let prep = try runChild(
    binary,
    [
      "prep", "table", folder + "/corpus.csv", "--task", "iemocap-4", "--labels-only", "--out", folder + "/out",
      "--quiet",
    ])
  print(String(format: "BENCH labels_2m_s %.1f s", prep.seconds))
  print(String(format: "BENCH labels_2m_rss_mb %.0f MB", prep.peakMB))
  let check = try runChild(binary, ["check-folds", folder + "/out", "--quiet"])
  print(String(format: "BENCH checkfolds_2m_s %.1f s", check.seconds))
  note("checkfolds_2m peak RSS", String(format: "%.0f MB", check.peakMB))
  try? FileManager.default.removeItem(atPath: folder + "/out")
  try? FileManager.default.removeItem(atPath: folder + "/corpus.csv")

  try writeScaleRatings(items: max(100, Int(1_000_000 * factor)), raters: 5000, to: folder + "/ratings.csv")
  let ratings = try runChild(
    binary, ["audit", "ratings", folder + "/ratings.csv", "--out", folder + "/audit", "--quiet"])
  print(String(format: "BENCH ratings_10m_s %.1f s", ratings.seconds))
  print(String(format: "BENCH ratings_10m_rss_mb %.0f MB", ratings.peakMB))
}

private func note(_ what: String, _ value: String) {
  FileHandle.standardError.write(Data("bench note: \(what) \(value)\n".utf8))
}

/// The release `emocorpus` to run.
private func scaleBinary() throws -> String {
  if let given = ProcessInfo.processInfo.environment["EMOCORPUS_BIN"] { return given }
  let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  let beside = own.deletingLastPathComponent().appendingPathComponent("emocorpus").path
  guard FileManager.default.isExecutableFile(atPath: beside) else {
    throw LocatedError(
      file: beside, "no emocorpus binary", expected: "swift build -c release --product emocorpus, or EMOCORPUS_BIN")
  }
  return beside
}

/// Runs `binary arguments` to completion; wall-clock seconds and the child's peak RSS (`wait4`).
private func runChild(_ binary: String, _ arguments: [String]) throws -> (seconds: Double, peakMB: Double) {
  var pid: pid_t = 0
  let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  // The child's summary on stdout would mix with the BENCH lines: it goes to /dev/null.
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  let started = DispatchTime.now().uptimeNanoseconds
  let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
  guard spawned == 0 else {
    throw LocatedError(file: binary, "cannot start (error \(spawned))", expected: "an executable emocorpus")
  }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 {
    guard errno == EINTR else { throw LocatedError(file: binary, "wait4 failed (errno \(errno))", expected: "a child") }
  }
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
  // Exit status in bits 8-15 when the child exited normally (low 7 bits zero).
  guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
    throw LocatedError(
      file: binary, "\(arguments.prefix(2).joined(separator: " ")) failed (wait status \(status))",
      expected: "exit 0")
  }
  return (seconds, Double(usage.ru_maxrss) / 1024)  // ru_maxrss is in KiB on Linux
}

/// Appends text to a file through a buffer of about 1 MB.
private struct ChunkWriter {
  let handle: FileHandle
  var buffer: [UInt8] = []

  init(path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
    else { throw LocatedError(file: path, "cannot create", expected: "a writable temporary folder") }
    self.handle = handle
    buffer.reserveCapacity(1 << 20 + 4096)
  }

  mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 20 { flush() }
  }

  mutating func flush() {
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }

  mutating func close() {
    flush()
    try? handle.close()
  }
}

/// The prep table: 100 segments per speaker (10 recordings × 10 segments of 2.5 s), one coder.
private func writeScaleTable(speakers: Int, to path: String) throws {
  var random = SeededRandom(seed: 2_000_000, stream: "bench-scale-table")
  let labels = ["neu", "sad", "ang", "hap"]
  var out = try ChunkWriter(path: path)
  out.write("path,speaker,gender,label,start,end,text\n")
  for s in 0..<speakers {
    let speaker = "spk" + String(s + 100_000).dropFirst()
    let gender = s % 2 == 0 ? "female" : "male"
    for recording in 0..<10 {
      for k in 0..<10 {
        let sentence = Int(random.uniform() * 5000)
        let label = labels[Int(random.uniform() * 4)]
        out.write(
          "audio/\(speaker)_d\(recording).wav,\(speaker),\(gender),\(label),\(k * 4).00,\(k * 4 + 2).50,"
            + "word\(sentence) says the \(sentence % 7) little words\n")
      }
    }
  }
  out.close()
}

/// The ratings table: each item rated by 10 distinct raters, the item's label 6 times in 10.
private func writeScaleRatings(items: Int, raters: Int, to path: String) throws {
  var random = SeededRandom(seed: 10_000_000, stream: "bench-scale-ratings")
  let labels = ["A", "D", "F", "H", "N", "S"]
  var out = try ChunkWriter(path: path)
  out.write("item,rater,label\n")
  var chosen: [Int] = []
  for i in 0..<items {
    let truth = Int(random.uniform() * 6)
    chosen.removeAll(keepingCapacity: true)
    while chosen.count < 10 {
      let rater = Int(random.uniform() * Double(raters))
      if !chosen.contains(rater) { chosen.append(rater) }
    }
    for rater in chosen {
      let label = random.uniform() < 0.6 ? truth : Int(random.uniform() * 6)
      out.write("item\(i),r\(rater),\(labels[label])\n")
    }
  }
  out.close()
}
