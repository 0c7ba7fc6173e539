import EmoSupport
import Foundation
import Testing

@Suite struct AtomicFileTests {
  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func names(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  @Test(arguments: [false, true]) func writeReplacesTheFileAndLeavesNoTemporary(durable: Bool) throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try AtomicFile.write("old", to: dir + "/sub/a.txt", durable: durable)
    try AtomicFile.write("new", to: dir + "/sub/a.txt", durable: durable)
    #expect(try String(contentsOfFile: dir + "/sub/a.txt", encoding: .utf8) == "new")
    #expect(Self.names(dir + "/sub") == ["a.txt"])
  }

  @Test func aFailedProduceKeepsTheOldFileAndRemovesItsTemporary() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try AtomicFile.write("complete", to: dir + "/a.txt")
    struct Interrupted: Error {}
    #expect(throws: Interrupted.self) {
      try AtomicFile.produce(dir + "/a.txt") { temp in
        try "half".write(toFile: temp, atomically: false, encoding: .utf8)
        throw Interrupted()
      }
    }
    #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "complete")
    #expect(Self.names(dir) == ["a.txt"])
    try AtomicFile.produce(dir + "/a.txt", durable: true) { temp in
      try "produced".write(toFile: temp, atomically: false, encoding: .utf8)
    }
    #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "produced")
  }

  @Test func aStreamDroppedWithoutCommitLeavesNothing() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      let writer = try AtomicFile.Writer(path: dir + "/shard.bin", durable: true)
      try writer.append(Data([1, 2, 3]))
      #expect(writer.offset == 3)
      #expect(Self.names(dir).count == 1 && Self.names(dir)[0].hasPrefix(".shard.bin.tmp-"))
    }
    #expect(Self.names(dir).isEmpty)
    let writer = try AtomicFile.Writer(path: dir + "/shard.bin", durable: true)
    try writer.append(Data([1, 2]))
    try writer.append(Data([3]))
    try writer.commit()
    #expect(FileManager.default.contents(atPath: dir + "/shard.bin") == Data([1, 2, 3]))
  }

  @Test func temporaryNamesAreHiddenSiblingsAndUnique() {
    let a = AtomicFile.temporaryPath(for: "/x/y/out.json")
    let b = AtomicFile.temporaryPath(for: "/x/y/out.json")
    #expect(a.hasPrefix("/x/y/.out.json.tmp-") && b.hasPrefix("/x/y/.out.json.tmp-"))
    #expect(a != b)
  }

  @Test func anUnwritableFolderIsAnErrorNamingThePath() throws {
    let error = #expect(throws: LocatedError.self) { try AtomicFile.write("x", to: "/proc/emocorpus-test/a.txt") }
    #expect(error?.file == "/proc/emocorpus-test")
  }

  @Test func aPlainWriteInsideATemporaryFolderWritesEveryByteAndNeverOverwrites() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    try AtomicFile.writeInsideTemporaryFolder(bytes, to: dir + "/m.jsonl")
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/m.jsonl")) == bytes)
    #expect(Self.names(dir) == ["m.jsonl"])  // No temporary sibling.
    // An existing file is an error naming it, and keeps its content.
    let error = #expect(throws: LocatedError.self) {
      try AtomicFile.writeInsideTemporaryFolder(Data("x".utf8), to: dir + "/m.jsonl")
    }
    #expect(error?.file == dir + "/m.jsonl")
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/m.jsonl")) == bytes)
  }
}
