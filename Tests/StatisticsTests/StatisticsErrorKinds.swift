import Testing

@testable import Statistics

/// The case of a `StatisticsError`, ignoring its message, for `#expect` checks.
enum ErrorKind: Equatable {
    case gsl(status: Int32)
    case insufficientData
    case invalidArgument
}

extension StatisticsError {
    var kind: ErrorKind {
        switch self {
        case .gsl(_, let status, _): return .gsl(status: status)
        case .insufficientData: return .insufficientData
        case .invalidArgument: return .invalidArgument
        }
    }
}

/// GSL's status for an input domain error.
let gslDomainError: Int32 = 1

/// The kind of `StatisticsError` thrown by `body`, or nil if it returns or
/// throws something else.
func thrownKind(_ body: () throws -> Void) -> ErrorKind? {
    do {
        try body()
        return nil
    } catch let error as StatisticsError {
        return error.kind
    } catch {
        return nil
    }
}

// MARK: - Shared samples

/// Student's sleep data (Cushny and Peebles 1905, as R's `sleep` data set):
/// extra hours of sleep of the same 10 patients under drug 1 and drug 2.
enum SleepData {
    static let drug1: [Double] = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    static let drug2: [Double] = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
}
