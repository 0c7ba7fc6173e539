import Foundation
import Testing

@testable import EmoSupport

@Suite struct ReaderPathsTests {
  /// Paths as annotation files write them: the last component and the stem are Foundation's,
  /// whatever the path holds.
  @Test(arguments: [
    ("audio/Ses01F_impro01.wav", "Ses01F_impro01.wav", "Ses01F_impro01"),
    ("/corpus/wav/03a01Fa.wav", "03a01Fa.wav", "03a01Fa"),
    ("a/b.tar.gz", "b.tar.gz", "b.tar"),
    ("a/b/", "b", "b"),
    ("a//b.wav", "b.wav", "b"),
    ("x.wav", "x.wav", "x"),
    ("", "", ""),
    ("wav/Dzień dobry.wav", "Dzień dobry.wav", "Dzień dobry"),
  ])
  func lastComponentAndStemOfOrdinaryPaths(_ path: String, _ last: String, _ stem: String) {
    #expect(ReaderPaths.lastComponent(path) == last)
    #expect(ReaderPaths.stem(path) == stem)
    #expect(ReaderPaths.lastComponent(path) == (path as NSString).lastPathComponent)
  }

  /// Foundation's `lastPathComponent` traps (illegal instruction) on these, found by the fuzzer in
  /// a table's path column; runs of "/" are made single first, which names the same file.
  @Test(arguments: [
    ("/a/b////2//", "2"),
    ("/ab\"c/x.wav\u{C2}\u{C2}&\u{C2}////2//////////", "2"),
    ("bÂ///2//", "2"),
    ("///", "/"),
  ])
  func runsOfSlashesDoNotTrap(_ path: String, _ last: String) {
    #expect(ReaderPaths.lastComponent(path) == last)
    #expect(ReaderPaths.stem(path) == (last as NSString).deletingPathExtension)
  }
}
