/// A policy made of a probationary component (objects seen once recently: ARC's T1, 2Q's
/// A1in, S3-FIFO's small queue) and a protected one (ARC's T2, 2Q's Am, S3-FIFO's main
/// queue), which reports how many hits each served.
public protocol ComponentHitReporting {
    /// Hits served from each component so far (exact counts).
    var componentHits: (probation: Int, protected: Int) { get }
}
