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
            "A known backbone: \(ExemplarEquivalence.backbones.map(\.name).joined(separator: ", ")) (sets parameters and shape)."
    )
    var backbone: String?

    @Option(help: "Parameters of the model (instead of --backbone).")
    var parameters: Int?

    @Option(help: "Bytes per parameter (4 for float32).")
    var bytesPerParameter: Int = 4

    @Option(help: "Exemplar shape, e.g. 32x32x3 (default: the backbone's input).")
    var shape: String?

    @Option(help: "Exemplar element type: \(ExemplarType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dtype: String = "uint8"

    func run() throws {
        let equivalence = try reportingErrors { () -> ExemplarEquivalence in
            let known = try backbone.map { name in
                guard let found = ExemplarEquivalence.backbones.first(where: { $0.name == name }) else {
                    throw HarnessError(
                        "--backbone: "
                            + ConfigError.unknownName(
                                "", kind: "backbone", name: name, known: ExemplarEquivalence.backbones.map(\.name)
                            ).problem)
                }
                return found
            }
            guard let count = parameters ?? known?.parameters, count >= 1, count <= 1_000_000_000_000_000 else {
                throw HarnessError("--parameters: give a parameter count in 1...10^15, or --backbone")
            }
            guard (1...16).contains(bytesPerParameter) else {
                throw HarnessError("--bytes-per-parameter: must be in 1...16")
            }
            let dims: [Int]
            if let shape {
                let parsed = shape.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
                guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 1_000_000 }),
                    parsed.count <= 3
                else {
                    throw HarnessError(
                        "--shape: '\(shape)' is not a shape like 32x32x3 (at most 3 sizes of at most 10^6)")
                }
                dims = parsed.compactMap { $0 }
            } else if let known {
                dims = known.shape
            } else {
                throw HarnessError("--shape: give the exemplar shape, e.g. 32x32x3, or --backbone")
            }
            guard let type = ExemplarType(rawValue: dtype) else {
                throw HarnessError(
                    "--dtype: "
                        + ConfigError.unknownName(
                            "", kind: "type", name: dtype, known: ExemplarType.allCases.map(\.rawValue)
                        ).problem)
            }
            return ExemplarEquivalence(parameters: count, bytesPerParameter: bytesPerParameter, shape: dims, type: type)
        }
        let shapeText = equivalence.shape.map(String.init).joined(separator: "x")
        print(
            "\(backbone ?? "model"): \(equivalence.parameters) parameters x \(equivalence.bytesPerParameter) bytes = "
                + "\(equivalence.modelBytes) bytes = \(String(format: "%.1f", equivalence.exemplars)) exemplars of \(shapeText) "
                + "\(equivalence.type.rawValue) (\(equivalence.exemplarBytes) bytes each); whole exemplars: \(Int(equivalence.exemplars))"
        )
    }
}
