import Foundation

/// One worker's share of a ``SampleWriter``: the buffer it packs rows into, and for `.csv`
/// the chunk file it is writing. Only its worker touches it while a run goes.
final class SampleLane {
    /// Where a column's values come from in a block: the values themselves, or their
    /// logarithms (an input drawn as part of a product).
    enum Source {
        case value(UnsafeMutablePointer<Double>)
        case logarithm(UnsafeMutablePointer<Double>)
    }

    /// A block of `.npy` rows, row-major, as little-endian bit patterns.
    let values: UnsafeMutablePointer<UInt64>
    /// Column c's values for a `.logarithm` source, at `c * capacity`: exp through ``ColumnMath``,
    /// as a member drawn on its own would have it.
    private let exponentials: UnsafeMutablePointer<Double>
    private let width: Int
    private let capacity: Int
    /// `.csv` text not yet written to the chunk file.
    private var text: [UInt8] = []
    /// The chunk whose `.csv` file is open, its descriptor, and the bytes written to it.
    private(set) var chunk = -1
    private var descriptor: Int32 = -1
    private var written = 0

    /// Text is written out once it reaches this.
    static let textLimit = 1 << 20

    init(format: SampleFormat, width: Int, rows: Int) {
        self.width = width
        capacity = rows
        values = .allocate(capacity: format == .npy ? width * rows : 0)
        exponentials = .allocate(capacity: width * rows)
        if format == .csv { text.reserveCapacity(Self.textLimit + width * (SampleFormat.longestValue + 1)) }
    }

    deinit {
        values.deallocate()
        exponentials.deallocate()
        abandon()
    }

    /// Packs `count` rows from `sources` into ``values``; returns their length in bytes.
    func pack(_ sources: [Source], count: Int) -> Int {
        precondition(count <= capacity)
        for (c, column) in columns(sources, count: count).enumerated() {
            for i in 0..<count { values[i * width + c] = column[i].bitPattern.littleEndian }
        }
        return count * width * 8
    }

    /// Each source's values: the column itself, or its exponentials.
    private func columns(_ sources: [Source], count: Int) -> [UnsafePointer<Double>] {
        sources.enumerated().map { c, source in
            switch source {
            case .value(let column):
                return UnsafePointer(column)
            case .logarithm(let column):
                ColumnMath.exp(column, into: exponentials + c * capacity, count: count)
                return UnsafePointer(exponentials + c * capacity)
            }
        }
    }

    /// Appends `count` rows from `sources` as text, writing it out past ``textLimit``.
    func format(_ sources: [Source], count: Int, path: String) throws(FileWriteError) {
        let columns = columns(sources, count: count)
        for i in 0..<count {
            for (c, column) in columns.enumerated() {
                var digits = column[i].description
                digits.withUTF8 { text.append(contentsOf: $0) }
                text.append(c == width - 1 ? 0x0A : 0x2C)
            }
            if text.count >= Self.textLimit { try flush(path: path) }
        }
    }

    /// Opens a new temporary file for chunk `chunk` beside `target`; returns its path.
    func open(_ chunk: Int, beside target: String) throws(FileWriteError) -> String {
        precondition(self.chunk == -1, "the last chunk was ended")
        let created = try TemporaryFiles.create(beside: target)
        self.chunk = chunk
        descriptor = created.descriptor
        written = 0
        return created.path
    }

    /// Writes out the text and closes the chunk's file.
    func close(path: String) throws(FileWriteError) {
        defer { abandon() }
        try flush(path: path)
    }

    /// Forgets the open chunk, closing its file and dropping its text.
    func abandon() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
        chunk = -1
        text.removeAll(keepingCapacity: true)
    }

    private func flush(path: String) throws(FileWriteError) {
        guard !text.isEmpty else { return }
        try SampleWriter.write(text, to: descriptor, at: written, path: path)
        written += text.count
        text.removeAll(keepingCapacity: true)
    }
}
