#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The natural logarithm from the platform C library, without pulling in
/// Foundation. Follows C's `log`: `log(0) == -infinity`, negative input gives NaN.
func naturalLog(_ x: Double) -> Double {
    log(x)
}
