import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An output directory claimed by one sweep (or one shard of it) for as long as it runs.
///
/// Claiming creates the directory when missing, refuses a non-empty directory that memsim
/// did not write (it recognises its own by a manifest or its lock file), and takes an
/// advisory lock (`flock`) held until the process ends or `release()`:
/// - an unsharded run or a merge locks `.memsim.lock` exclusively;
/// - shard i/n locks `.memsim.lock` shared and `.memsim-shard-i-of-n.lock` exclusively, so
///   the shards of an array job can share one directory, each writing its own files
///   (`runs-shard-i-of-n.jsonl`, ...), while no unsharded run or second copy of a shard can.
/// A second writer fails at once, naming the lock and its holder.
public final class OutputDirectory: @unchecked Sendable {
    public let path: String
    public let shard: Shard?
    private var descriptors: [Int32] = []

    /// The suffix of a shard's own files (`-shard-2-of-8`), empty for an unsharded run.
    static func suffix(_ shard: Shard?) -> String { shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? "" }

    public var runsFile: String { file("runs\(Self.suffix(shard)).jsonl") }
    public var manifestFile: String { file("manifest\(Self.suffix(shard)).json") }
    public var timingFile: String { file("timing\(Self.suffix(shard)).csv") }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Claims `path` for a run (`shard` nil: the whole sweep, or a merge); `holder` describes
    /// this process for a second writer's error (`memsim run spec.yaml`).
    public init(claiming path: String, shard: Shard?, holder: String) throws {
        self.path = path
        self.shard = shard
        try Self.create(path)
        try Self.checkOwnership(path)
        do {
            if let shard {
                try lock(".memsim.lock", exclusive: false, holder: nil)
                try lock(".memsim-shard-\(shard.index)-of-\(shard.count).lock", exclusive: true, holder: holder)
            } else {
                try lock(".memsim.lock", exclusive: true, holder: holder)
            }
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// Gives up the locks (an exclusive holder first clears its description).
    public func release() {
        for fd in descriptors {
            _ = ftruncate(fd, 0)
            close(fd)
        }
        descriptors = []
    }

    private func lock(_ name: String, exclusive: Bool, holder: String?) throws {
        let lockPath = file(name)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessError("\(lockPath): cannot open: \(String(cString: strerror(errno)))") }
        guard flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            let reason = errno
            let held = Self.description(of: fd)
            close(fd)
            guard reason == EWOULDBLOCK else {
                throw HarnessError("\(lockPath): cannot lock: \(String(cString: strerror(reason)))")
            }
            let by = held.isEmpty ? (exclusive ? "shards of a sweep" : "another memsim") : held
            throw HarnessError(
                "\(lockPath) is held by \(by): one sweep writes a directory at a time; wait for it or choose another --out"
            )
        }
        if exclusive, let holder {
            _ = ftruncate(fd, 0)
            let text = Array("\(holder)\n".utf8)
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        descriptors.append(fd)
    }

    /// What the holder of a lock wrote in its file (empty if nothing).
    private static func description(of fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw HarnessError("\(path): cannot create output directory: \(error.localizedDescription)")
        }
        guard access(path, W_OK) == 0 else { throw HarnessError("\(path): output directory is not writable") }
    }

    /// A directory is memsim's when it is empty or holds a manifest or memsim's lock file.
    private static func checkOwnership(_ path: String) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw HarnessError("\(path): cannot list output directory: \(error.localizedDescription)")
        }
        let ours = names.contains { name in
            name == ".memsim.lock" || name == "manifest.json"
                || (name.hasPrefix("manifest-shard-") && name.hasSuffix(".json"))
        }
        guard names.isEmpty || ours else {
            throw HarnessError(
                "\(path): not empty and not a memsim output directory (no manifest.json); "
                    + "memsim does not write among other files: choose another --out")
        }
    }
}
