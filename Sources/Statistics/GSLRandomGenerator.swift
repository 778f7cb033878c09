import CGSL

/// Owner of one GSL Mersenne Twister (`gsl_rng_mt19937`) generator; `deinit`
/// frees it. The C pointer never leaves this class.
///
/// Seeding: GSL's mt19937 keeps only 32 bits of its seed, so the 64-bit seed is
/// folded to `UInt32(truncatingIfNeeded: seed ^ (seed >> 32))` before
/// `gsl_rng_set` (seeds below 2^32 are used unchanged). GSL itself replaces a
/// seed of 0 by 4357, so seeds 0 and 4357 give the same stream. The generator's
/// output depends only on the seed: `gsl_rng_env_setup` is never called.
///
/// Not thread-safe; each computation creates its own generator.
final class GSLRandomGenerator {
    private let state: UnsafeMutablePointer<gsl_rng>
    /// Largest `n` accepted by ``uniformIndex(below:)``: the generator's range
    /// `max - min` (2^32 - 1 for mt19937).
    let maximumBound: UInt

    /// Allocates and seeds an mt19937 generator.
    ///
    /// - Throws: `.gsl(function: "gsl_rng_alloc", status: GSL_ENOMEM, ...)` if
    ///   GSL cannot allocate it.
    init(mt19937Seed seed: UInt64) throws {
        GSLRuntime.prepare()
        guard let type = memsim_gsl_rng_mt19937(), let state = gsl_rng_alloc(type) else {
            throw GSLRuntime.error("gsl_rng_alloc", status: GSLRuntime.outOfMemory)
        }
        self.state = state
        maximumBound = gsl_rng_max(state) - gsl_rng_min(state)
        gsl_rng_set(state, UInt(UInt32(truncatingIfNeeded: seed ^ (seed >> 32))))
    }

    deinit {
        gsl_rng_free(state)
    }

    /// A uniformly distributed integer in `0 ..< n` (`gsl_rng_uniform_int`).
    ///
    /// - Precondition: `1 <= n <= maximumBound`; callers check this.
    func uniformIndex(below n: Int) -> Int {
        Int(gsl_rng_uniform_int(state, UInt(n)))
    }
}
