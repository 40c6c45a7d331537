/// One column of `Double`s per case of `Key` (an ``Input`` or an ``Output``): a block of
/// trials laid out as a structure of arrays, so the equations run over contiguous memory.
///
/// `Columns` only points at memory; whoever creates it owns the buffers and keeps them
/// alive while it is used.
public struct Columns<Key: RawRepresentable & CaseIterable>: @unchecked Sendable where Key.RawValue == Int {
    @usableFromInline let pointers: [UnsafeMutablePointer<Double>]

    /// Columns at the given addresses, one per case of `Key` in declaration order.
    public init(_ pointers: [UnsafeMutablePointer<Double>]) {
        precondition(pointers.count == Key.allCases.count, "one column per case")
        self.pointers = pointers
    }

    /// Columns laid out back to back in one buffer, each `stride` values long.
    public init(base: UnsafeMutablePointer<Double>, stride: Int) {
        self.init((0..<Key.allCases.count).map { base + $0 * stride })
    }

    /// The column for `key`.
    @inlinable
    public subscript(key: Key) -> UnsafeMutablePointer<Double> { pointers[key.rawValue] }

}

public typealias InputColumns = Columns<Input>
public typealias OutputColumns = Columns<Output>
