import ArgumentParser
import Foundation
import Harness

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment sweep (resumes an interrupted one in the same output directory)."
    )

    @OptionGroup var specOptions: SpecOptions

    @Option(help: "Output directory (default: results/<experiment name>).")
    var out: String?

    @Option(help: "Parallel runs (default: number of cores). Outputs do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help: ArgumentHelp("Run only shard i of n (1-based); combine shards with 'memsim merge'.", valueName: "i/n"),
        transform: Shard.init(parsing:))
    var shard: Shard?

    @Flag(help: "Exit with status 2 if any claim row misses the verdict its spec declares (see 'memsim reproduce').")
    var strictClaims = false

    @Flag(help: "No progress on standard error (on a terminal a redrawn line, elsewhere a line every 10% or 30 s).")
    var quiet = false

    func validate() throws {
        guard (1...Experiment.maxJobs).contains(jobs) else {
            throw ValidationError("--jobs \(jobs): must be in 1...\(Experiment.maxJobs)")
        }
    }

    func run() throws {
        var options = Experiment.RunOptions(
            specPath: specOptions.spec, outputDirectory: out, jobs: jobs, seedCount: specOptions.seeds,
            overrides: specOptions.overrides, shard: shard)
        options.checksClaims = !specOptions.noClaims
        options.allowsInert = specOptions.allowInert
        options.quiet = quiet
        let outcome = try Experiment.run(options, log: note)
        printOutcome(outcome, shard: shard)
        if strictClaims, !outcome.claimsAsExpected { throw ExitCode(2) }
    }
}

func printOutcome(_ outcome: Experiment.Outcome, shard: Shard?) {
    let plan = outcome.plan
    var line = "\(plan.spec.name): \(outcome.executed) runs executed, \(outcome.resumed) reused"
    if let shard { line += " (shard \(shard))" }
    line += String(format: " in %.2f s", outcome.elapsedSeconds) + " -> \(outcome.outputDirectory)"
    print(line)
    if shard == nil, !plan.spec.claims.isEmpty {
        let expected = outcome.claims.filter(\.asExpected).count
        print("claims: \(expected)/\(outcome.claims.count) rows as declared")
        for claim in outcome.claims {
            let verdict = claim.agreement?.rawValue ?? (claim.passed ? "pass" : "fail")
            let mark = claim.asExpected ? "" : "UNEXPECTED "
            print("  [\(mark)\(claim.role.rawValue): \(verdict)] \(claim.name): \(claim.measured)")
        }
    }
}
