import CGSL

/// The single place that prepares GSL for use and turns its failures into
/// Swift errors.
///
/// GSL's default error handler calls `abort()`. `prepare()` switches it off
/// exactly once per process (a `static let` is initialised lazily and
/// thread-safely by the Swift runtime), after which GSL routines report
/// failures through status codes or NaN results, which the helpers below turn
/// into ``StatisticsError/gsl(function:status:reason:)``. Every public entry
/// point of this target calls `prepare()` before touching GSL.
///
/// `gsl_rng_env_setup()` is never called: environment variables such as
/// `GSL_RNG_SEED` must not change results.
enum GSLRuntime {
    /// Evaluated once, on first use; turns off GSL's aborting error handler.
    private static let handlerDisabled: Void = {
        _ = gsl_set_error_handler_off()
    }()

    /// Ensures GSL's aborting error handler is off. Cheap after the first call.
    static func prepare() {
        _ = handlerDisabled
    }

    /// `GSL_SUCCESS`, `GSL_EDOM` and `GSL_ENOMEM` as the `Int32` status type
    /// (Swift imports GSL's anonymous status enum as `Int`).
    static let success = Int32(truncatingIfNeeded: GSL_SUCCESS)
    static let domainError = Int32(truncatingIfNeeded: GSL_EDOM)
    static let outOfMemory = Int32(truncatingIfNeeded: GSL_ENOMEM)

    /// GSL's message for `status` (`gsl_strerror`).
    static func reason(for status: Int32) -> String {
        guard let text = gsl_strerror(status) else { return "unknown GSL status" }
        return String(cString: text)
    }

    /// The error describing `status` returned by `function`.
    static func error(_ function: String, status: Int32) -> StatisticsError {
        .gsl(function: function, status: status, reason: reason(for: status))
    }

    /// Throws unless `status` is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ function: String) throws {
        guard status == success else { throw error(function, status: status) }
    }

    /// Returns `value` unless it is NaN, in which case `function` (called with
    /// non-NaN arguments) has signalled a domain error, reported as `GSL_EDOM`.
    static func checkedValue(_ value: Double, _ function: String) throws -> Double {
        guard !value.isNaN else { throw error(function, status: domainError) }
        return value
    }
}
