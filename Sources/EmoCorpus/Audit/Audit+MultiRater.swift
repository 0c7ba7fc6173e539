import Agreement

/// Everything the audit reports over all raters at once.
struct MultiRaterSection {
  var input: AuditInputSummary
  var percentAgreement: MultiRaterEntry
  var fleiss: MultiRaterEntry
  var alpha: MultiRaterEntry
  var conger: MultiRaterEntry
  var gwet: MultiRaterEntry
  var brennanPrediger: MultiRaterEntry
  var scott: MultiRaterEntry
  var perCategory: [CategoryAgreement]
  var majority: MajoritySummary
  var majorityCode: [Int32]
  var raters: [RaterDiagnostic]
  var raterSummary: RaterSummary
  var pairwise: [PairwiseKappa]
  var pairwiseMean: Double?
}

/// With more raters than this, `pairwise` lists only pairs sharing `minimumSharedItems` items
/// (crowd tables have thousands of raters whose pairs mostly share one item or none).
let pairwiseListAllUpTo = 50

/// The rating table of the audit: the vote counts, or every coder's first judgement's Major label.
func auditRatingTable(_ input: AuditInput) -> RatingTable {
  if let votes = input.votes { return votes }
  let ratings: [[(rater: String, label: String)]] = input.items.map { item in
    let judgements = item.judgements
    var out: [(rater: String, label: String)] = []
    out.reserveCapacity(judgements.count)
    // A coder's first judgement only; with a few judgements, earlier ones are scanned (no set).
    if judgements.count <= 32 {
      for (k, j) in judgements.enumerated() where !judgements[..<k].contains(where: { $0.coder == j.coder }) {
        if let m = j.major { out.append((j.coder, m)) }
      }
      return out
    }
    var seen = Set<String>()
    for j in judgements where !seen.contains(j.coder) {
      seen.insert(j.coder)
      if let m = j.major { out.append((j.coder, m)) }
    }
    return out
  }
  return RatingTable(ratings: ratings, categories: input.ratingCategories)
}

/// Percent agreement, Fleiss, Krippendorff, Conger, Gwet, Brennan–Prediger, Scott, per-category
/// agreement, majority labels, rater diagnostics and pairwise Cohen's kappa.
func auditMultiRater(_ input: AuditInput, notes: inout [String]) -> MultiRaterSection {
  let table = auditRatingTable(input)
  let (counts, breakdown) = CountAgreement.analyze(table)
  // Pairs below the shared-item minimum are neither listed (beyond the listing limit) nor used by
  // the diagnostics: not computed.
  let listAllPairs = (table.raters?.names.count ?? 0) <= pairwiseListAllUpTo
  let pairs = RaterDiagnostics.pairKappas(
    table, minimumSharedItems: listAllPairs ? 1 : input.raterOptions.minimumSharedItems)
  let diagnostics = RaterDiagnostics.run(table, pairs: pairs, options: input.raterOptions)

  // Raters over items with two ratings or more.
  var pairedRaters: Int? = nil
  var allRaters: Int? = nil
  if let assignments = table.raters {
    var seenPaired = Set<Int32>()
    var seenAll = Set<Int32>()
    for i in 0..<assignments.itemCount {
      let range = Int(assignments.offsets[i])..<Int(assignments.offsets[i + 1])
      for r in range {
        seenAll.insert(assignments.rater[r])
        if range.count >= 2 { seenPaired.insert(assignments.rater[r]) }
      }
    }
    pairedRaters = seenPaired.count
    allRaters = seenAll.count
  }
  let totalRatings = table.counts.reduce(0) { $0 + Int($1) }

  let conger = CongerKappa.estimate(table)
  let scott = ScottPi.estimate(table)
  var fleiss = MultiRaterEntry(counts.fleiss, raters: pairedRaters)
  fleiss.irrcac = CoefficientVariant(counts.fleissIrrCAC)
  var result = MultiRaterSection(
    input: AuditInputSummary(
      kind: input.source.kind, file: input.source.file, categories: table.categories,
      ratedItems: breakdown.majority.items, ratings: totalRatings, raters: allRaters, rows: input.source.rows,
      droppedRows: input.source.droppedRows),
    percentAgreement: MultiRaterEntry(counts.percentAgreement, raters: pairedRaters),
    fleiss: fleiss, alpha: MultiRaterEntry(counts.krippendorff, raters: pairedRaters),
    conger: MultiRaterEntry(conger, raters: pairedRaters), gwet: MultiRaterEntry(counts.gwet, raters: pairedRaters),
    brennanPrediger: MultiRaterEntry(counts.brennanPrediger, raters: pairedRaters),
    scott: MultiRaterEntry(scott, raters: pairedRaters), perCategory: breakdown.categories,
    majority: breakdown.majority, majorityCode: breakdown.majorityCode, raters: diagnostics?.0 ?? [],
    raterSummary: diagnostics?.1
      ?? RaterSummary(
        metric: "kappa_vs_majority", raters: 0, eligible: 0, mean: nil, sd: nil, threshold: nil, flagged: 0,
        minimumItems: input.raterOptions.minimumItems, minimumSharedItems: input.raterOptions.minimumSharedItems),
    pairwise: [], pairwiseMean: nil)

  // Notes: one per coefficient that is null or degenerate, naming why.
  let q = table.categories.count
  for (key, e) in [
    ("percent_agreement", counts.percentAgreement), ("fleiss_kappa", counts.fleiss),
    ("krippendorff_alpha", counts.krippendorff), ("gwet_ac1", counts.gwet),
    ("brennan_prediger", counts.brennanPrediger),
  ] {
    auditCoefficientNote(key, e, q: q, notes: &notes)
  }
  if table.raters == nil {
    notes.append("conger_kappa: null, needs rater identity (a vote table has counts only)")
    notes.append("scott_pi: null, needs rater identity (a vote table has counts only)")
    notes.append("raters: empty, a vote table has no rater identity")
  } else {
    if let conger {
      if conger.value == nil && conger.items > 0 {
        notes.append("conger_kappa: null, fewer than two raters")
      } else {
        auditCoefficientNote("conger_kappa", conger, q: q, notes: &notes)
      }
    }
    if let scott {
      auditCoefficientNote("scott_pi", scott, q: q, notes: &notes)
    } else {
      notes.append(
        "scott_pi: null, defined for two raters and this input has \(allRaters ?? 0); fleiss_kappa is its "
          + "generalization to more raters")
    }
  }
  if breakdown.majority.items < table.itemCount {
    notes.append("input: \(table.itemCount - breakdown.majority.items) items have no rating and take no part")
  }
  if let summary = diagnostics?.1 {
    if summary.eligible < 2 {
      notes.append(
        "rater_summary: fewer than two raters with kappa_vs_majority on at least \(summary.minimumItems) items; "
          + "no rater is flagged")
    } else if summary.eligible < 6 {
      notes.append(
        "rater_summary: with \(summary.eligible) eligible raters no rater can lie 2 standard deviations below "
          + "the mean of the others and itself (at least 6 are needed); flags are unlikely")
    }
  }

  // Pairwise Cohen's kappa (names sorted: coder A < coder B).
  let names = table.raters?.names ?? []
  let listAll = listAllPairs
  var degenerate: [String] = []
  for p in pairs where listAll || p.kappa.n >= input.raterOptions.minimumSharedItems {
    if p.kappa.degeneracy != nil { degenerate.append("\(names[p.a])–\(names[p.b])") }
    result.pairwise.append(PairwiseKappa(coderA: names[p.a], coderB: names[p.b], kappa: p.kappa.value, n: p.kappa.n))
  }
  if !degenerate.isEmpty {
    let shown = degenerate.prefix(20).joined(separator: ", ")
    let more = degenerate.count > 20 ? " and \(degenerate.count - 20) more" : ""
    notes.append("pairwise: one class only for both coders (kappa defined as 1): \(shown)\(more)")
  }
  let possible = names.count * (names.count - 1) / 2
  if possible > result.pairwise.count {
    let rule =
      listAll
      ? "share no item"
      : "share fewer than \(input.raterOptions.minimumSharedItems) items (more than \(pairwiseListAllUpTo) raters)"
    notes.append("pairwise: \(possible - result.pairwise.count) of \(possible) coder pairs \(rule) and are not listed")
  }
  let defined = result.pairwise.compactMap(\.kappa)
  result.pairwiseMean = defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
  return result
}

/// The note of a null or degenerate coefficient.
func auditCoefficientNote(_ key: String, _ e: CoefficientEstimate, q: Int, notes: inout [String]) {
  switch e.degeneracy {
  case .noItems: notes.append("\(key): no item has two ratings; value is null")
  case .chanceOnePerfect:
    notes.append(
      q < 2 && (key == "gwet_ac1" || key == "brennan_prediger")
        ? "\(key): a single category; value is defined as 1, se and ci95 are null"
        : "\(key): every rating is the same class; value is defined as 1, se and ci95 are null")
  case .chanceOneImperfect: notes.append("\(key): chance agreement is 1 but observed is not; value is 0")
  case nil:
    if e.value != nil && e.se == nil {
      notes.append("\(key): se and ci95 are null (fewer than two items, or a single category)")
    }
  }
}
