// `results.json` and `fold.json` write every key, a value that does not apply as null (never
// omitted): `train` and `train --collect` write the same bytes for the same folds, and
// schemas/results.schema.json sees one shape whatever the run.

extension FoldResult {
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(fold, forKey: .fold)
    try c.encode(ua, forKey: .ua)
    try c.encode(wa, forKey: .wa)
    try c.encode(strategy, forKey: .strategy)
    try c.encode(confusion, forKey: .confusion)
    try c.encode(strategies, forKey: .strategies)
    try c.encode(genderUA, forKey: .genderUA)
    try c.encode(genderWA, forKey: .genderWA)
    try c.encode(bestEpoch, forKey: .bestEpoch)
    try c.encode(validationUA, forKey: .validationUA)
    try c.encode(curves, forKey: .curves)
    try c.encode(testSegments, forKey: .testSegments)
    try c.encode(dimensions, forKey: .dimensions)
  }
}

extension RunResult {
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(ua, forKey: .ua)
    try c.encode(wa, forKey: .wa)
    try c.encode(uaStd, forKey: .uaStd)
    try c.encode(waStd, forKey: .waStd)
    try c.encode(folds, forKey: .folds)
    try c.encode(strategy, forKey: .strategy)
    try c.encode(classes, forKey: .classes)
    try c.encode(chanceUA, forKey: .chanceUA)
    try c.encode(confusion, forKey: .confusion)
    try c.encode(strategies, forKey: .strategies)
    try c.encode(genderUA, forKey: .genderUA)
    try c.encode(genderWA, forKey: .genderWA)
    try c.encode(model, forKey: .model)
    try c.encode(parameterCount, forKey: .parameterCount)
    try c.encode(options, forKey: .options)
    try c.encode(baseline, forKey: .baseline)
    try c.encode(dimensions, forKey: .dimensions)
  }
}
