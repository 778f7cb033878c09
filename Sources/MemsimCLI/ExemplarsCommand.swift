import ArgumentParser
import Foundation
import Harness
import Replay
import SimCore

/// `memsim exemplars`: a model's bytes in exemplar equivalents (MEMO's "a model or 603 exemplars").
struct ExemplarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exemplars",
        abstract: "State a model's size in exemplars: parameters x bytes per parameter / exemplar bytes."
    )

    @Option(
        help:
            "A known backbone: \(ExemplarEquivalence.backbones.map(\.name).joined(separator: ", ")) (sets parameters and shape).",
        transform: {
            try ArgumentValues.name($0, kind: "backbone", known: ExemplarEquivalence.backbones.map(\.name))
        })
    var backbone: String?

    @Option(help: "Parameters of the model, in 1...10^15 (instead of --backbone).")
    var parameters: Int?

    @Option(help: "Bytes per parameter, in 1...16 (4 for float32).")
    var bytesPerParameter: Int = 4

    @Option(
        help: "Exemplar shape, e.g. 32x32x3 (default: the backbone's input).", transform: ExemplarShape.init(parsing:))
    var shape: ExemplarShape?

    @Option(
        help: "Exemplar element type: \(ExemplarType.allCases.map(\.rawValue).joined(separator: ", ")).",
        transform: { try ArgumentValues.choice($0, kind: "type") as ExemplarType })
    var dtype = ExemplarType.uint8

    /// The backbone `--backbone` names, if any.
    private var known: (name: String, parameters: Int, shape: [Int], source: String)? {
        backbone.flatMap { name in ExemplarEquivalence.backbones.first { $0.name == name } }
    }

    func validate() throws {
        guard let count = parameters ?? known?.parameters, (1...1_000_000_000_000_000).contains(count) else {
            throw ValidationError("--parameters: give a parameter count in 1...10^15, or --backbone")
        }
        guard (1...16).contains(bytesPerParameter) else {
            throw ValidationError("--bytes-per-parameter \(bytesPerParameter): must be in 1...16")
        }
        guard shape != nil || known != nil else {
            throw ValidationError("--shape: give the exemplar shape, e.g. 32x32x3, or --backbone")
        }
    }

    func run() throws {
        let equivalence = ExemplarEquivalence(
            parameters: parameters ?? known?.parameters ?? 0, bytesPerParameter: bytesPerParameter,
            shape: shape?.sizes ?? known?.shape ?? [], type: dtype)
        let shapeText = equivalence.shape.map(String.init).joined(separator: "x")
        print(
            "\(backbone ?? "model"): \(equivalence.parameters) parameters x \(equivalence.bytesPerParameter) bytes = "
                + "\(equivalence.modelBytes) bytes = \(String(format: "%.1f", equivalence.exemplars)) exemplars of \(shapeText) "
                + "\(equivalence.type.rawValue) (\(equivalence.exemplarBytes) bytes each); whole exemplars: \(Int(equivalence.exemplars))"
        )
    }
}
