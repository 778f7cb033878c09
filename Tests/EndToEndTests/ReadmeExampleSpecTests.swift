import Foundation
import Harness
import SimCore
import TestSupport
import Testing

/// The README's example spec is the quickstart's, which `make test` runs with
/// `--strict-claims` (every claim must reach its declared verdict), and it validates.
@Suite struct ReadmeExampleSpecTests {
    @Test func theReadmeExampleIsTheQuickstartAndValidates() throws {
        let readme = try TestFiles.read(TestFiles.repositoryRoot + "/README.md")
        let start = try #require(readme.range(of: "```yaml\nname: quickstart"))
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        let example = String(readme[readme.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
        let path = try TestFiles.temporaryDirectory() + "/example.yaml"
        try TestFiles.write(example, to: path)
        let quickstart = try YAMLDocument.load(path: TestFiles.repositoryRoot + "/Experiments/quickstart.yaml").root
        let readmeSpec = try YAMLDocument.load(path: path).root
        guard case .map(var entries) = quickstart else { throw HarnessError("quickstart.yaml is not a map") }
        entries["description"] = nil
        #expect(readmeSpec == .map(entries))
        let validated = try CLI.run(["validate", path])
        #expect(validated.status == 0 && validated.stdout.contains("4 claims"), "\(validated.stderr)")
    }
}
