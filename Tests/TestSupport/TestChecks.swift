/// `|actual - expected| <= tolerance`.
public func isClose(_ actual: Double, _ expected: Double, within tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance
}

/// The message of the error `body` throws (its description, which for memsim's errors is the
/// line a user sees), or `<no error>` when it returns.
public func thrownMessage(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "<no error>"
    } catch {
        return "\(error)"
    }
}
