import ArgumentParser
import Foundation
import Harness

struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Re-run published experiments (Experiments/reproductions/NAME.yaml) and check their claims.",
        discussion: """
            Exits with status 2 if a sanity or counter claim fails, or if a reproduces claim's agreement with the paper \
            (number, direction, disagrees) differs from the one its spec expects. Outputs go to OUT/NAME/ (resumable like \
            'memsim run').
            """
    )

    @Argument(help: "Reproduction name (the spec's file name without .yaml); omit with --all or --list.")
    var name: String?

    @Flag(help: "Run every reproduction, in name order.")
    var all = false

    @Flag(help: "List the reproductions: name, paper and setting, tab-separated, one per line.")
    var list = false

    @Option(
        name: [.customLong("experiments"), .customLong("from")],
        help: ArgumentHelp(
            "Directory holding the reproduction specs (default: ./Experiments/reproductions, else the copy installed or built with this memsim).",
            valueName: "dir"))
    var experiments: String?

    @Flag(help: "No progress on standard error (on a terminal a redrawn line, elsewhere a line every 10% or 30 s).")
    var quiet = false

    @Option(help: "Parent output directory; each reproduction writes OUT/NAME/.")
    var out = "results/reproductions"

    @Option(help: "Parallel runs (default: number of cores). Outputs do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if list {
            if all || name != nil { throw ValidationError("--list takes no reproduction name and no --all") }
        } else if all == (name != nil) {
            throw ValidationError("give a reproduction name or --all, not both and not neither")
        }
        guard (1...Experiment.maxJobs).contains(jobs) else {
            throw ValidationError("--jobs \(jobs): must be in 1...\(Experiment.maxJobs)")
        }
    }

    func run() throws {
        let from = try experiments ?? Reproductions.locateDirectory()
        if list {
            print(try Reproductions.listing(in: from), terminator: "")
            return
        }
        let names = try all ? Reproductions.names(in: from) : [Reproductions.checkedName(name ?? "", in: from)]
        var failed: [String] = []
        for reproduction in names {
            var options = Experiment.RunOptions(
                specPath: Reproductions.specPath(reproduction, in: from), outputDirectory: "\(out)/\(reproduction)",
                jobs: jobs)
            options.requireReproduction = true
            options.quiet = quiet
            let outcome = try Experiment.run(options, log: note)
            printOutcome(outcome, shard: nil)
            if !outcome.claimsAsExpected { failed.append(reproduction) }
        }
        if !failed.isEmpty {
            note("claims off their declared verdict in: " + failed.joined(separator: ", "))
            throw ExitCode(2)
        }
    }
}
