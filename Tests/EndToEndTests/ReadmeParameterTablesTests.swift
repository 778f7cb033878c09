import Foundation
import TestSupport
import Testing

/// The README's parameter tables are the models' declarations, printed.
@Suite struct ReadmeParameterTablesTests {
    static let kinds = [
        "paging", "sessions", "context-reader", "shared-context", "adapters", "streaming-bandit", "bandit", "replay",
    ]

    @Test(arguments: kinds) func theReadmeParameterTableIsGenerated(kind: String) throws {
        let result = try CLI.run(["list", "models", "--markdown", "--model", kind])
        #expect(result.status == 0, "\(result.stderr)")
        let table = result.stdout.trimmingCharacters(in: .newlines)
        #expect(table.hasPrefix("<!-- parameters: \(kind) "), "\(table.prefix(80))")
        #expect(table.split(separator: "\n").count >= 6)
        let readme = try String(
            contentsOfFile: (TestFiles.repositoryRoot as NSString).appendingPathComponent("README.md"), encoding: .utf8)
        #expect(
            readme.contains(table + "\n"),
            "README.md's parameter table of \(kind) differs from 'memsim list models --markdown --model \(kind)'; run tools/readme_parameter_tables.py"
        )
    }
}
