/// Locale-independent, full-precision rendering of numbers for every output file.
public enum NumberFormatting {
    /// The shortest decimal string that reads back as exactly `value`.
    ///
    /// Integral values of magnitude below 2^53 print without a fraction (`1000`), so
    /// counts look like counts; everything else uses Swift's shortest round-trip
    /// representation (`0.1`, `1e-05`). Non-finite values print as `nan`, `inf`, `-inf`.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }
}
