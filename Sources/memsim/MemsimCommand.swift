import ArgumentParser
import Foundation
import Harness
import Paging
import SimCore

@main
struct MemsimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memsim",
        abstract: "Deterministic simulation harness for memory policies in AI systems.",
        version: Manifest.version,
        subcommands: [
            RunCommand.self, ValidateCommand.self, MergeCommand.self, ReproduceCommand.self, ListCommand.self,
            PagingCommand.self, ExemplarsCommand.self,
        ]
    )
}

/// Options shared by the commands that read a spec.
struct SpecOptions: ParsableArguments {
    @Argument(help: "Experiment spec (YAML).")
    var spec: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a configuration key (key=value, repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Use seeds 1...N instead of the spec's seeds.")
    var seeds: Int?

    func parsedOverrides() throws -> [Override] { try overrides.map(Override.parse) }
}

/// Prints one error line and exits with status 1 instead of a Swift crash trace.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as HarnessError {
        fail(error.message)
    } catch let error as InputFileError {
        fail(error.description)
    } catch let error as CleanExit {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        fail("\(error)")
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("memsim: error: \(message)\n".utf8))
    Foundation.exit(1)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("memsim: \(message)\n".utf8))
}
