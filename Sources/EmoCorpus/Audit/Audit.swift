import Agreement
import EmoSupport

/// The annotation audit (kappa strict and relaxed, multi-rater coefficients, distributions): pure and deterministic for `input.seed`.
///
/// Kappa subsets: `all` is every item; `caller` and `agent` are items of that role (role
/// `speaker` items count in `all` only). Cohen's kappa uses two coders (`input.twoCoderIDs`, or the
/// two coders present on the most items, ties broken by id); an item counts when both gave a Major
/// label, else it is counted as `excluded_missing_coder` (a coder absent) or `excluded_missing_label`
/// (present without a usable Major), so n + both exclusions = items of the subset. The multi-rater
/// coefficients, rater diagnostics and the pairwise table use every coder's Major label (or
/// `input.votes`). Distributions use `finalLabel`.
public func runAudit(_ input: AuditInput) -> AuditReport {
  var notes: [String] = input.source.notes
  let kappaClasses = auditKappaClasses(input, notes: &notes)
  var book = LabelCodebook(kappaClasses)
  let k = book.count

  // Two coders.
  var presence: [String: Int] = [:]
  for item in input.items {
    let judgements = item.judgements
    if judgements.count <= 32 {
      // Each coder once per item: a few judgements are scanned instead of building a set.
      for (k, j) in judgements.enumerated() where !judgements[..<k].contains(where: { $0.coder == j.coder }) {
        presence[j.coder, default: 0] += 1
      }
    } else {
      for coder in Set(judgements.map(\.coder)) { presence[coder, default: 0] += 1 }
    }
  }
  let ranked = presence.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
  let coderA: String?
  let coderB: String?
  if let named = input.twoCoderIDs {
    (coderA, coderB) = (named.0, named.1)
  } else if ranked.count >= 2 {
    (coderA, coderB) = (ranked[0], ranked[1])
  } else {
    (coderA, coderB) = (nil, nil)
    notes.append(
      "kappa: fewer than two coders in the input (\(ranked.count)); every Cohen's kappa is null with n = 0")
  }

  // Pairs of the two coders.
  struct Pair {
    var role: Role
    var dialog: String
    var strict: (Int, Int)
    var relaxed: (Int, Int)
  }
  var pairs: [Pair] = []
  var missingCoder: [Role: Int] = [:]
  var missingLabel: [Role: Int] = [:]
  var itemsByRole: [Role: Int] = [:]
  for item in input.items {
    itemsByRole[item.role, default: 0] += 1
    let a = coderA.flatMap { c in item.judgements.first { $0.coder == c } }
    let b = coderB.flatMap { c in item.judgements.first { $0.coder == c } }
    guard let a, let b else {
      missingCoder[item.role, default: 0] += 1
      continue
    }
    guard let majorA = a.major, let majorB = b.major else {
      missingLabel[item.role, default: 0] += 1
      continue
    }
    let relaxed = RelaxedAgreement.pair(majorA: majorA, minorA: a.minor, majorB: majorB, minorB: b.minor)
    pairs.append(
      Pair(
        role: item.role, dialog: item.dialog,
        strict: (Int(book.code(majorA)), Int(book.code(majorB))),
        relaxed: (Int(book.code(relaxed.0)), Int(book.code(relaxed.1)))))
  }

  func entry(rule: String, subset: String, role: Role?) -> (KappaEntry, ConfusionMatrix) {
    let chosen = pairs.filter { role == nil || $0.role == role }
    var m = ConfusionMatrix(classCount: k)
    var withDialog: [(dialog: String, a: Int, b: Int)] = []
    withDialog.reserveCapacity(chosen.count)
    for p in chosen {
      let (x, y) = rule == "strict" ? p.strict : p.relaxed
      m.add(x, y)
      withDialog.append((p.dialog, x, y))
    }
    let value = CohenKappa.estimate(m)
    var random = SeededRandom(seed: input.seed, stream: "audit.bootstrap.\(rule).\(subset)")
    let boot = DialogBootstrap.kappaInterval(
      pairs: withDialog, classCount: k, replicates: input.bootstrapReplicates, random: &random)
    let key = "kappa.\(rule).\(subset)"
    let excludedCoder = role.map { missingCoder[$0] ?? 0 } ?? missingCoder.values.reduce(0, +)
    let excludedLabel = role.map { missingLabel[$0] ?? 0 } ?? missingLabel.values.reduce(0, +)
    let subsetItems = role.map { itemsByRole[$0] ?? 0 } ?? input.items.count
    switch value.degeneracy {
    case .noItems:
      notes.append(
        subsetItems == 0
          ? "\(key): no items\(role.map { " with role \($0.rawValue)" } ?? ""); value is null (n = 0)"
          : "\(key): none of the \(subsetItems) items has a Major label from both coders; value is null (n = 0)")
    case .chanceOnePerfect:
      notes.append("\(key): both coders used one and the same class; kappa is defined as 1, se and ci95 are null")
    case .chanceOneImperfect:
      notes.append("\(key): chance agreement is 1 but observed agreement is below 1; kappa is defined as 0")
    case nil: break
    }
    if input.bootstrapReplicates > 0, value.n > 0, Set(withDialog.map(\.dialog)).count < 2 {
      notes.append("\(key): all pairs come from one dialog; the bootstrap interval is a single point")
    }
    let e = KappaEntry(
      value: value.value, se: value.se, ci95: value.ci95, ci95Bootstrap: boot, n: value.n,
      excludedMissingCoder: excludedCoder, excludedMissingLabel: excludedLabel,
      observedAgreement: value.observed, chanceAgreement: value.chance)
    return (e, m)
  }

  let (strictAll, strictMatrix) = entry(rule: "strict", subset: "all", role: nil)
  let (relaxedAll, relaxedMatrix) = entry(rule: "relaxed", subset: "all", role: nil)
  let kappa = KappaSection(
    coderA: coderA, coderB: coderB, codersChosenBy: input.twoCoderIDs == nil ? "most_items" : "input",
    strict: KappaByRole(
      all: strictAll, caller: entry(rule: "strict", subset: "caller", role: .caller).0,
      agent: entry(rule: "strict", subset: "agent", role: .agent).0),
    relaxed: KappaByRole(
      all: relaxedAll, caller: entry(rule: "relaxed", subset: "caller", role: .caller).0,
      agent: entry(rule: "relaxed", subset: "agent", role: .agent).0))

  let perClass = PerClassKappa(
    strict: auditPerClass(strictMatrix, classes: book.labels, rule: "strict", notes: &notes),
    relaxed: auditPerClass(relaxedMatrix, classes: book.labels, rule: "relaxed", notes: &notes))
  let confusion = CoderConfusion(classes: book.labels, strict: strictMatrix.rows, relaxed: relaxedMatrix.rows)

  let multi = auditMultiRater(input, notes: &notes)
  let distribution = DistributionSection(
    all: auditDistribution(input.items, input: input),
    caller: auditDistribution(input.items.filter { $0.role == .caller }, input: input),
    agent: auditDistribution(input.items.filter { $0.role == .agent }, input: input))
  for (name, d) in [("all", distribution.all), ("caller", distribution.caller), ("agent", distribution.agent)] {
    if d.labeled == 0 {
      notes.append("distribution.\(name): no labeled items; shares are 0 and statistics null")
    } else if d.duration.n == 0 {
      notes.append("distribution.\(name).duration: no labeled item has a duration; statistics are null")
    }
  }
  if input.bootstrapReplicates <= 0 {
    notes.append("kappa: bootstrap disabled (0 replicates); every ci95_bootstrap is null")
  }
  let dependence = auditSpeakerLabelDependence(input.items, notes: &notes)

  return AuditReport(
    items: input.items.count, kappaClasses: book.labels, taskClasses: input.classes,
    bootstrap: BootstrapInfo(
      replicates: max(input.bootstrapReplicates, 0), seed: input.seed, unit: "dialog", method: "percentile"),
    kappa: kappa, perClassKappa: perClass, confusion: confusion, input: multi.input,
    percentAgreement: multi.percentAgreement, fleissKappa: multi.fleiss, krippendorffAlpha: multi.alpha,
    congerKappa: multi.conger, gwetAC1: multi.gwet, brennanPrediger: multi.brennanPrediger, scottPi: multi.scott,
    perCategory: multi.perCategory, majority: multi.majority, ties: multi.majority.ties, raters: multi.raters,
    raterSummary: multi.raterSummary, pairwise: multi.pairwise, pairwiseMeanKappa: multi.pairwiseMean,
    distribution: distribution, speakerLabelDependence: dependence, notes: notes)
}

/// Kappa categories: the macro classes given, then any other class the coders used (sorted).
func auditKappaClasses(_ input: AuditInput, notes: inout [String]) -> [String] {
  var used = Set<String>()
  for item in input.items {
    for j in item.judgements {
      if let m = j.major { used.insert(m) }
      if let m = j.minor { used.insert(m) }
    }
  }
  guard let macro = input.macroClasses else { return used.sorted() }
  let extra = used.subtracting(macro).sorted()
  if !extra.isEmpty {
    notes.append(
      "kappa_classes: coders used classes outside the macro classes, appended: \(extra.joined(separator: ", "))")
  }
  return macro + extra
}

/// One-vs-rest kappa per class; a class neither coder used gets null.
func auditPerClass(_ m: ConfusionMatrix, classes: [String], rule: String, notes: inout [String]) -> [ClassKappa] {
  let rows = m.rowTotals
  let cols = m.columnTotals
  var unused: [String] = []
  let result = classes.enumerated().map { c, label -> ClassKappa in
    if rows[c] + cols[c] == 0 {
      if m.total > 0 { unused.append(label) }
      return ClassKappa(label: label, value: nil, se: nil, n: m.total, countA: 0, countB: 0)
    }
    let v = CohenKappa.oneVsRest(m, class: c)
    if v.degeneracy == .chanceOnePerfect {
      notes.append("per_class_kappa.\(rule).\(label): every item is in this class for both coders; kappa is 1")
    }
    return ClassKappa(label: label, value: v.value, se: v.se, n: v.n, countA: rows[c], countB: cols[c])
  }
  if !unused.isEmpty {
    notes.append(
      "per_class_kappa.\(rule): classes neither coder used have null kappa: \(unused.joined(separator: ", "))")
  }
  return result
}
