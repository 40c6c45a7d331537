import CVectorMath

/// exp, log and pow over a column of doubles, through glibc's vector math library.
///
/// On x86-64 with AVX2 and FMA every element goes through libmvec's 4-lane AVX2 variants
/// (`_ZGVdN4v_exp`, `_ZGVdN4v_log`, `_ZGVdN4vv_pow`), the last 1 to 3 elements of a column padded
/// into one more vector, so an element's value depends only on its input: the same seed gives the
/// same bits on every thread count and on every AVX2 machine with the same glibc. Elsewhere the
/// same calls run glibc's scalar `exp`, `log` and `pow`. libmvec promises at most 4 ulp of error
/// (exp measures up to 2.96 ulp from the correctly rounded value, log and pow under 1); glibc's
/// scalar functions stay within 0.51 ulp. `ColumnMathTests` holds the two paths to that.
///
/// Each call takes `count` ≥ 0 elements, and `out` may be `x`. O(count), about 1.2 ns per exp on
/// AVX2 against 8–18 ns for the scalar call (docs/performance.md).
public enum ColumnMath {
    /// Whether the AVX2 path runs on this machine.
    public static var isVectorized: Bool { cvm_has_avx2() != 0 }

    /// out[i] = eˣ⁽ⁱ⁾; 0 below about −745.13, +∞ above about 709.78.
    @inline(__always)
    public static func exp(_ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        cvm_exp(x, out, count)
    }

    /// x[i] = eˣ⁽ⁱ⁾ in place.
    @inline(__always)
    public static func exp(_ x: UnsafeMutablePointer<Double>, count: Int) {
        cvm_exp(x, x, count)
    }

    /// out[i] = ln x[i]; −∞ at 0, NaN below it.
    @inline(__always)
    public static func log(_ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
        cvm_log(x, out, count)
    }

    /// out[i] = x[i] ^ y[i], with C's `pow` conventions at the edges.
    @inline(__always)
    public static func pow(
        _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int
    ) {
        cvm_pow(x, y, out, count)
    }
}
