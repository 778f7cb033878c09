import SimCore
import TestSupport
import Testing

@Suite struct RegistryExtensionsTests {
    @Test func addedEntriesFollowInOrderAndNamesStayUnique() throws {
        let extensions = RegistryExtensions<String>(kind: "policy") { $0 }
        try extensions.register("mru", builtIn: ["lru", "fifo"])
        try extensions.register("lifo", builtIn: ["lru", "fifo"])
        #expect(thrownMessage { try extensions.register("lru", builtIn: ["lru", "fifo"]) }.contains("taken"))
        #expect(thrownMessage { try extensions.register("mru", builtIn: ["lru", "fifo"]) }.contains("taken"))
        #expect(extensions.readAdded() == ["mru", "lifo"])
    }

    @Test func aRegistryOnceReadTakesNoMore() throws {
        let extensions = RegistryExtensions<String>(kind: "paging policy") { $0 }
        #expect(extensions.readAdded().isEmpty)
        let message = thrownMessage { try extensions.register("mru", builtIn: []) }
        #expect(
            message.contains("paging policy 'mru': register it before memsim first reads the registry"), "\(message)")
    }
}
