import Foundation

/// A small IEMOCAP-shaped release tree reproducing every quirk of the real release (README, IEMOCAP), written on demand.
///
/// Content (hand-counted; tests check these numbers exactly):
/// - Session1 `Ses01F_impro01` (CRLF): 4 turns, F then M, the M turns earlier in time; several
///   labels, notes with tab and `;`, `Neutral state`, `Other;`, self-evaluation, a missing `dom`,
///   `xxx`, a missing trailing `;`, runs of spaces instead of tabs, trailing blanks.
/// - Session1 `Ses01F_script01_1`: 2 scripted turns, no blank line between blocks.
/// - Session1 `Categorical/`, `Attribute/`, `Self-evaluation/` copies and a hidden `._` file: never counted.
/// - Session2: no `dialog/EmoEvaluation` folder (noted, skipped).
/// - Session3 `Ses03M_impro05a` (suffixed; its F turn is speaker `Ses03F`): missing values, V/A/D
///   outside 1–5, no final newline.
/// - Session5 `Ses05M_script01_1b` (suffixed, scripted).
public enum IEMOCAPFixture {
  public static let header = "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]"

  public static let impro01 = [
    header,
    "",
    "[6.2901 - 8.2357]\tSes01F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]",
    "C-E2:\tNeutral;\t()",
    "C-E3:\tNeutral; Frustration;\t(calm; a bit\ttired)",
    "C-E4:  Neutral state;  ()",
    "C-F1:\tNeutral;\t(curious)",
    "A-E3:\tval 3; act 2; dom  2;\t()",
    "A-E4:\tval 2; act 3; dom ;\t(mildly aggravated)",
    "A-F1:\tval 2; act 2; dom  2;\t()",
    "",
    "[10.0100 - 11.3925]\tSes01F_impro01_F001\txxx\t[2.0000, 3.0000, 3.5000]",
    "C-E1:\tOther;\t(bored)",
    "C-E2:\tSadness\t()",
    "C-E3:\tAnger;\t()",
    "C-F1:\tFrustration;\t()",
    "A-E1:\tval 2; act 3; dom 3\t()",
    "",
    "[3.0100 - 5.5000]   Ses01F_impro01_M000   ang   [1.5000, 4.0000, 4.0000]   ",
    "C-E2:\tAnger; Frustration; Other;\t(shouting)",
    "C-E3:\tAnger;\t()",
    "C-M1:\tAnger;\t()",
    "A-M1:\tval 1; act 4; dom 4;\t()",
    "",
    "[12.0000 - 14.2500]\tSes01F_impro01_M001\tneu\t[2.5000, 2.5000, 2.5000]",
    "C-E2:\tNeutral state;\t()",
    "",
  ].joined(separator: "\r\n")

  public static let script01 = [
    header,
    "[1.0000 - 2.5000]\tSes01F_script01_1_F000\thap\t[4.0000, 3.0000, 3.0000]",
    "C-E1:\tHappiness;\t()",
    "C-E2:\tHappiness; Excited;\t()",
    "[2.6000 - 4.0000]\tSes01F_script01_1_M000\texc\t[4.5000, 4.0000, 3.0000]",
    "C-E1:\tExcited;\t()",
    "C-E2:\tHappiness;\t()",
    "",
  ].joined(separator: "\n")

  public static let impro05a = [
    header,
    "[0.5000 - 1.7500]\tSes03M_impro05a_F000\tsad\t[1.0000, 1.5000, 2.0000]",
    "C-E1:\tSadness;\t()",
    "A-E1:\tval ; act ; dom 2;\t()",
    "",
    "",
    "[2.0000 - 3.0000]\tSes03M_impro05a_M000\tfru\t[5.5000, 0.5000, 2.0000]",
    "C-E1:\tFrustration;\t()",
  ].joined(separator: "\n")

  public static let script01b = [
    header,
    "",
    "[10.0000 - 12.0000]\tSes05M_script01_1b_F000\tneu\t[2.5000, 2.5000, 2.5000]",
    "C-E3:\tNeutral;\t()",
    "",
    "[1.0000 - 2.0000]\tSes05M_script01_1b_M000\tsur\t[3.0000, 4.0000, 3.0000]",
    "C-E3:\tSurprise;\t()",
    "C-E5:\tSurprise; Happiness;\t()",
    "",
  ].joined(separator: "\n")

  /// Writes the tree under `root` (created if needed).
  public static func write(to root: String) throws {
    let evaluation1 = "Session1/dialog/EmoEvaluation"
    try put(root, "\(evaluation1)/Ses01F_impro01.txt", impro01)
    try put(root, "\(evaluation1)/Ses01F_script01_1.txt", script01)
    try put(root, "\(evaluation1)/Categorical/Ses01F_impro01_e2_cat.txt", impro01)
    try put(root, "\(evaluation1)/Attribute/Ses01F_impro01_e3_atr.txt", impro01)
    try put(root, "\(evaluation1)/Self-evaluation/Ses01F_impro01.anvil", "<annotation/>\n")
    try put(root, "\(evaluation1)/._Ses01F_impro01.txt", "\u{0}\u{5}\u{16}\u{7}Mac OS X")
    try put(root, "Session2/sentences/wav/.keep", "")
    try put(root, "Session3/dialog/EmoEvaluation/Ses03M_impro05a.txt", impro05a)
    try put(root, "Session5/dialog/EmoEvaluation/Ses05M_script01_1b.txt", script01b)
  }

  /// Writes one file, creating its folders.
  public static func put(_ root: String, _ relative: String, _ text: String) throws {
    let path = root + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
}
