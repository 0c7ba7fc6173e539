import Foundation
import TestSupport
import Testing

/// The test-side JSON Schema validator (Tests/TestSupport): for each keyword it supports, one
/// instance that must pass and one that must fail, and the failure names the path.
@Suite struct JSONSchemaValidatorTests {
  static func errors(_ schema: String, _ instance: String) throws -> [String] {
    try JSONSchemaValidator(JSONValue(json: schema)).errors(JSONValue(json: instance))
  }

  // (keyword, schema, valid instance, invalid instance)
  static let cases: [(String, String, String, String)] = [
    ("type", #"{"type": "integer"}"#, "3", "3.5"),
    ("type list", #"{"type": ["string", "null"]}"#, "null", "1"),
    ("type boolean is not number", #"{"type": "number"}"#, "0.25", "true"),
    ("type number is not boolean", #"{"type": "boolean"}"#, "false", "1"),
    ("required", #"{"required": ["a"]}"#, #"{"a": null}"#, #"{"b": 1}"#),
    ("properties", #"{"properties": {"a": {"type": "string"}}}"#, #"{"a": "x", "b": 1}"#, #"{"a": 1}"#),
    (
      "additionalProperties false", #"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1}"#,
      #"{"a": 1, "b": 2}"#
    ),
    (
      "additionalProperties schema", #"{"additionalProperties": {"type": "integer"}}"#, #"{"x": 1, "y": 2}"#,
      #"{"x": 1, "y": "2"}"#
    ),
    ("items", #"{"items": {"type": "number"}}"#, "[1, 2.5]", #"[1, "2"]"#),
    ("enum", #"{"enum": ["male", "female", "unknown"]}"#, #""female""#, #""other""#),
    ("const", #"{"const": "dialog"}"#, #""dialog""#, #""speaker""#),
    ("minimum", #"{"minimum": 0}"#, "0", "-0.5"),
    ("maximum", #"{"maximum": 1}"#, "1", "1.0001"),
    ("exclusiveMinimum", #"{"exclusiveMinimum": 0}"#, "0.1", "0"),
    ("exclusiveMaximum", #"{"exclusiveMaximum": 1}"#, "0.9", "1"),
    ("minItems", #"{"minItems": 2}"#, "[1, 2]", "[1]"),
    ("maxItems", #"{"maxItems": 2}"#, "[1, 2]", "[1, 2, 3]"),
    ("minLength", #"{"minLength": 1}"#, #""a""#, #""""#),
    ("pattern", #"{"pattern": "^[0-9a-f]{4}$"}"#, #""0a9f""#, #""0A9F""#),
    ("$ref", ##"{"$defs": {"n": {"type": "integer"}}, "items": {"$ref": "#/$defs/n"}}"##, "[1, 2]", "[1, 2.5]"),
    ("anyOf", #"{"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 1}]}"#, "null", "0"),
    ("oneOf", #"{"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}]}"#, "5", "12"),
    ("allOf", #"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, "2", "1"),
    ("false schema", #"{"properties": {"a": false}}"#, #"{"b": 1}"#, #"{"a": 1}"#),
  ]

  @Test(arguments: cases)
  func keywordAcceptsAndRejects(_ example: (String, String, String, String)) throws {
    let (keyword, schema, valid, invalid) = example
    #expect(try Self.errors(schema, valid).isEmpty, "\(keyword): \(valid) should pass")
    #expect(try !Self.errors(schema, invalid).isEmpty, "\(keyword): \(invalid) should fail")
  }

  @Test func errorsNameTheirPath() throws {
    let schema = #"{"properties": {"folds": {"items": {"required": ["ua"], "properties": {"ua": {"maximum": 1}}}}}}"#
    let found = try Self.errors(schema, #"{"folds": [{"ua": 0.5}, {"ua": 2}, {}]}"#)
    #expect(found.count == 2)
    #expect(found.contains { $0.hasPrefix("$.folds[1].ua: ") })
    #expect(found.contains { $0.hasPrefix("$.folds[2]: the key ua is missing") })
  }

  @Test func unknownKeywordIsReportedNotIgnored() throws {
    let found = try Self.errors(#"{"uniqueItems": true}"#, "[1, 1]")
    #expect(found == ["$: unsupported schema keyword uniqueItems"])
    #expect(try Self.errors(##"{"$ref": "#/$defs/missing"}"##, "1").first?.contains("cannot resolve") == true)
  }

  /// Every committed schema uses only the keywords this validator checks, and its references resolve.
  @Test(arguments: ["summary", "audit", "results", "check-folds", "predict", "fold-manifest"])
  func committedSchemaUsesSupportedKeywords(_ name: String) throws {
    let schema = try JSONValue(json: Data(contentsOf: repositoryFile("schemas/\(name).schema.json")))
    var unsupported: [String] = []
    func walk(_ node: JSONValue, _ path: String) {
      guard case .object(let object) = node else {
        if case .array(let list) = node { for (i, item) in list.enumerated() { walk(item, "\(path)[\(i)]") } }
        return
      }
      let known: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "$comment", "type", "enum", "const", "required",
        "properties", "additionalProperties", "items", "minItems", "maxItems", "minLength", "pattern", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "$ref", "anyOf", "oneOf", "allOf",
      ]
      for (key, value) in object {
        if key == "properties" || key == "$defs", case .object(let members) = value {
          for (name, sub) in members { walk(sub, "\(path).\(key).\(name)") }
        } else if key == "enum" || key == "const" || key == "required" {
          continue
        } else {
          if !known.contains(key) { unsupported.append("\(path).\(key)") }
          walk(value, "\(path).\(key)")
        }
      }
    }
    walk(schema, "$")
    #expect(unsupported.isEmpty, "\(name): \(unsupported)")
  }
}
