import EmoCorpus
import EmoSupport
import Folds

/// `BENCH folds_100k_ms`: planning stratified group 5-fold for 100,000 segments of 20,000 speakers
/// (best of 3 after a warm-up; scikit-learn's StratifiedGroupKFold takes about 3 s for this).
func benchFolds() throws {
  var random = SeededRandom(seed: 1, stream: "bench-folds")
  let classes = ["Anger", "Fear", "Neutral", "Positive"]
  let cumulative = [0.15, 0.25, 0.85, 1.0]
  var entries: [ManifestEntry] = []
  entries.reserveCapacity(100_000)
  var dialog = 0
  for s in 0..<20_000 {
    // One dialog per caller, 5 % of callers joining the previous caller's dialog.
    if s == 0 || random.uniform() >= 0.05 { dialog += 1 }
    for n in 0..<5 {
      let u = random.uniform()
      let label = classes[cumulative.firstIndex { u < $0 } ?? 3]
      let start = Double(n) * 3
      entries.append(
        ManifestEntry(
          id: "D\(dialog)-S\(s)-\(n)", speaker: "S\(s)", dialog: "D\(dialog)", gender: s % 2 == 0 ? .female : .male,
          role: .caller, label: label, path: "", start: start, end: start + 2, duration: 2, windows: 1))
    }
  }
  var best = Double.infinity
  for run in 0..<4 {
    let clock = ContinuousClock()
    let started = clock.now
    let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 1)
    let elapsed = clock.now - started
    precondition(plan.folds.count == 5)
    let ms = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
    if run > 0 { best = min(best, ms) }
  }
  print("BENCH folds_100k_ms \(Int(best.rounded())) ms")
}
