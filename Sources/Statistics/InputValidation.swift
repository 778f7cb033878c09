/// Argument checks shared by the public entry points. Each throws
/// ``StatisticsError`` with a message naming the offending argument.
enum InputValidation {
    /// Throws `invalidArgument` unless every element of `values` is finite.
    static func requireFinite(_ values: [Double], _ name: String) throws {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.invalidArgument("\(name)[\(index)] is \(values[index]); all values must be finite")
        }
    }

    /// Throws `invalidArgument` unless `value` is finite.
    static func requireFinite(_ value: Double, _ name: String) throws {
        guard value.isFinite else {
            throw StatisticsError.invalidArgument("\(name) is \(value); it must be finite")
        }
    }

    /// Throws `invalidArgument` if `value` is NaN.
    static func requireNotNaN(_ value: Double, _ name: String) throws {
        guard !value.isNaN else {
            throw StatisticsError.invalidArgument("\(name) is NaN")
        }
    }

    /// Throws `invalidArgument` unless `level` is a confidence level strictly
    /// between 0 and 1.
    static func requireLevel(_ level: Double) throws {
        guard level > 0, level < 1 else {
            throw StatisticsError.invalidArgument("level must be strictly between 0 and 1, got \(level)")
        }
    }

    /// Throws `insufficientData` unless `count >= minimum`; `what` names the method.
    static func requireCount(_ count: Int, atLeast minimum: Int, for what: String) throws {
        guard count >= minimum else {
            throw StatisticsError.insufficientData("\(what) needs at least \(minimum) values, got \(count)")
        }
    }

    /// Throws `invalidArgument` unless the two arrays have the same length.
    static func requireSameLength(_ a: [Double], _ aName: String, _ b: [Double], _ bName: String) throws {
        guard a.count == b.count else {
            throw StatisticsError.invalidArgument(
                "\(aName) and \(bName) must have the same length, got \(a.count) and \(b.count)")
        }
    }
}
