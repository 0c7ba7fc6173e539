import Foundation

/// Golden agreement cases (inputs + reference values) from Fixtures/golden/*.json.
struct GoldenFixture {
  let cases: [[String: Any]]

  /// Loads `Fixtures/golden/<name>.json` from the test bundle.
  init(_ name: String) throws {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/golden")
    else { throw CocoaError(.fileNoSuchFile) }
    let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    cases = root?["cases"] as? [[String: Any]] ?? []
  }

  /// Cases of one kind.
  func cases(kind: String) -> [[String: Any]] { cases.filter { $0["kind"] as? String == kind } }

  /// The case named `name`.
  func named(_ name: String) -> [String: Any]? { cases.first { $0["name"] as? String == name } }
}

/// A JSON scalar as a label string (numbers as integers when integral).
func goldenLabel(_ value: Any) -> String? {
  if value is NSNull { return nil }
  if let s = value as? String { return s }
  if let n = value as? NSNumber {
    let d = n.doubleValue
    return d.rounded() == d ? String(Int(d)) : String(d)
  }
  return nil
}

/// A JSON number or null (nil).
func goldenDouble(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

/// |a − b| ≤ tolerance.
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-12) -> Bool {
  guard let a, let b else { return false }
  return abs(a - b) <= tolerance
}
