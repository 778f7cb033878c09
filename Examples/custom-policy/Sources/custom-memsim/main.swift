import Foundation
import MemsimCLI
import Paging

// Register the policies of this program, then run memsim's command line: `mru` is now a
// policy name like any built-in one, in specs (`policy: mru`), `memsim paging --policies`
// and `memsim list`.
do {
    try PagingPolicyRegistry.register(
        PagingPolicyEntry("mru", MRUPolicy.summary) { MRUPolicy(capacity: $0.capacity, objectCount: $0.objectCount) })
} catch {
    FileHandle.standardError.write(Data("custom-memsim: \(error)\n".utf8))
    exit(1)
}
MemsimCommand.main()
