import EmoCorpus
import EmoSupport
import Foundation

/// `BENCH kappa_1m_pairs_ms`: Cohen's kappa on 1,000,000 pairs of string labels over 21 classes.
///
/// Measured end to end as the audit does it on catalog data: both string columns mapped to integer
/// codes (`LabelCodebook.encode`), one pass into the confusion matrix, kappa and its standard error.
/// Labels are fresh String values per row, as a database reader returns them. Median of 9 runs.
func benchKappa1MPairs() -> Double {
  let fine = [
    "Fear", "Anxiety", "Stress", "Panic", "Embarrassment", "Dismay", "Annoyance", "Impatience", "HotAnger",
    "ColdAnger", "Disappointment", "Sadness", "Despair", "Resignation", "Pain", "Interest", "Compassion",
    "Amusement", "Relief", "Surprise", "Neutral",
  ]
  var random = SeededRandom(seed: 42, stream: "bench.kappa")
  let n = 1_000_000
  var a: [String] = []
  var b: [String] = []
  a.reserveCapacity(n)
  b.reserveCapacity(n)
  for _ in 0..<n {
    let x = Int(random.next() % 21)
    let y = random.next() % 10 < 6 ? x : Int(random.next() % 21)
    a.append(String(decoding: Array(fine[x].utf8), as: UTF8.self))
    b.append(String(decoding: Array(fine[y].utf8), as: UTF8.self))
  }
  var times: [Double] = []
  var sink = 0.0
  for _ in 0..<9 {
    let start = DispatchTime.now().uptimeNanoseconds
    var book = LabelCodebook()
    let ca = book.encode(a)
    let cb = book.encode(b)
    let m = ConfusionMatrix(codesA: ca, codesB: cb, classCount: book.count)
    let v = CohenKappa.estimate(m)
    let end = DispatchTime.now().uptimeNanoseconds
    sink += (v.value ?? 0) + (v.se ?? 0)
    times.append(Double(end - start) / 1e6)
  }
  if !sink.isFinite { print("kappa bench: unexpected non-finite kappa") }
  times.sort()
  return times[times.count / 2]
}
