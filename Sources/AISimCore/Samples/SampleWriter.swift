import Foundation
import Synchronization

/// Writes every trial of a run to a samples file while the run simulates it: one row per
/// trial, in trial order, one column per ``SampleColumn``.
///
/// Each chunk writes the rows it owns, so the file has the same bytes on any thread count.
/// An `.npy` file is reserved at its full size before the run (`posix_fallocate`, so a full
/// disk shows before any work) and each block of rows goes straight to its place with
/// `pwrite`. A `.csv` file's rows have no fixed width, so each chunk writes its own
/// temporary file and ``finish()`` joins them in chunk order. Either way
/// a worker holds one block of rows, or 1 MiB of text, so memory does not grow with the
/// trials. Nothing reaches the destination until ``finish()`` and the caller's rename; a
/// failure or a signal leaves only temporary files, which ``discard()`` or
/// ``TemporaryFiles/removeAll()`` remove.
///
/// A run calls ``begin(plan:chunks:workers:)`` before it simulates, then ``write(_:_:count:trial:chunk:worker:)``
/// for every block of its recording pass and ``endChunk(_:worker:)`` after each chunk;
/// calling `begin` again starts the file afresh (as `--precision` does for each run).
public final class SampleWriter: @unchecked Sendable {
    /// The destination as the user gave it.
    public let path: String
    public let format: SampleFormat
    public let columns: [SampleColumn]
    /// The trials of the current run, one row each.
    public private(set) var trials: Range<Int> = 0..<0
    /// The trials of the whole run the current one is part of (its shards' together).
    public private(set) var runTrials = 0
    /// The file's length once ``finish()`` has completed it.
    public private(set) var writtenBytes = 0
    private let target: String
    private var file: (path: String, descriptor: Int32)?
    /// Where row 0 starts in an `.npy` file.
    private var dataOffset = 0
    private var lanes: [SampleLane] = []
    private var chunks: Range<Int> = 0..<0
    /// The temporary file of each chunk of a `.csv` run, by chunk.
    private let chunkFiles = Mutex<[Int: String]>([:])
    private let failure = Mutex<FileWriteError?>(nil)
    private let failed = Atomic<Bool>(false)
    private let rowsWritten = Atomic<Int>(0)

    /// A writer of `columns` to `path` in `format`.
    /// - Throws: ``FileWriteError`` when `path` names something other than a regular file
    ///   (a directory, a device, a pipe): a samples file must be renamed into place.
    public init(path: String, format: SampleFormat, columns: [SampleColumn]) throws(FileWriteError) {
        precondition(!columns.isEmpty)
        self.path = path
        self.format = format
        self.columns = columns
        target = try AtomicFiles.target(of: path)
        var info = stat()
        if stat(target, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            throw FileWriteError(path: path, reason: "not a regular file; a samples file is written beside and renamed")
        }
    }

    deinit {
        discard()
    }

    /// The bytes a run of `rows` trials writes: exactly for `.npy`, at most for `.csv`.
    public func bytes(rows: Int) -> Int {
        format.bytes(rows: rows, columns: columns.map(\.name))
    }

    /// Throws unless the file system of the destination has room for `rows` trials.
    public func checkSpace(rows: Int) throws(FileWriteError) {
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { throw FileWriteError(path: path, reason: systemError(errno)) }
        let free = Int(
            clamping: UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize)).partialValue)
        let needed = bytes(rows: rows)
        guard needed <= free else {
            let bound = format == .csv ? "up to " : ""
            throw FileWriteError(
                path: path,
                reason:
                    "\(rows) trials need \(bound)\(SystemMemory.describe(Double(needed))), but its file system has \(SystemMemory.describe(Double(free))) free"
            )
        }
    }

    /// Starts the file for chunks `chunks` of `plan` (their trials, one row each), with one
    /// lane per worker; whatever an earlier run wrote is discarded. A failure is kept for
    /// ``finish()`` and the writes that follow do nothing.
    public func begin(plan: ChunkPlan, chunks: Range<Int>, workers: Int) {
        discard()
        failure.withLock { $0 = nil }
        failed.store(false, ordering: .relaxed)
        rowsWritten.store(0, ordering: .relaxed)
        trials = plan.trials(in: chunks)
        runTrials = plan.trials
        self.chunks = chunks
        lanes = (0..<workers).map { _ in SampleLane(format: format, width: columns.count, rows: Block.size) }
        do throws(FileWriteError) {
            let created = try TemporaryFiles.create(beside: target)
            file = created
            if fchmod(created.descriptor, AtomicFiles.mode(for: target)) != 0 { throw error(errno) }
            switch format {
            case .npy:
                let header = NPYHeader(fields: columns.map(\.name), rows: trials.count).bytes
                dataOffset = header.count
                let code = posix_fallocate(created.descriptor, 0, off_t(bytes(rows: trials.count)))
                // File systems without fallocate (EOPNOTSUPP) still take plain writes.
                if code != 0 && code != EOPNOTSUPP && code != EINVAL { throw error(code) }
                try Self.write(header, to: created.descriptor, at: 0, path: path)
            case .csv:
                let header = columns.map(\.name).joined(separator: ",") + "\n"
                try Self.write(Array(header.utf8), to: created.descriptor, at: 0, path: path)
                dataOffset = header.utf8.count
            }
        } catch {
            fail(error)
        }
    }

    /// Writes the rows of `count` trials starting at `trial`: the inputs `sampler` drew last
    /// and the block of `outputs`, from worker `worker` simulating chunk `chunk`.
    func write(_ sampler: InputSampler, _ outputs: OutputColumns, count: Int, trial: Int, chunk: Int, worker: Int) {
        guard !failed.load(ordering: .relaxed), let file else { return }
        let lane = lanes[worker]
        let sources = columns.map { column -> SampleLane.Source in
            switch column {
            case .input(let input):
                if sampler.plan.isProductMember(input), let logarithms = sampler.productLogarithms {
                    return .logarithm(logarithms[input])
                }
                return .value(sampler.inputs[input])
            case .output(let output): return .value(outputs[output])
            }
        }
        do throws(FileWriteError) {
            switch format {
            case .npy:
                let bytes = lane.pack(sources, count: count)
                let offset = dataOffset + (trial - trials.lowerBound) * columns.count * 8
                try Self.write(lane.values, bytes, to: file.descriptor, at: offset, path: path)
            case .csv:
                if lane.chunk != chunk {
                    let part = try lane.open(chunk, beside: target)
                    chunkFiles.withLock { $0[chunk] = part }
                }
                try lane.format(sources, count: count, path: path)
            }
            rowsWritten.add(count, ordering: .relaxed)
        } catch {
            fail(error)
        }
    }

    /// Ends chunk `chunk` on worker `worker`: a `.csv` chunk's text is flushed and its file
    /// closed.
    func endChunk(_ chunk: Int, worker: Int) {
        guard format == .csv, lanes[worker].chunk == chunk else { return }
        do throws(FileWriteError) {
            try lanes[worker].close(path: path)
        } catch {
            fail(error)
        }
    }

    /// Completes the file: joins a `.csv` run's chunks in order, checks that every row was
    /// written, and syncs it to disk.
    /// - Returns: the temporary file, for ``AtomicFiles/adopt(_:)`` to rename into place.
    /// - Throws: ``FileWriteError`` for the first write that failed; the temporary files are
    ///   then removed.
    public func finish() throws(FileWriteError) -> AtomicFiles.Written {
        if let failure = failure.withLock({ $0 }) {
            discard()
            throw failure
        }
        guard let file else { preconditionFailure("finish() before begin()") }
        do throws(FileWriteError) {
            writtenBytes = bytes(rows: trials.count)
            if format == .csv {
                var offset = dataOffset
                for chunk in chunks {
                    guard let part = chunkFiles.withLock({ $0[chunk] }) else {
                        preconditionFailure("chunk \(chunk) wrote no rows")
                    }
                    offset += try Self.append(part, to: file.descriptor, at: offset, path: path)
                    TemporaryFiles.remove(part)
                    chunkFiles.withLock { _ = $0.removeValue(forKey: chunk) }
                }
                writtenBytes = offset
            }
            precondition(rowsWritten.load(ordering: .relaxed) == trials.count, "every trial writes one row")
            if fsync(file.descriptor) != 0 { throw error(errno) }
        } catch {
            discard()
            throw error
        }
        close(file.descriptor)
        self.file = nil
        return AtomicFiles.Written(temporary: file.path, target: target, path: path)
    }

    /// Removes every temporary file of the current run (none after ``finish()``).
    public func discard() {
        for lane in lanes { lane.abandon() }
        for part in chunkFiles.withLock({ $0.values }) { TemporaryFiles.remove(part) }
        chunkFiles.withLock { $0.removeAll() }
        if let file {
            close(file.descriptor)
            TemporaryFiles.remove(file.path)
            self.file = nil
        }
    }

    private func error(_ code: Int32) -> FileWriteError {
        FileWriteError(path: path, reason: systemError(code))
    }

    /// Keeps the first failure; later writes stop.
    private func fail(_ error: FileWriteError) {
        failure.withLock { if $0 == nil { $0 = error } }
        failed.store(true, ordering: .relaxed)
    }

    /// Writes `count` bytes at `offset` of `descriptor`, retrying after signals and short
    /// writes.
    static func write(
        _ bytes: UnsafeRawPointer, _ count: Int, to descriptor: Int32, at offset: Int, path: String
    ) throws(FileWriteError) {
        var done = 0
        while done < count {
            let written = pwrite(descriptor, bytes + done, count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: systemError(errno))
            }
            done += written
        }
    }

    /// Writes all of `bytes` at `offset` of `descriptor`.
    static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int, path: String) throws(FileWriteError) {
        let failure = bytes.withUnsafeBytes { raw -> FileWriteError? in
            guard let base = raw.baseAddress else { return nil }
            do throws(FileWriteError) {
                try write(base, raw.count, to: descriptor, at: offset, path: path)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Copies the whole file at `part` to `descriptor` at `offset`; returns the bytes copied.
    static func append(_ part: String, to descriptor: Int32, at offset: Int, path: String) throws(FileWriteError)
        -> Int
    {
        let source = open(part, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw FileWriteError(path: path, reason: systemError(errno)) }
        defer { close(source) }
        var buffer = [UInt8](repeating: 0, count: SampleLane.textLimit)
        var copied = 0
        while true {
            let read = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress!, $0.count, off_t(copied)) }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else { throw FileWriteError(path: path, reason: systemError(errno)) }
            guard read > 0 else { return copied }
            try write(Array(buffer[..<read]), to: descriptor, at: offset + copied, path: path)
            copied += read
        }
    }
}
