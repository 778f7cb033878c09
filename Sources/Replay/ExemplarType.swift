/// The element type of a stored exemplar, for its byte count.
public enum ExemplarType: String, Sendable, CaseIterable {
    case uint8, float16, float32

    public var bytes: Int {
        switch self {
        case .uint8: 1
        case .float16: 2
        case .float32: 4
        }
    }
}
