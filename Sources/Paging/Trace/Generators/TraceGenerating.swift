import SimCore

/// A seeded synthetic trace generator.
///
/// Guarantee: `generate(using:)` is a pure function of the generator's parameters and
/// the state of `random` (the caller passes its run's `workload` split), so the same seed
/// gives every policy and cache size the same trace.
public protocol TraceGenerating: Sendable {
    /// Draws one trace.
    func generate(using random: inout RandomSource) throws -> Trace
}

extension ZipfTraceGenerator: TraceGenerating {}
