/// The one error type thrown by the Statistics target.
///
/// Every failure is reported by throwing; nothing in this target aborts the
/// process or returns a silently wrong number for invalid input.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    /// A GSL routine reported a failure: either a non-zero status code, or a NaN
    /// result from arguments that were not NaN (how GSL's `cdf` routines signal
    /// an error once the aborting handler is off; such results are reported with
    /// status `GSL_EDOM`). `reason` is GSL's own text for the status
    /// (`gsl_strerror`).
    case gsl(function: String, status: Int32, reason: String)

    /// The sample is too small for the requested statistic, for example a
    /// t-interval of a single value.
    case insufficientData(String)

    /// An argument is outside the domain of the method: a level outside (0, 1),
    /// a non-finite value, inputs of different lengths, a non-positive value in a
    /// log-log fit, and similar.
    case invalidArgument(String)

    /// A one-line, human-readable description of the failure.
    public var description: String {
        switch self {
        case .gsl(let function, let status, let reason):
            return "\(function) failed: \(reason) (GSL status \(status))"
        case .insufficientData(let message):
            return "insufficient data: \(message)"
        case .invalidArgument(let message):
            return "invalid argument: \(message)"
        }
    }
}
