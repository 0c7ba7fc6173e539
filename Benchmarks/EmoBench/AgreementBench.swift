import Agreement
import EmoCorpus
import EmoSupport
import Foundation

/// `BENCH agreement_votes_100k_ms`: every coefficient of a vote table of 100,000 items × 6
/// categories with 8 votes per item (percent agreement, Fleiss in both forms, Krippendorff's alpha,
/// Gwet's AC1, Brennan–Prediger, each with its standard error and interval), plus the per-category
/// agreement and the majority ties. The krippendorff package alone takes about 47 ms for alpha on
/// such a table on this machine.
func benchAgreementVotes() -> Double {
  var random = SeededRandom(seed: 7, stream: "bench.agreement.votes")
  let n = 100_000
  let q = 6
  var counts = [Int32](repeating: 0, count: n * q)
  for i in 0..<n {
    let truth = Int(random.next() % UInt64(q))
    for _ in 0..<8 {
      let k = random.next() % 10 < 6 ? truth : Int(random.next() % UInt64(q))
      counts[i * q + k] += 1
    }
  }
  let table = RatingTable(categories: ["A", "D", "F", "H", "N", "S"], itemCount: n, counts: counts)
  return medianCPU(name: "agreement_votes_100k") {
    let (c, b) = CountAgreement.analyze(table)
    return (c.fleiss.se ?? 0) + (c.krippendorff.se ?? 0) + (c.gwet.se ?? 0) + Double(b.majority.ties)
  }
}

/// `BENCH agreement_raters_10k_ms`: 10,000 items × 6 named raters with 30 % of ratings missing,
/// from (item, rater, label) strings as a long table gives them: coding into a rating table, then
/// Fleiss, Gwet's AC1, Krippendorff's alpha, Conger's kappa and Brennan–Prediger with standard errors.
/// The irrCAC Python package takes about 0.33 s for these on this machine.
func benchAgreementRaters() -> Double {
  var random = SeededRandom(seed: 8, stream: "bench.agreement.raters")
  let labels = ["anger", "disgust", "fear", "happiness", "neutral", "sadness"]
  let raters = (1...6).map { "rater\($0)" }
  var ratings: [[(rater: String, label: String)]] = []
  ratings.reserveCapacity(10_000)
  for _ in 0..<10_000 {
    let truth = Int(random.next() % 6)
    var item: [(rater: String, label: String)] = []
    for g in 0..<6 where random.uniform() >= 0.3 {
      let k = random.next() % 10 < 6 ? truth : Int(random.next() % 6)
      item.append((raters[g], String(decoding: Array(labels[k].utf8), as: UTF8.self)))
    }
    ratings.append(item)
  }
  return medianCPU(name: "agreement_raters_10k") {
    let table = RatingTable(ratings: ratings)
    let c = CountAgreement.estimate(table)
    let conger = CongerKappa.estimate(table)
    return (c.fleiss.se ?? 0) + (c.gwet.se ?? 0) + (c.krippendorff.se ?? 0) + (c.brennanPrediger.se ?? 0)
      + (conger?.se ?? 0)
  }
}

/// Median over 9 runs of the thread's CPU time in ms (the machine is shared; the work is
/// single-threaded); the wall-time median goes to stderr.
private func medianCPU(name: String, _ work: () -> Double) -> Double {
  var cpu: [Double] = []
  var wall: [Double] = []
  var sink = 0.0
  for _ in 0..<9 {
    let wallStart = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUms()
    sink += work()
    cpu.append(threadCPUms() - cpuStart)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e6)
  }
  if !sink.isFinite { FileHandle.standardError.write(Data("\(name): non-finite result\n".utf8)) }
  cpu.sort()
  wall.sort()
  FileHandle.standardError.write(Data("\(name): wall-time median \(wall[wall.count / 2]) ms\n".utf8))
  return cpu[cpu.count / 2]
}
