import AISimCore
import CVectorMath
import Foundation
import Testing

/// ColumnMath.swift: libmvec's vector exp, log and pow against glibc's scalar ones.
///
/// Distances are in units in the last place, counted as the difference of the two doubles' bit
/// patterns (exact across binades and subnormals). Tolerances: glibc's scalar functions are within
/// 0.51 ulp of the true value; libmvec's exp is within 2.96 ulp of it (measured over 4 million
/// points of [−745.2, 709.8]; libmvec's contract is 4), so vector and scalar exp differ by at most 3
/// ulp, and by at most 2 in all but 0.01% of points. log and pow measure within 1 ulp of scalar.
@Suite("Column math")
struct ColumnMathTests {
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
        if a == b { return 0 }
        if a.sign != b.sign { return .max }
        let x = a.bitPattern
        let y = b.bitPattern
        return x > y ? x - y : y - x
    }

    /// Both paths over `x`, and each element's distance.
    static func distances(
        _ x: [Double], _ vector: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void,
        _ scalar: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
    ) -> [UInt64] {
        var v = [Double](repeating: 0, count: x.count)
        var s = v
        vector(x, &v, x.count)
        scalar(x, &s, x.count)
        return zip(v, s).map(ulps)
    }

    /// A grid over the exp arguments samplers make, underflow and overflow tails included, with
    /// the edges and special values.
    static let expArguments: [Double] = {
        let n = 1 << 20
        let grid = (0..<n).map { -745.2 + (709.8 + 745.2) * Double($0) / Double(n - 1) }
        let edges: [Double] = [
            0, -0.0, 1e-300, -1e-300, -.leastNonzeroMagnitude, 1, -1, 709.78, 709.782712893384, 709.79, -708.39, -708.4,
            -745.13, -745.1332191019411, -745.14, -746, 710, 1e300, -1e300, .infinity, -.infinity, .nan,
            .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        ]
        return grid + edges
    }()

    @Test("the AVX2 path runs exactly where the CPU has AVX2 and FMA")
    func dispatch() throws {
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        #expect(ColumnMath.isVectorized == (flags.contains("avx2") && flags.contains("fma")))
    }

    @Test(
        "vector exp is within 3 ulp of glibc's scalar exp everywhere, and within 2 in all but 0.01%",
        .enabled(if: ColumnMath.isVectorized, "both paths are scalar here"))
    func exp() {
        let d = Self.distances(Self.expArguments, cvm_exp_avx2, cvm_exp_scalar)
        #expect(d.max()! <= 3)
        #expect(Double(d.filter { $0 > 2 }.count) <= 1e-4 * Double(d.count), "\(d.filter { $0 > 2 }.count)")
        // Not the scalar function under another name: the two differ somewhere.
        #expect(d.contains { $0 > 0 })
        var out = [Double](repeating: 0, count: 5)
        ColumnMath.exp([.nan, .infinity, -.infinity, 710, -746], into: &out, count: 5)
        #expect(out[0].isNaN && out[1] == .infinity && out[2] == 0 && out[3] == .infinity && out[4] == 0)
    }

    @Test(
        "vector log is within 1 ulp of glibc's over every binade, subnormals included",
        .enabled(if: ColumnMath.isVectorized, "both paths are scalar here"))
    func log() {
        let x =
            (0..<(1 << 19)).map { i in
                Double(sign: .plus, exponent: i % 2098 - 1074, significand: 1 + Double(i) / Double(1 << 19))
            }
            + [0, .infinity, -1, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        #expect(Self.distances(x, cvm_log_avx2, cvm_log_scalar).max()! <= 1)
    }

    @Test(
        "vector pow is within 1 ulp of glibc's over the model's bases and exponents",
        .enabled(if: ColumnMath.isVectorized, "both paths are scalar here"))
    func pow() {
        // Size ratios from 1e-9 to 1e9 and exponents from -3 to 3 (serial_size_exponent), and
        // growth factors 1 + g for g up to 10 over up to 200 years.
        var base: [Double] = []
        var exponent: [Double] = []
        for i in 0..<(1 << 18) {
            base.append(Foundation.exp(-20.7 + 41.4 * Double(i) / Double(1 << 18)))
            exponent.append(-3 + 6 * Double((i &* 7919) % (1 << 18)) / Double(1 << 18))
            base.append(1 + 10 * Double(i) / Double(1 << 18))
            exponent.append(200 * Double((i &* 104_729) % (1 << 18)) / Double(1 << 18))
        }
        var v = [Double](repeating: 0, count: base.count)
        var s = v
        cvm_pow_avx2(base, exponent, &v, base.count)
        cvm_pow_scalar(base, exponent, &s, base.count)
        let worst = zip(v, s).map(Self.ulps).enumerated().max { $0.element < $1.element }!
        #expect(
            worst.element <= 1,
            "\(base[worst.offset]) ^ \(exponent[worst.offset]): \(v[worst.offset]) against \(s[worst.offset])")
    }

    @Test("an element's value does not depend on where it sits in its column or on the column's length")
    func positionIndependent() {
        let x = (0..<37).map { -700 + 37.9 * Double($0) }
        var whole = [Double](repeating: 0, count: x.count)
        ColumnMath.exp(x, into: &whole, count: x.count)
        for start in 0..<8 {
            for length in 0...(x.count - start) {
                var part = [Double](repeating: .nan, count: length + 1)
                x.withUnsafeBufferPointer { ColumnMath.exp($0.baseAddress! + start, into: &part, count: length) }
                #expect(
                    part.prefix(length).elementsEqual(whole[start..<(start + length)]) {
                        $0.bitPattern == $1.bitPattern
                    })
                #expect(part[length].isNaN, "wrote past the column's end")
            }
        }
    }
}
