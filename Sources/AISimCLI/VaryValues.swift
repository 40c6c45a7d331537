import AISimCore
import Foundation

/// Parses `--vary`: the input a sweep varies and its values.
public enum VaryValues {
    /// Parses `NAME=v1,v2,...`, `NAME=logspace(a, b, k)` (k values evenly spaced in log from a
    /// to b, both included, each rounded to ten significant digits), `NAME=linspace(a, b, k)`,
    /// or distributions separated by semicolons, `NAME=1 to 10; 10 to 100; loguniform(1, 1e4)`
    /// (a number among them is a point value).
    ///
    /// - Throws: `PriorError` from file `--vary`, naming the input, when the name is unknown,
    ///   a value is not a number or a distribution, a number lies outside the input's domain,
    ///   or a range is malformed.
    public static func parse(_ spec: String) throws(PriorError) -> Sweep.Axis {
        func fail(_ input: String? = nil, _ message: String) -> PriorError {
            PriorError(file: "--vary", input: input, message: message)
        }
        guard let equals = spec.firstIndex(of: "=") else {
            throw fail(
                nil,
                "\"\(spec)\" is not NAME=VALUES, as in --vary horizon=1,10,100 or --vary 'horizon=logspace(1, 1000, 4)'"
            )
        }
        let name = spec[..<equals].trimmingCharacters(in: .whitespaces)
        let list = spec[spec.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard let input = Input.named(name) else { throw fail(name, "unknown input" + Input.unknownHint(for: name)) }
        var values: [(Double, String)] = []
        if list.contains(";") {
            let texts = list.split(separator: ";", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard texts.count <= Sweep.maximumValues else { throw fail(name, "at most \(Sweep.maximumValues) values") }
            for text in texts {
                do {
                    _ = try DistributionParser.parse(text)
                } catch {
                    throw fail(name, "\"\(text)\": \(error.message)")
                }
                if let x = Double(text), !input.spec.domain.contains(x) {
                    throw fail(
                        name, "\(text) is outside the input's domain: it must be \(input.spec.domain.requirement)")
                }
            }
            return Sweep.Axis(input: input, values: texts)
        }
        if let open = list.firstIndex(of: "("), list.hasSuffix(")") {
            let kind = list[..<open].trimmingCharacters(in: .whitespaces)
            let arguments = list[list.index(after: open)..<list.index(before: list.endIndex)]
                .split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kind == "logspace" || kind == "linspace" else {
                throw fail(name, "\"\(kind)\" is not a range; write logspace(a, b, k) or linspace(a, b, k)")
            }
            guard arguments.count == 3, let a = Double(arguments[0]), let b = Double(arguments[1]),
                let k = Int(arguments[2]),
                a.isFinite, b.isFinite
            else { throw fail(name, "\(kind) takes two numbers and a whole count, as in \(kind)(1, 1000, 4)") }
            guard k >= 2 && k <= Sweep.maximumValues else {
                throw fail(name, "\(kind): the count must be from 2 to \(Sweep.maximumValues) (got \(k))")
            }
            guard a < b else {
                throw fail(name, "\(kind): the first value must be less than the last (got \(a) and \(b))")
            }
            if kind == "logspace" { guard a > 0 else { throw fail(name, "logspace needs positive ends (got \(a))") } }
            // Each point is rounded to ten significant digits and shown as such, so that
            // --set NAME=<shown value> reproduces its row exactly.
            values = (0..<k).map { i in
                let t = Double(i) / Double(k - 1)
                let x = kind == "logspace" ? exp(log(a) + t * (log(b) - log(a))) : a + t * (b - a)
                let text = String(format: "%.10g", i == 0 ? a : i == k - 1 ? b : x)
                return (Double(text)!, text)
            }
        } else {
            for item in list.split(separator: ",", omittingEmptySubsequences: false).map({
                $0.trimmingCharacters(in: .whitespaces)
            }) {
                guard let x = Double(item), x.isFinite else {
                    throw fail(
                        name, "\"\(item)\" is not a number; write values separated by commas, as in \(name)=1,10,100")
                }
                values.append((x, item))
            }
            guard values.count <= Sweep.maximumValues else { throw fail(name, "at most \(Sweep.maximumValues) values") }
        }
        for (x, text) in values where !input.spec.domain.contains(x) {
            throw fail(name, "\(text) is outside the input's domain: it must be \(input.spec.domain.requirement)")
        }
        return Sweep.Axis(input: input, values: values.map(\.1))
    }
}
