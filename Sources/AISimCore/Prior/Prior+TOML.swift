import Foundation
import TOMLKit

extension Prior {
    /// Top-level keys a prior file may have.
    static let topLevelKeys = ["title", "description", "inputs", "correlations"]

    /// Reads and parses the prior file at `path`.
    ///
    /// - Throws: ``PriorError`` naming the file (and line and input where they apply) when the
    ///   file cannot be read, is not valid TOML, or describes something the model cannot use.
    public static func load(path: String) throws(PriorError) -> Prior {
        let data: Data
        do {
            // At most one byte more than the limit is read, so /dev/zero or a huge data file
            // given by mistake is refused without reading it all.
            data = try FileReader.read(path, limit: maximumFileSize)
        } catch {
            throw PriorError(file: path, message: "cannot read the file: \(error.reason)")
        }
        guard data.count <= maximumFileSize else {
            throw PriorError(
                file: path,
                message:
                    "the file is larger than \(maximumFileSize) bytes (1 MiB), the most aisim reads as a prior file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, offset) = Self.firstInvalidUTF8(data)
            throw PriorError(
                file: path, line: line,
                message:
                    "the line is not UTF-8 text (byte 0x\(String(data[offset], radix: 16, uppercase: true)) at column \(offset - (data[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1)); save the file as UTF-8"
            )
        }
        return try parse(text, source: path)
    }

    /// The 1-based line and the byte offset of the first byte of `data` that is not part of
    /// valid UTF-8 (an overlong form, a surrogate, a stray continuation byte, a sequence cut
    /// short or a code point above U+10FFFF).
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, offset: Int) {
        var offset = 0
        var line = 1
        let bytes = [UInt8](data)
        while offset < bytes.count {
            var iterator = bytes[offset...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if bytes[offset] == 0x0A { line += 1 }
                offset += encoded.count
            case .error, .emptyInput:
                return (line, offset)
            }
        }
        return (line, bytes.count - 1)
    }

    /// The largest prior file aisim reads: 1 MiB, hundreds of times a commented prior, so that
    /// a stray data file given as a prior is refused before it is parsed.
    public static let maximumFileSize = 1 << 20

    /// Refuses a table header whose name starts with a character no TOML key can start with,
    /// such as `[=` or `[#`: TOMLKit 0.6.0's toml++ asserts on it and aborts the process
    /// instead of reporting an error (found by fuzzing; docs/hardening.md). A prior holds no
    /// arrays, so a line that starts with `[` is a table header; the one false alarm left is a
    /// line of a multi-line string (a description) that starts with `[` and a symbol, which
    /// is refused too (telling multi-line strings from comments is the parser's job, and
    /// fuzzing showed a partial attempt opens the door again).
    static func checkTableHeaders(_ text: String, source: String) throws(PriorError) {
        // Scalars, not Characters: "\r\n", and "[" with a combining mark after it, are each one
        // Character.
        for (number, scalars) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let trimmed = scalars.drop { $0 == " " || $0 == "\t" }
            guard trimmed.first == "[" else { continue }
            let name = trimmed.drop { $0 == "[" }.drop { $0 == " " || $0 == "\t" }
            guard let first = name.first else {
                throw PriorError(
                    file: source, line: number + 1,
                    message: "not valid TOML: a table header needs a name on its line, as in [inputs]")
            }
            let startsKey =
                first.isASCII
                && (first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "_" || first == "-")
            guard startsKey || first == "\"" || first == "'" || first == "]" else {
                let shown =
                    first.isASCII && first.value >= 33 && first.value < 127
                    ? "\"\(first)\"" : "U+" + String(first.value, radix: 16, uppercase: true)
                throw PriorError(
                    file: source, line: number + 1,
                    message:
                        "not valid TOML: a table header's name cannot start with \(shown); write [inputs] or [correlations]"
                )
            }
        }
    }

    /// Refuses a NUL character, raw or escaped as `\u0000` or `\U00000000`, and a byte order
    /// mark anywhere but at the very start, naming the line. TOMLKit 0.6.0 passes strings
    /// through C, where NUL ends them: a raw NUL silently drops the rest of the file, an
    /// escaped one cuts a value, title or key short, and one in a quoted key crashes the parser.
    static func checkCharacters(_ text: String, source: String) throws(PriorError) {
        for (number, line) in KeyLocations.lines(of: text).enumerated() {
            if line.unicodeScalars.dropFirst(number == 0 ? 1 : 0).contains("\u{FEFF}") {
                throw PriorError(
                    file: source, line: number + 1,
                    message: "the line holds a byte order mark (U+FEFF), which may only open a file")
            }
            if line.unicodeScalars.contains("\u{0}") {
                throw PriorError(
                    file: source, line: number + 1,
                    message: "the line holds a NUL byte (U+0000); a prior file is text, and TOML allows no NUL")
            }
            let lowered = line.lowercased()
            if lowered.contains("\\u0000") || lowered.contains("\\u00000000") {
                throw PriorError(
                    file: source, line: number + 1,
                    message:
                        "the line holds the escape for a NUL character (U+0000), which no title, key or value may hold")
            }
        }
    }

    /// Parses prior-file text. `source` names the file in titles and error messages.
    public static func parse(_ text: String, source: String) throws(PriorError) -> Prior {
        guard text.utf8.count <= maximumFileSize else {
            throw PriorError(
                file: source,
                message:
                    "the file is \(text.utf8.count) bytes; aisim reads prior files of up to \(maximumFileSize) bytes (1 MiB)"
            )
        }
        try checkCharacters(text, source: source)
        try checkTableHeaders(text, source: source)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            let message = unquotedDistribution(text, line: line).map { key, value in
                "\(key) = \(value) is not a TOML value; put the distribution in quotes: \(key) = \"\(value)\""
            }
            throw PriorError(file: source, line: line, message: message ?? "not valid TOML: \(error.description)")
        } catch {
            throw PriorError(file: source, message: "not valid TOML: \(error)")
        }
        let lines = KeyLocations(text)

        for key in table.keys where !topLevelKeys.contains(key) {
            let hint =
                Input.named(key) != nil
                ? "; inputs belong under [inputs]"
                : Suggestion.didYouMean(key, among: topLevelKeys)
            throw PriorError(
                file: source, line: lines.line(of: key),
                message:
                    "unknown top-level key \"\(key)\"\(hint) (a prior has title, description, and [inputs] and [correlations] tables)"
            )
        }
        let title: String
        if let value = table["title"] {
            guard let string = value.tomlValue.string else {
                throw PriorError(file: source, line: lines.line(of: "title"), message: "title must be a string")
            }
            title = string
        } else {
            title = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        }
        let description = table["description"].map { $0.tomlValue.string }
        if description == .some(nil) {
            throw PriorError(file: source, line: lines.line(of: "description"), message: "description must be a string")
        }

        var entries = Input.allCases.map(PriorEntry.postDefault)
        if let value = table["inputs"] {
            guard let inputs = value.tomlValue.table else {
                throw PriorError(
                    file: source, line: lines.line(of: "inputs"),
                    message:
                        "inputs must be a table: write [inputs] on its own line, then one \"name = value\" per line")
            }
            for key in inputs.keys.sorted(by: {
                (lines.line(of: $0, in: "inputs") ?? 0) < (lines.line(of: $1, in: "inputs") ?? 0)
            }) {
                let line = lines.line(of: key, in: "inputs")
                guard let input = Input.named(key) else {
                    throw PriorError(
                        file: source, line: line, input: key, message: "unknown input" + Input.unknownHint(for: key))
                }
                guard let value = inputs[key] else {
                    throw PriorError(
                        file: source, line: line, input: key, message: "the key cannot be read back from the TOML table"
                    )
                }
                let entry = try PriorEntry.parse(
                    value.tomlValue, for: input, file: source, line: line,
                    written: lines.value(of: key, in: "inputs"))
                entries[input.rawValue] = entry
            }
        }
        var correlations: [Correlation] = []
        if let value = table["correlations"] {
            guard let table = value.tomlValue.table else {
                throw PriorError(
                    file: source, line: lines.line(of: "correlations"),
                    message:
                        "correlations must be a table: write [correlations] on its own line, then one line per pair, as in \"world_flops, ai_share\" = -0.3"
                )
            }
            for key in table.keys.sorted(by: {
                (lines.line(of: $0, in: "correlations") ?? 0) < (lines.line(of: $1, in: "correlations") ?? 0)
            }) {
                let line = lines.line(of: key, in: "correlations")
                guard let value = table[key] else {
                    throw PriorError(
                        file: source, line: line, input: "\"\(key)\"",
                        message: "the key cannot be read back from the TOML table")
                }
                correlations.append(
                    try Correlation.parse(key, value.tomlValue, file: source, line: line, existing: correlations))
            }
        }
        return try Prior(
            title: title, description: description ?? nil, source: source, text: text, entries: entries,
            correlations: correlations)
    }
}

extension PriorEntry {
    /// The entry a TOML value gives `input`: a number is a point value, a string is parsed as a
    /// distribution. Point values are checked against the input's domain here; distributions
    /// are checked sample by sample when the simulation runs.
    ///
    /// `written` is the value's text in the file, used for a number when it reads back as the
    /// same number (so `4e21` stays `4e21`, not `4e+21`).
    static func parse(_ value: TOMLValue, for input: Input, file: String, line: Int?, written: String?)
        throws(PriorError) -> PriorEntry
    {
        if let number = value.double ?? value.int.map(Double.init) {
            let text = written.flatMap { Double($0.replacingOccurrences(of: "_", with: "")) == number ? $0 : nil }
            return try make(
                .point(number), written: text ?? value.int.map(String.init) ?? "\(number)", for: input, file: file,
                line: line, origin: .file)
        }
        guard let string = value.string else {
            throw PriorError(
                file: file, line: line, input: input.spec.name,
                message:
                    "expected a number or a distribution string such as \"2e21 to 8e21\", found a TOML \(value.type)")
        }
        return try parse(string, for: input, file: file, line: line, origin: .file)
    }

    /// The entry a number or distribution string gives `input`.
    static func parse(_ text: String, for input: Input, file: String, line: Int?, origin: Origin) throws(PriorError)
        -> PriorEntry
    {
        if input == .serialTokensPerS && text.trimmingCharacters(in: .whitespaces) == PriorEntry.derivedText {
            // A placeholder the equations overwrite with the derived speed.
            return PriorEntry(
                input: input, distribution: .point(1), written: PriorEntry.derivedText, line: line, origin: origin)
        }
        let distribution: Distribution
        do {
            distribution = try DistributionParser.parse(text)
        } catch {
            throw PriorError(file: file, line: line, input: input.spec.name, message: "\"\(text)\": \(error.message)")
        }
        return try make(distribution, written: text, for: input, file: file, line: line, origin: origin)
    }

    /// Checks a point value against the input's domain; distributions are checked sample by
    /// sample when the simulation runs.
    private static func make(
        _ distribution: Distribution, written: String, for input: Input, file: String, line: Int?,
        origin: Origin
    ) throws(PriorError) -> PriorEntry {
        if case .point(let x) = distribution, !input.spec.domain.contains(x) {
            throw PriorError(
                file: file, line: line, input: input.spec.name,
                message: "\(written) is outside the input's domain: it must be \(input.spec.domain.requirement)")
        }
        return PriorEntry(input: input, distribution: distribution, written: written, line: line, origin: origin)
    }
}

extension Correlation {
    /// The correlation a `[correlations]` entry sets: key `"a, b"`, value a number in (−1, 1).
    static func parse(_ key: String, _ value: TOMLValue, file: String, line: Int?, existing: [Correlation])
        throws(PriorError) -> Correlation
    {
        func fail(_ message: String) -> PriorError {
            PriorError(file: file, line: line, input: "\"\(key)\"", message: message)
        }
        let names = key.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard names.count == 2 else {
            throw fail("a correlation's key names two inputs, as in \"world_flops, ai_share\" = -0.3")
        }
        var inputs: [Input] = []
        for name in names {
            guard let input = Input.named(name) else {
                throw fail("unknown input \"\(name)\"" + Input.unknownHint(for: name))
            }
            inputs.append(input)
        }
        guard inputs[0] != inputs[1] else { throw fail("an input cannot be correlated with itself") }
        guard let rho = value.double ?? value.int.map(Double.init) else {
            throw fail("expected a number, the Spearman rank correlation, found a TOML \(value.type)")
        }
        guard rho > -1 && rho < 1 else { throw fail("\(rho) is not a correlation strictly between -1 and 1") }
        if let earlier = existing.first(where: { Set([$0.first, $0.second]) == Set(inputs) }) {
            throw fail(
                "this pair is already correlated\(earlier.line.map { " on line \($0)" } ?? "") (as \"\(earlier.key)\")")
        }
        return Correlation(inputs[0], inputs[1], spearman: rho, line: line)
    }
}

extension Prior {
    /// The key and value of line `line` of `text` (1-based) when it reads `key = value` with a
    /// bare value that is no number or boolean: a distribution written without quotes, as in
    /// `horizon = 1 to 1000`.
    static func unquotedDistribution(_ text: String, line: Int) -> (key: String, value: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1 && line <= lines.count,
            let match = lines[line - 1].wholeMatch(of: /\s*([A-Za-z0-9_-]+)\s*=\s*([^"'\[{#\s][^#]*?)\s*(#.*)?\r?/)
        else { return nil }
        let value = String(match.2)
        guard Double(value) == nil && value != "true" && value != "false" else { return nil }
        return (String(match.1), value)
    }
}
