import ArgumentParser
import Harness

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the output directories of 'run --shard i/n' into the files of one unsharded run."
    )

    @OptionGroup var specOptions: SpecOptions

    @Option(help: "Output directory of the merged results.")
    var out: String

    @Argument(help: "The shard output directories.")
    var shards: [String]

    @Flag(help: "Exit with status 2 if any claim row misses the verdict its spec declares (see 'memsim reproduce').")
    var strictClaims = false

    func run() throws {
        let outcome = try Experiment.merge(
            specPath: specOptions.spec, overrides: specOptions.overrides, seedCount: specOptions.seeds,
            checksClaims: !specOptions.noClaims, allowsInert: specOptions.allowInert, shardDirectories: shards,
            outputDirectory: out)
        printOutcome(outcome, shard: nil)
        if strictClaims, !outcome.claimsAsExpected { throw ExitCode(2) }
    }
}
