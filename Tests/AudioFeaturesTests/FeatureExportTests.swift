import Foundation
import Testing

@testable import AudioFeatures
@testable import TestSupport

@Suite struct FeatureExportTests {
  @Test(arguments: [(1, 120), (3, 120), (12345, 120), (7, 40)])
  func npyHeaderFollowsTheNumpyFormat(_ rows: Int, _ columns: Int) {
    let header = NpyFile.header(rows: rows, columns: columns)
    #expect(Array(header.prefix(8)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    let length = Int(header[8]) | Int(header[9]) << 8
    #expect(header.count == 10 + length)
    #expect(header.count % 64 == 0)
    #expect(header.last == 0x0A)
    let text = String(decoding: header[10...], as: UTF8.self)
    #expect(text.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"))
    #expect(text.dropLast().drop { $0 != "}" }.dropFirst().allSatisfy { $0 == " " })
  }

  @Test func npyHeaderIsByteForByteWhatNumpySaveWrites() {
    // From numpy 2.4 `np.save(f, np.zeros((3, 120), '<f4'))` (scripts/dev/golden_features.py environment):
    // the dict, 56 spaces, a newline; 128 bytes with the 10-byte prefix.
    let numpy =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 120), }" + String(repeating: " ", count: 56) + "\n"
    let header = NpyFile.header(rows: 3, columns: 120)
    #expect(header.count == 128)
    #expect(String(decoding: header[10...], as: UTF8.self) == numpy)
    #expect(Array(header[8..<10]) == [118, 0])
  }

  @Test func exportsOneNpyPerSegmentAndAnIndexWithTheirLabels() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let prep = try TemporaryDirectory()
    let out = try TemporaryDirectory()
    defer {
      prep.remove()
      out.remove()
    }
    _ = try FeatureStore.build(Array(fixture.requests.prefix(3)), in: prep.path, jobs: 2, progress: false)
    let labels: [String: FeatureExport.SegmentLabels] = [
      "turn0": .init(label: "anger", speaker: "Ses01F"), "turn2": .init(label: "neutral, calm", speaker: "Ses01M"),
      "turn1": .init(label: "sadness", speaker: "Ses02F"),
    ]
    let count = try FeatureExport.npy(prepDirectory: prep.path, out: out.path, labels: labels, progress: false)
    #expect(count == 3)
    let store = try FeatureStore(directory: prep.path)
    for id in ["turn0", "turn1", "turn2"] {
      let data = FileManager.default.contents(atPath: "\(out.path)/\(id).npy")!
      let matrix = try store.features(id)
      let header = NpyFile.header(rows: matrix.frames, columns: 120)
      #expect(data.prefix(header.count) == header)
      #expect(data.count == header.count + matrix.frames * 120 * 4)
      let first = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: header.count, as: Float.self) }
      #expect(abs(first - matrix[0, 0]) < 1e-9)
    }
    let csv = try String(contentsOfFile: out.path + "/index.csv", encoding: .utf8)
    let frames = try ["turn0", "turn1", "turn2"].map { try store.frames($0) }
    #expect(
      csv
        == "id,label,speaker,frames\nturn0,anger,Ses01F,\(frames[0])\nturn1,sadness,Ses02F,\(frames[1])\n"
        + "turn2,\"neutral, calm\",Ses01M,\(frames[2])\n")
  }

  @Test func exportWithoutLabelsLeavesThemEmpty() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let prep = try TemporaryDirectory()
    let out = try TemporaryDirectory()
    defer {
      prep.remove()
      out.remove()
    }
    _ = try FeatureStore.build([fixture.requests[2]], in: prep.path, progress: false)
    try FeatureExport.npy(prepDirectory: prep.path, out: out.path, progress: false)
    let csv = try String(contentsOfFile: out.path + "/index.csv", encoding: .utf8)
    #expect(csv == "id,label,speaker,frames\nturn2,,,\(try FeatureStore(directory: prep.path).frames("turn2"))\n")
  }

  @Test func exportOfAFolderWithoutCacheFails() throws {
    let prep = try TemporaryDirectory()
    defer { prep.remove() }
    do {
      try FeatureExport.npy(prepDirectory: prep.path, out: prep.path + "/out", progress: false)
      Issue.record("must fail")
    } catch {
      #expect(
        "\(error)"
          == "\(prep.path)/features/index.json: feature cache index not found (expected a features/ folder written by prep)"
      )
    }
  }
}
