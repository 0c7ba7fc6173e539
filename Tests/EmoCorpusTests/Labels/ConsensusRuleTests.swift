import EmoSupport
import Foundation
import Testing
import Yams

@testable import EmoCorpus

@Suite struct ConsensusRuleTests {
  @Test(arguments: [
    ("soft", ConsensusRule.soft), ("majority", .majority), ("coder:c1", .coder("c1")), ("coder:C-E2", .coder("C-E2")),
    (" soft ", .soft),
  ])
  func parsesEveryRule(text: String, rule: ConsensusRule) throws {
    #expect(try ConsensusRule(parsing: text) == rule)
  }

  @Test(arguments: [ConsensusRule.soft, .majority, .coder("c2")]) func descriptionParsesBack(rule: ConsensusRule) throws
  {
    #expect(try ConsensusRule(parsing: rule.description) == rule)
  }

  @Test func badRulesSayWhatIsExpected() {
    let cases = [
      ("vote", "unknown consensus rule 'vote' (expected soft, majority or coder:ID)"),
      ("coder:", "consensus rule 'coder:' names no coder (expected coder:ID, e.g. coder:c1)"),
      ("Soft", "unknown consensus rule 'Soft' (expected soft, majority or coder:ID)"),
    ]
    for (text, message) in cases {
      #expect(throws: LocatedError.self) { try ConsensusRule(parsing: text) }
      do {
        _ = try ConsensusRule(parsing: text)
      } catch {
        #expect("\(error)" == message)
      }
    }
  }

  @Test func roundTripsThroughYAMLAsItsOptionSpelling() throws {
    let yaml = try YAMLEncoder().encode(["consensus": ConsensusRule.coder("c1")])
    #expect(yaml == "consensus: coder:c1\n")
    #expect(try YAMLDecoder().decode([String: ConsensusRule].self, from: yaml) == ["consensus": .coder("c1")])
  }
}
