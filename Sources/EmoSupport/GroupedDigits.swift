/// An integer with comma thousands separators, as printed for people (`221,172`).
public func groupedDigits(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var out = value < 0 ? "-" : ""
  for (i, digit) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(digit)
  }
  return out
}
