/// Exact numbers of turns per consensus code for a preset, improvised and scripted apart.
struct IEMOCAPPools: Sendable, Hashable {
  var improvised: [IEMOCAPCode: Int]
  var scripted: [IEMOCAPCode: Int]
  var improvisedNoConsensus: Int
  var scriptedNoConsensus: Int

  /// The release's counts: 10,039 turns; improvised neu 1099, sad 608, ang 289, hap 284 (2280
  /// in all); over all turns neu + sad + ang + hap + exc = 5531 (1708 + 1084 + 1103 + 595 +
  /// 1041). How exc, fru, the rare codes and xxx split between improvised and scripted is an estimate.
  static let release = IEMOCAPPools(
    improvised: [
      .neu: 1099, .sad: 608, .ang: 289, .hap: 284, .exc: 742, .fru: 1000, .sur: 60, .fea: 25, .dis: 1, .oth: 2,
    ],
    scripted: [
      .neu: 609, .sad: 476, .ang: 814, .hap: 311, .exc: 299, .fru: 849, .sur: 47, .fea: 15, .dis: 1, .oth: 1,
    ],
    improvisedNoConsensus: 1300, scriptedNoConsensus: 1207)

  /// Every code of one subset in a fixed order (nil: `xxx`), ready to be shuffled and dealt.
  func codes(improvised: Bool) -> [IEMOCAPCode?] {
    let counts = improvised ? self.improvised : scripted
    var result: [IEMOCAPCode?] = []
    for code in IEMOCAPCode.allCases { result += [IEMOCAPCode?](repeating: code, count: counts[code] ?? 0) }
    result += [IEMOCAPCode?](repeating: nil, count: improvised ? improvisedNoConsensus : scriptedNoConsensus)
    return result
  }
}
