import AISimCore
import Foundation
import Testing

@Suite("Distribution strings")
struct DistributionParserTests {
    @Test("numbers, ranges and every family parse to the distribution they name")
    func parses() throws {
        #expect(try DistributionParser.parse("4e21") == .point(4e21))
        #expect(try DistributionParser.parse(" -3.5 ") == .point(-3.5))
        #expect(try DistributionParser.parse(".5") == .point(0.5))
        #expect(try DistributionParser.parse("normal(40, 10)") == .normal(mean: 40, sd: 10))
        #expect(try DistributionParser.parse("normal(sd=10, mean=40)") == .normal(mean: 40, sd: 10))
        #expect(try DistributionParser.parse("lognormal(1,0.5)") == .lognormal(mu: 1, sigma: 0.5))
        #expect(try DistributionParser.parse("uniform(0.1, 0.5)") == .uniform(min: 0.1, max: 0.5))
        #expect(try DistributionParser.parse("loguniform(1, 1e3)") == .loguniform(min: 1, max: 1000))
        #expect(try DistributionParser.parse("beta(2, 5)") == .beta(a: 2, b: 5))
        #expect(try DistributionParser.parse("triangular(1, 2, 5)") == .triangular(min: 1, mode: 2, max: 5))
    }

    @Test("\"a to b\" is the lognormal with 5th and 95th percentiles a and b")
    func range() throws {
        for text in ["2e21 to 8e21", "  2e21   to 8e21 ", "2000000000000000000000 to 8e+21"] {
            let d = try DistributionParser.parse(text)
            guard case .lognormal(let mu, let sigma) = d else {
                Issue.record("\(text) parsed to \(d)")
                continue
            }
            #expect(abs(mu - log(4e21)) < 1e-12)
            #expect(abs(sigma - log(2) / 1.6448536269514722) < 1e-12)
            #expect(abs(d.quantile(0.05) / 2e21 - 1) < 1e-12)
            #expect(abs(d.quantile(0.95) / 8e21 - 1) < 1e-12)
        }
    }

    @Test("bad strings give a message that says what is wrong", arguments: [
        ("", "empty distribution"),
        ("lognorm(1, 2)", "unknown family \"lognorm\"; did you mean \"lognormal\"?"),
        ("gumbel(1, 2)", "unknown family \"gumbel\""),
        ("normal(1)", "normal takes 2 arguments normal(mean, sd), got 1"),
        ("triangular(1, 2)", "triangular takes 3 arguments triangular(min, mode, max), got 2"),
        ("uniform(1, 2, 3)", "uniform takes 2 arguments"),
        ("0 to 5", "a must be > 0"),
        ("-1 to 5", "a must be > 0"),
        ("5 to 5", "a must be less than b"),
        ("8 to 2", "a must be less than b"),
        ("normal(40, 0)", "normal: sd must be > 0"),
        ("normal(40, -1)", "normal: sd must be > 0"),
        ("lognormal(0, 0)", "lognormal: sigma must be > 0"),
        ("uniform(2, 1)", "uniform: min must be less than max"),
        ("loguniform(0, 10)", "loguniform: min must be > 0"),
        ("beta(0, 1)", "beta: a must be > 0"),
        ("beta(1, -2)", "beta: b must be > 0"),
        ("triangular(1, 6, 5)", "triangular: mode must lie between min and max"),
        ("triangular(5, 5, 5)", "triangular: min must be less than max"),
        ("normal(40, 10", "expected \")\""),
        ("normal(40, 10) extra", "unexpected \"extra\""),
        ("normal(mean=40, 10)", "give all arguments by name or none"),
        ("normal(mu=40, sd=10)", "normal has no parameter \"mu\""),
        ("normal(mean=40)", "normal needs sd too"),
        ("1e400", "is not a finite number"),
        ("5M", "\"5M\" is not a number"),
        ("normal(40; 10)", "unexpected character \";\""),
        ("normal(a to b)", "expected a number as argument 1"),
        ("normal(40, 10) to 5", "\"a to b\" takes two numbers"),
    ])
    func errors(_ text: String, _ expected: String) {
        let error = #expect(throws: DistributionError.self) { try DistributionParser.parse(text) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
    }
}
