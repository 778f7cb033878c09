import ArgumentParser
import Foundation
import Harness
import Paging
import SimCore

/// The `memsim` command line. A program built on memsim's library registers its own
/// policies first, then calls `MemsimCommand.main()`.
public struct MemsimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "memsim",
        abstract: "Deterministic simulation harness for memory policies in AI systems.",
        version: BuildInfo.description,
        subcommands: [
            RunCommand.self, ValidateCommand.self, MergeCommand.self, ReproduceCommand.self, ListCommand.self,
            PagingCommand.self, ExemplarsCommand.self, SlurmCommand.self,
        ]
    )

    /// Parses the command line, validates it (each command's typed options and `validate()`)
    /// and runs the command. Any error, from the command line or the run, is one line on
    /// standard error (`memsim: error: ...`) and exit status 1; `--help` and `--version`
    /// print as usual, and a command's own exit status (2 for claims off their verdict) is kept.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
            fail(message(for: error).split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }

    public init() {}
}

/// Options shared by the commands that read a spec.
struct SpecOptions: ParsableArguments {
    @Argument(help: "Experiment spec (YAML).")
    var spec: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a configuration key (key=value, repeatable).", valueName: "key=value"),
        transform: Override.parse)
    var overrides: [Override] = []

    @Option(help: "Use seeds 1...N instead of the spec's seeds.")
    var seeds: Int?

    @Flag(help: "Do not check the spec's claims (explore other values freely).")
    var noClaims = false

    @Flag(help: "Accept keys set where they have no effect, as warnings listed in the report, instead of errors.")
    var allowInert = false

    func validate() throws {
        if let seeds, !(1...ExperimentPlan.maxSeeds).contains(seeds) {
            throw ValidationError("--seeds \(seeds): must be in 1...\(ExperimentPlan.maxSeeds)")
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("memsim: error: \(message)\n".utf8))
    Foundation.exit(1)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("memsim: \(message)\n".utf8))
}
