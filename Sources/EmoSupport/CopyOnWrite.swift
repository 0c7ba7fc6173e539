/// A value held in one shared box, copied only when a copy of it is changed (copy-on-write), so
/// that a struct storing its fields in one is a single reference wide: arrays of it hold
/// references, and its copies in several lists (a corpus's segments, their labeled and selected
/// forms, a fold's manifest lines) share one set of fields. Equality, hashing and coding are the
/// value's own.
///
/// Inlinable: the corpus modules read and change segment fields through it in their hot loops.
public struct CopyOnWrite<Value> {
  @usableFromInline final class Box {
    @usableFromInline var value: Value
    @inlinable init(_ value: Value) { self.value = value }
  }

  @usableFromInline var box: Box

  @inlinable public init(_ value: Value) { box = Box(value) }

  /// The value; changing it first copies it when another copy shares the box.
  @inlinable public var value: Value {
    get { box.value }
    set {
      if isKnownUniquelyReferenced(&box) { box.value = newValue } else { box = Box(newValue) }
    }
    _modify {
      if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
      yield &box.value
    }
  }
}

// The box is changed only through `value`, which copies it first unless this copy is its only owner.
extension CopyOnWrite: @unchecked Sendable where Value: Sendable {}

extension CopyOnWrite: Equatable where Value: Equatable {
  @inlinable public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.box === rhs.box || lhs.box.value == rhs.box.value
  }
}

extension CopyOnWrite: Hashable where Value: Hashable {
  @inlinable public func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }
}

extension CopyOnWrite: Codable where Value: Codable {
  public init(from decoder: Decoder) throws { self.init(try Value(from: decoder)) }
  public func encode(to encoder: Encoder) throws { try box.value.encode(to: encoder) }
}
