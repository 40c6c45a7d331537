import AISimCore
import AISimReport
import ArgumentParser

/// The files a command will write, checked before it does any work: no two outputs on one
/// file, no output over one of its inputs (exit status 64), and a writable place for each
/// (``checkWritable()``, exit status 1).
struct OutputPaths {
    /// Each output file with the flag that names it, as `--svg`.
    var outputs: [(flag: String, path: String)] = []
    /// Each file the command reads, with the flag or word that names it.
    var inputs: [(flag: String, path: String)] = []

    /// Throws a usage error when two outputs, or an output and an input, name one file
    /// (through a symbolic link or a hard link too). Character devices such as /dev/null may
    /// take several outputs.
    func checkDistinct() throws {
        if let (flag, _) = outputs.first(where: { $0.path.isEmpty }) {
            throw ValidationError("\(flag) '': give a file name")
        }
        var seen: [String: String] = [:]
        for (flag, path) in inputs where !Destination.isCharacterDevice(path) {
            seen[Destination.identity(path)] = "\(flag) \(path)"
        }
        for (flag, path) in outputs where !Destination.isCharacterDevice(path) {
            let identity = Destination.identity(path)
            if let other = seen[identity] {
                let what =
                    inputs.contains { "\($0.flag) \($0.path)" == other }
                    ? "would overwrite \(other), which this command reads" : "is the same file as \(other)"
                throw ValidationError("\(flag) \(path) \(what); give each output its own file")
            }
            seen[identity] = "\(flag) \(path)"
        }
    }

    /// Throws ``FileWriteError`` for the first output no file could be written at.
    func checkWritable() throws(FileWriteError) {
        for (_, path) in outputs { try Destination.check(path) }
    }
}
