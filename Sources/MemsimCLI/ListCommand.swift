import ArgumentParser
import Harness
import SimCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List models (with their parameters and metrics), policies, or the paper reproductions."
    )

    enum Subject: String, ExpressibleByArgument, CaseIterable {
        case models, policies, reproductions
    }

    @Argument(help: "What to list: models, policies or reproductions (a Markdown table, as in the README).")
    var subject: Subject

    @Option(
        help: "Only this model.", transform: { try ArgumentValues.name($0, kind: "model", known: ModelRegistry.kinds) })
    var model: String?

    @Flag(help: "models: the parameter tables as Markdown, as in the README.")
    var markdown = false

    @Option(
        help:
            "Directory holding the reproduction specs (with 'reproductions'; default: Experiments/reproductions, else the installed copy)."
    )
    var from: String?

    func run() throws {
        if subject == .reproductions {
            print(try Reproductions.markdownTable(in: from ?? Reproductions.locateDirectory()), terminator: "")
            return
        }
        let models = model.map { kind in ModelRegistry.models.filter { $0.kind == kind } } ?? ModelRegistry.models
        for type in models {
            switch subject {
            case .models where markdown:
                print(ParameterTables.markdown(for: type))
            case .models:
                print("\(type.kind): \(type.summary)")
                print("  parameters (defaults):")
                for p in type.parameters {
                    print("    \(p.path) = \(p.defaultValue)    # \(p.documentation) (allowed: \(p.domain))")
                }
                print("  metrics:")
                for m in type.metrics { print("    \(m.name) [\(m.unit)]: \(m.definition)") }
                if !type.tables.isEmpty {
                    print("  tables (tables.csv):")
                    for t in type.tables { print("    \(t.name) [\(t.unit)]: \(t.definition)") }
                }
            case .policies:
                for p in type.policies { print("\(type.kind)\t\(p.key)=\(p.name)\t\(p.summary)") }
            case .reproductions:
                break
            }
        }
    }
}
