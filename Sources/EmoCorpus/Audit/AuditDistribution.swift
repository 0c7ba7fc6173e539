/// Class, speaker and duration distributions of labeled items (paper Figs. 1–3).
func auditDistribution(_ items: [AuditItem], input: AuditInput) -> DistributionSummary {
  let labeled = items.filter { $0.finalLabel != nil }
  var classes = input.classes
  let extra = Set(labeled.compactMap(\.finalLabel)).subtracting(classes).sorted()
  classes += extra
  func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

  var counts: [String: Int] = [:]
  var bySpeaker: [String: [String: Int]] = [:]
  var speakerOrder: [String] = []
  var durations: [Double] = []
  for item in labeled {
    let label = item.finalLabel!
    counts[label, default: 0] += 1
    if bySpeaker[item.speaker] == nil { speakerOrder.append(item.speaker) }
    bySpeaker[item.speaker, default: [:]][label, default: 0] += 1
    if let d = item.duration, d.isFinite { durations.append(d) }
  }
  let speakers = speakerOrder.count
  var byClassCount = [Int](repeating: 0, count: max(classes.count, 1) + 1)
  var perClass: [String: Int] = [:]
  var onlyNeutral = 0
  var segmentsPerSpeaker: [Double] = []
  for s in speakerOrder {
    let labels = bySpeaker[s]!
    byClassCount[min(labels.count, byClassCount.count - 1)] += 1
    for l in labels.keys { perClass[l, default: 0] += 1 }
    if let neutral = input.neutralClass, labels.count == 1, labels[neutral] != nil { onlyNeutral += 1 }
    segmentsPerSpeaker.append(Double(labels.values.reduce(0, +)))
  }
  return DistributionSummary(
    labeled: labeled.count, unlabeled: items.count - labeled.count,
    classes: classes.map {
      ClassShare(label: $0, count: counts[$0] ?? 0, share: share(counts[$0] ?? 0, labeled.count))
    },
    speakers: speakers,
    speakersByClassCount: (1..<byClassCount.count).map {
      SpeakerClassCount(classes: $0, speakers: byClassCount[$0], share: share(byClassCount[$0], speakers))
    },
    speakersPerClass: classes.map {
      ClassShare(label: $0, count: perClass[$0] ?? 0, share: share(perClass[$0] ?? 0, speakers))
    },
    onlyNeutralSpeakers: input.neutralClass.map { _ in
      ClassShare(label: input.neutralClass!, count: onlyNeutral, share: share(onlyNeutral, speakers))
    },
    segmentsPerSpeaker: SummaryStats(segmentsPerSpeaker), duration: SummaryStats(durations),
    durationMissing: labeled.count - durations.count)
}

/// Cramér's V of a contingency table (rows × columns of counts), plain and bias-corrected.
public enum CramersV {
  /// (plain, corrected) V over the rows and columns with a non-zero total; nil when fewer than
  /// two such rows or columns (V is undefined: nothing varies).
  ///
  /// Plain V = √(χ² / (n · min(r − 1, c − 1))). Corrected (Bergsma 2013): φ²₊ = max(0, χ²/n −
  /// (r − 1)(c − 1)/(n − 1)), r̃ = r − (r − 1)²/(n − 1), c̃ likewise, V = √(φ²₊ / min(r̃ − 1, c̃ − 1));
  /// it removes the upward bias of plain V when cells are sparse (many speakers, few segments each).
  /// Both are clamped to [0, 1] against rounding.
  public static func compute(_ table: [[Int]]) -> (plain: Double, corrected: Double?)? {
    let columns = table.map(\.count).max() ?? 0
    var colTotals = [Int](repeating: 0, count: columns)
    for row in table { for (j, c) in row.enumerated() { colTotals[j] += c } }
    let keptColumns = colTotals.indices.filter { colTotals[$0] > 0 }
    let rows = table.filter { $0.reduce(0, +) > 0 }
    let r = rows.count
    let c = keptColumns.count
    guard r >= 2, c >= 2 else { return nil }
    let n = Double(colTotals.reduce(0, +))
    var chi2 = 0.0
    for row in rows {
      let rowTotal = Double(row.reduce(0, +))
      for j in keptColumns {
        let expected = rowTotal * Double(colTotals[j]) / n
        let observed = j < row.count ? Double(row[j]) : 0
        chi2 += (observed - expected) * (observed - expected) / expected
      }
    }
    let plain = Swift.min(1, Swift.max(0, (chi2 / (n * Double(Swift.min(r - 1, c - 1)))).squareRoot()))
    guard n > 1 else { return (plain, nil) }
    let phi2 = Swift.max(0, chi2 / n - Double((r - 1) * (c - 1)) / (n - 1))
    let rTilde = Double(r) - Double((r - 1) * (r - 1)) / (n - 1)
    let cTilde = Double(c) - Double((c - 1) * (c - 1)) / (n - 1)
    let denominator = Swift.min(rTilde - 1, cTilde - 1)
    guard denominator > 0 else { return (plain, nil) }
    return (plain, Swift.min(1, (phi2 / denominator).squareRoot()))
  }
}

/// How far the speaker predicts the task label; flagged when speaker-independent folds cannot
/// be stratified well (corrected V ≥ 0.5 or at least half the speakers single-class), never when
/// the labeled items hold fewer than two classes.
func auditSpeakerLabelDependence(_ items: [AuditItem], notes: inout [String]) -> SpeakerLabelDependence {
  let labeled = items.filter { $0.finalLabel != nil }
  var speakerIndex: [String: Int] = [:]
  var classIndex: [String: Int] = [:]
  var table: [[Int]] = []
  for item in labeled {
    let s: Int
    if let i = speakerIndex[item.speaker] {
      s = i
    } else {
      s = table.count
      speakerIndex[item.speaker] = s
      table.append([])
    }
    let c: Int
    if let i = classIndex[item.finalLabel!] {
      c = i
    } else {
      c = classIndex.count
      classIndex[item.finalLabel!] = c
    }
    if table[s].count <= c { table[s] += [Int](repeating: 0, count: c + 1 - table[s].count) }
    table[s][c] += 1
  }
  let speakers = table.count
  let single = table.filter { $0.filter { $0 > 0 }.count == 1 }.count
  let multi = table.filter { $0.reduce(0, +) >= 2 }
  let singleMulti = multi.filter { $0.filter { $0 > 0 }.count == 1 }.count
  let singleShare = speakers == 0 ? 0 : Double(single) / Double(speakers)
  let v = CramersV.compute(table)
  if v == nil {
    notes.append(
      "speaker_label_dependence.cramers_v: null, fewer than two speakers or two classes among labeled items")
  } else if v?.corrected == nil {
    notes.append("speaker_label_dependence.cramers_v_corrected: null, too few segments for the bias correction")
  }
  if speakers == 0 { notes.append("speaker_label_dependence: no labeled items; single_class_share is 0") }
  // With a single class there is nothing to stratify: no flag (the V note above explains).
  let strength = v?.corrected ?? v?.plain
  let flag = classIndex.count >= 2 && ((strength ?? 0) >= 0.5 || singleShare >= 0.5)
  var message: String? = nil
  if flag {
    let pct = Int((singleShare * 100).rounded())
    let vText = strength.map { "Cramér's V \(formatAuditNumber($0))" } ?? "Cramér's V undefined"
    message =
      "The speaker largely predicts the label (\(vText), "
      + "\(pct) % of speakers express one class only): speaker-independent folds cannot be stratified "
      + "by class, and UA then mostly measures speaker variation."
  }
  return SpeakerLabelDependence(
    n: labeled.count, speakers: speakers, cramersV: v?.plain, cramersVCorrected: v?.corrected,
    singleClassShare: singleShare,
    singleClassShareMultiSegment: multi.isEmpty ? nil : Double(singleMulti) / Double(multi.count), flag: flag,
    message: message)
}

/// Three decimals, the format reports show audit numbers in.
public func formatAuditNumber(_ x: Double) -> String {
  let scaled = (x * 1000).rounded()
  let negative = scaled < 0
  let magnitude = Int(abs(scaled))
  let text =
    "\(magnitude / 1000).\(String(repeating: "0", count: 3 - String(magnitude % 1000).count))\(magnitude % 1000)"
  return negative && magnitude != 0 ? "-" + text : text
}
