import Agreement
import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// `audit ratings --dimensions`: a long table of numeric ratings gives the same agreement as the
/// same ratings read from IEMOCAP's A-lines.
@Suite struct NumericRatingsTableTests {
  /// IEMOCAPDimensionsTests.dialog's observer ratings of valence and arousal as a long table
  /// (`x` and `6` as there).
  static let table = """
    turn,evaluator,val,act
    Ses01F_impro01_F000,E1,2,2
    Ses01F_impro01_F000,E2,3,2
    Ses01F_impro01_F001,E1,3,6
    Ses01F_impro01_F001,E2,3,4
    Ses01F_impro01_M000,E1,1,3
    Ses01F_impro01_M000,E3,3,3
    Ses01F_impro01_M001,E1,x,3
    Ses01F_impro01_M001,E2,2,4
    """

  @Test func sameAgreementAsTheIEMOCAPReading() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("ratings.csv", Self.table)
    let inputs = try NumericRatingsTable.read(
      file: file, columns: ["item": "turn", "rater": "evaluator"], dimensions: ["valence": "val", "arousal": "act"],
      scale: [1, 5], strict: false)
    #expect(inputs.map(\.name) == ["arousal", "valence"])
    let valence = DimensionAgreement.run(inputs[1])
    #expect(valence.items == 4 && valence.ratings == 7 && valence.ratersN == 3)
    #expect(valence.excluded == ["not_a_number": 1])
    let arousal = DimensionAgreement.run(inputs[0])
    #expect(arousal.excluded == ["out_of_scale": 1])
    // The IEMOCAP reading of the same ratings.
    let iemocap = try TemporaryDirectory()
    defer { iemocap.remove() }
    try iemocap.write("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", IEMOCAPDimensionsTests.dialog)
    let corpus = try IEMOCAPReader().read(root: iemocap.path)
    let reference = try #require(corpus.dimensionAgreement(corpus.segments))
    for (mine, theirs) in [(valence, reference["valence"]!), (arousal, reference["arousal"]!)] {
      #expect(abs(mine.alphaInterval.value! - theirs.alphaInterval.value!) < 1e-12)
      #expect(abs(mine.alphaOrdinal.value! - theirs.alphaOrdinal.value!) < 1e-12)
      #expect(abs(mine.icc1.value! - theirs.icc1.value!) < 1e-12)
      #expect(mine.ratings == theirs.ratings)
    }
  }

  @Test func strictAndFileErrors() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("ratings.csv", Self.table)
    let strict = #expect(throws: LocatedError.self) {
      try NumericRatingsTable.read(
        file: file, columns: ["item": "turn", "rater": "evaluator"], dimensions: ["arousal": "act"], scale: [1, 5],
        strict: true)
    }
    #expect(strict?.description == "\(file):4: rating arousal 6 is outside the scale (expected ratings inside --scale)")
    let backwards = #expect(throws: LocatedError.self) {
      try NumericRatingsTable.read(
        file: file, columns: ["item": "turn", "rater": "evaluator"], dimensions: ["arousal": "act"], scale: [5, 1],
        strict: false)
    }
    #expect(backwards?.description.hasPrefix("\(file): scale 5.0:1.0 is backwards or empty") == true)
    let missing = #expect(throws: LocatedError.self) {
      try NumericRatingsTable.read(
        file: file, columns: ["item": "turn", "rater": "evaluator"], dimensions: ["arousal": "arousal"], scale: nil,
        strict: false)
    }
    #expect(missing?.description.hasPrefix("\(file):1: missing dimension arousal column 'arousal'") == true)
  }
}
