/// Hands out one stored instance per distinct value, so that equal values made again and again
/// (a table's repeated sentences, the same coders' labels on millions of segments) share one
/// copy-on-write storage instead of each holding its own.
///
/// Holds a reference to every distinct value it has seen: keep one only while building
/// something large, and let it go with the builder.
public struct SharedValues<Value: Hashable> {
  private var stored: Set<Value> = []

  public init() {}

  /// The instance stored for values equal to `value`: the first one given, else `value` itself
  /// (which is then stored).
  public mutating func shared(_ value: Value) -> Value {
    stored.insert(value).memberAfterInsert
  }

  /// How many distinct values are stored.
  public var count: Int { stored.count }
}
