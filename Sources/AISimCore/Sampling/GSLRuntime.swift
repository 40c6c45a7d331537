import CGSL

/// Process-wide GSL settings, applied once before any GSL call.
enum GSLRuntime {
    /// GSL's default error handler aborts the process. aisim checks every parameter before
    /// it reaches GSL, so turning the handler off only changes what a bug would do: GSL then
    /// returns NaN or an error code instead of killing the run without a message.
    private static let prepared: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    static func prepare() { _ = prepared }
}
