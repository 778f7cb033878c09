import ArgumentParser
import Harness

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a spec completely (keys, types, ranges, filters, claims) without running it."
    )

    @OptionGroup var specOptions: SpecOptions

    func run() throws {
        let plan = try Experiment.plan(
            specPath: specOptions.spec, overrides: specOptions.overrides, seedCount: specOptions.seeds,
            checksClaims: !specOptions.noClaims, allowsInert: specOptions.allowInert)
        for line in plan.notes { note(line) }
        print(
            "\(specOptions.spec): ok: model \(plan.spec.modelKind), \(plan.points.count) sweep points x "
                + "\(plan.seeds.count) seeds = \(plan.runs.count) runs, \(plan.spec.claims.count) claims")
    }
}
