/// The speaker rule of IEMOCAP turn names, for names found outside the release tree (other
/// toolkits' splits): `Ses01F_impro01_M003` is said by `Ses01M`, the male actor of session 1.
///
/// The dialog prefix (`Ses01F`) names who wore the motion-capture markers, not who speaks the turn;
/// taking it as the speaker puts both actors of a session under one name and hides leaks.
public enum IEMOCAPTurnName {
  /// The speaker (`Ses<session><F|M>`) of the turn named in `text`: a turn name, possibly inside a
  /// longer id (`iemocap-Ses01F_impro04_F000`) or a path (`…/Ses01F_impro04_F000.wav`). nil when
  /// `text` holds no `Ses<digits><F|M>_…_<F|M><digits>` turn name.
  public static func speaker(in text: String) -> String? {
    var name = Substring(text)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].allSatisfy(\.isLetter) {
      name = name[..<dot]
    }
    // The turn name ends the text; an earlier `Ses…` may be a prefix (Kaldi's `Ses01M-Ses01F_…`).
    var end = name.endIndex
    while let start = name[..<end].range(of: "Ses", options: .backwards) {
      if let speaker = turnSpeaker(name[start.lowerBound...]) { return speaker }
      end = start.lowerBound
    }
    return nil
  }

  /// The speaker of `name` when it is exactly a turn name.
  private static func turnSpeaker(_ name: Substring) -> String? {
    let session = name.dropFirst(3).prefix(while: \.isASCIIDigit)
    guard !session.isEmpty, session.count <= 3 else { return nil }
    let afterSession = name.dropFirst(3 + session.count)
    guard let prefixGender = afterSession.first, prefixGender == "F" || prefixGender == "M",
      afterSession.dropFirst().first == "_"
    else { return nil }
    guard let underscore = name.lastIndex(of: "_") else { return nil }
    let field = name[name.index(after: underscore)...]
    guard let gender = field.first, gender == "F" || gender == "M", field.count > 1,
      field.dropFirst().allSatisfy(\.isASCIIDigit)
    else { return nil }
    return "Ses\(session)\(gender)"
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
