import AISimCore
import AISimReport

/// What a command writes once its work is done: files and standard output, all or nothing.
///
/// ``send()`` first writes every file to a temporary file beside it; if any write fails, the
/// temporary files go and nothing has been printed. Then, in one section a signal cannot cut
/// (``Interrupts/delivering(final:_:)``), it prints standard output and renames the files into
/// place; if printing fails, the temporary files go too. So a failure never leaves a table on stdout beside a missing file,
/// nor one file of a pair.
struct Delivery {
    private var files = AtomicFiles()
    private var output = ""

    /// Adds a file to write.
    mutating func file(_ text: String, to path: String) {
        files.add(text, to: path)
    }

    /// Adds a file already written beside its destination.
    mutating func adopt(_ file: AtomicFiles.Written) {
        files.adopt(file)
    }

    /// Adds text for standard output.
    mutating func print(_ text: String) {
        output += text
    }

    /// Writes the files and standard output; `final` false for output the command goes on
    /// after (see ``Interrupts/delivering(final:_:)``).
    /// - Throws: ``FileWriteError`` naming the file or `stdout` that could not be written.
    func send(final: Bool = true) throws {
        let prepared = try files.prepare()
        try Interrupts.delivering(final: final) {
            do throws(FileWriteError) {
                if !output.isEmpty { try StandardStreams.write(output) }
            } catch {
                prepared.discard()
                throw error
            }
            try prepared.commit()
        }
    }
}
