import Synchronization

/// Entries a program built on memsim's library adds to a built-in registry (a policy of its
/// own, registered before `MemsimCommand.main()` runs).
///
/// Guarantees: the registry's entries are the built-in ones followed by the added ones, in the
/// order they were added, and this list never changes once read: a `register` after the
/// registry's first read throws, so every spec, default table and `memsim list` of a process
/// sees the same policies. A name already taken (built-in or added) is refused.
public final class RegistryExtensions<Entry: Sendable>: Sendable {
    private struct State {
        var added: [Entry] = []
        var closed = false
    }

    /// What the registry is called in error messages (`paging policy`).
    private let kind: String
    private let name: @Sendable (Entry) -> String
    private let state = Mutex(State())

    public init(kind: String, name: @escaping @Sendable (Entry) -> String) {
        self.kind = kind
        self.name = name
    }

    /// Adds `entry` after the built-in entries and those added before it.
    /// - Throws: `RegistrationError` if the name is taken or the registry was already read.
    public func register(_ entry: Entry, builtIn: [Entry]) throws {
        let newName = name(entry)
        try state.withLock { state in
            guard !state.closed else {
                throw RegistrationError(
                    "\(kind) '\(newName)': register it before memsim first reads the registry (before MemsimCommand.main())"
                )
            }
            guard !(builtIn + state.added).contains(where: { name($0) == newName }) else {
                throw RegistrationError("\(kind) '\(newName)': the name is taken")
            }
            state.added.append(entry)
        }
    }

    /// The entries added so far; closes the registry to further additions.
    public func readAdded() -> [Entry] {
        state.withLock { state in
            state.closed = true
            return state.added
        }
    }
}

/// A refused registration: a taken name, or one made after the registry was read.
public struct RegistrationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
