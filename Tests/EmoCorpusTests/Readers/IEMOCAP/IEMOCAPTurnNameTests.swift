import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct IEMOCAPTurnNameTests {
  @Test(arguments: [
    ("Ses01F_impro01_M003", "Ses01M"),
    ("Ses01F_impro01_F000", "Ses01F"),
    ("Ses03M_impro05a_F012", "Ses03F"),
    ("Ses05M_script01_1b_M031", "Ses05M"),
    ("iemocap-Ses01F_impro04_F000", "Ses01F"),
    ("downloads/iemocap/Session1/sentences/wav/Ses01M_impro04/Ses01M_impro04_F000.wav", "Ses01F"),
    ("Session2/sentences/wav/Ses02F_script02_2/Ses02F_script02_2_M017.wav", "Ses02M"),
    ("Ses01M-Ses01F_impro01_M000", "Ses01M"),
  ])
  func speakerIsTheTurnsOwnGenderInItsSession(_ name: String, _ speaker: String) {
    #expect(IEMOCAPTurnName.speaker(in: name) == speaker)
  }

  @Test(arguments: [
    "03a01Wa", "Ses01F", "Ses01F_impro01", "Ses01X_impro01_F000", "Ses01F_impro01_X000", "SesF_a_F000", "",
  ])
  func otherNamesHaveNoSpeaker(_ name: String) {
    #expect(IEMOCAPTurnName.speaker(in: name) == nil)
  }
}
