import Foundation

@testable import Synth

/// A minimal RIFF/WAV reader for tests (independent of libsndfile, which wrote the files).
struct TestWAV {
  var sampleRate: Int
  var channels: Int
  var bitsPerSample: Int
  var samples: [Int16]

  init(path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let bytes = [UInt8](data)
    func u32(_ i: Int) -> Int {
      Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24
    }
    func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
    guard bytes.count >= 12, String(bytes: bytes[0..<4], encoding: .ascii) == "RIFF",
      String(bytes: bytes[8..<12], encoding: .ascii) == "WAVE"
    else { throw CocoaError(.fileReadCorruptFile) }
    var i = 12
    var rate = 0
    var channels = 0
    var bits = 0
    var samples: [Int16] = []
    while i + 8 <= bytes.count {
      let id = String(bytes: bytes[i..<(i + 4)], encoding: .ascii) ?? ""
      let size = u32(i + 4)
      if id == "fmt " {
        channels = u16(i + 10)
        rate = u32(i + 12)
        bits = u16(i + 22)
      } else if id == "data" {
        let start = i + 8
        samples = stride(from: start, to: min(start + size, bytes.count) - 1, by: 2).map {
          Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
        }
      }
      i += 8 + size + (size % 2)
    }
    sampleRate = rate
    self.channels = channels
    bitsPerSample = bits
    self.samples = samples
  }

  var seconds: Double { Double(samples.count) / Double(sampleRate) }
}

/// Every regular file under `root`, relative path → bytes.
func fileContents(under root: String) throws -> [String: Data] {
  var result: [String: Data] = [:]
  let enumerator = FileManager.default.enumerator(atPath: root)
  while let relative = enumerator?.nextObject() as? String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory) else { continue }
    if !isDirectory.boolValue { result[relative] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)) }
  }
  return result
}

/// Cohen's kappa of paired labels (test reference: p_o and p_e from the pairs' marginals).
func cohenKappa(_ pairs: [(String, String)]) -> Double {
  let n = Double(pairs.count)
  var a: [String: Double] = [:]
  var b: [String: Double] = [:]
  var agree = 0.0
  for (x, y) in pairs {
    a[x, default: 0] += 1
    b[y, default: 0] += 1
    if x == y { agree += 1 }
  }
  let po = agree / n
  let pe = a.reduce(0.0) { $0 + $1.value * (b[$1.key] ?? 0) } / (n * n)
  return (po - pe) / (1 - pe)
}

/// Strict (Major vs Major) macro-class kappa over the plan's two-coder segments of one role.
func strictKappa(_ plan: CEMOPlan, role: String) -> Double {
  let roles = Dictionary(uniqueKeysWithValues: plan.speakers.map { ($0.id, $0.role.rawValue) })
  let pairs = plan.dialogs.flatMap(\.segments).filter { roles[$0.speaker] == role && $0.judgements.count == 2 }.map {
    (
      MacroClass.of(fineLabel: $0.judgements[0].major)!.rawValue,
      MacroClass.of(fineLabel: $0.judgements[1].major)!.rawValue
    )
  }
  return cohenKappa(pairs)
}

/// Relaxed macro-class kappa (written out independently here): A's set {Major, Minor},
/// B's likewise; intersecting sets agree on Major_A if in B's set, else Major_B if in A's set,
/// else the shared Minor; otherwise the pair is (Major_A, Major_B).
func relaxedKappa(_ plan: CEMOPlan, role: String) -> Double {
  let roles = Dictionary(uniqueKeysWithValues: plan.speakers.map { ($0.id, $0.role.rawValue) })
  let pairs = plan.dialogs.flatMap(\.segments).filter { roles[$0.speaker] == role && $0.judgements.count == 2 }.map {
    segment -> (String, String) in
    let (a, b) = (segment.judgements[0], segment.judgements[1])
    let majorA = MacroClass.of(fineLabel: a.major)!.rawValue
    let majorB = MacroClass.of(fineLabel: b.major)!.rawValue
    let setA = Set([majorA] + (a.minor.flatMap { MacroClass.of(fineLabel: $0)?.rawValue }.map { [$0] } ?? []))
    let setB = Set([majorB] + (b.minor.flatMap { MacroClass.of(fineLabel: $0)?.rawValue }.map { [$0] } ?? []))
    if setB.contains(majorA) { return (majorA, majorA) }
    if setA.contains(majorB) { return (majorB, majorB) }
    if let shared = setA.intersection(setB).sorted().first { return (shared, shared) }
    return (majorA, majorB)
  }
  return cohenKappa(pairs)
}
