import Foundation

/// How much memory runs may use on this machine, and the check that refuses, before it
/// starts, work that cannot fit (rather than let the process die mid-run).
///
/// The limit is the smallest of the machine's physical memory, the control group's limit
/// (cgroup v2 `memory.max` or v1 `memory.limit_in_bytes`, as under Slurm or a container) and
/// `MEMSIM_MEMORY_LIMIT_BYTES` when set; runs may use `fraction` of it, leaving the rest to
/// the process and the system.
public enum MemoryBudget {
    /// The share of the limit that runs may use.
    public static let fraction = 0.8

    /// The memory limit in bytes.
    public static var limitBytes: UInt64 {
        var limit = ProcessInfo.processInfo.physicalMemory
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let cgroup = number(in: path), cgroup > 0 { limit = min(limit, cgroup) }
        }
        if let text = ProcessInfo.processInfo.environment["MEMSIM_MEMORY_LIMIT_BYTES"], let given = UInt64(text) {
            limit = min(limit, given)
        }
        return limit
    }

    /// The bytes runs may use: `fraction` of the limit.
    public static var usableBytes: Int { Int(Double(limitBytes) * fraction) }

    /// Throws `ConfigError` at `key` when `needed` bytes (estimated) exceed the usable memory,
    /// saying how much `what` needs and how much there is.
    public static func check(_ needed: Double, for what: String, key: String) throws {
        guard needed > Double(usableBytes) else { return }
        throw ConfigError(
            key,
            "\(what) needs about \(gibibytes(needed)) of memory, more than the \(gibibytes(Double(usableBytes))) "
                + "this machine allows (\(Int(fraction * 100))% of its \(gibibytes(Double(limitBytes))) limit)")
    }

    /// `12.3 GiB`.
    public static func gibibytes(_ bytes: Double) -> String {
        String(format: "%.1f GiB", bytes / 1_073_741_824)
    }

    private static func number(in path: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
