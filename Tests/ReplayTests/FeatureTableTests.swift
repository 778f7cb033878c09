import Foundation
import TestSupport
import Testing

@testable import Replay
@testable import SimCore

@Suite struct FeatureTableTests {
    /// scikit-learn's 8x8 handwritten digits (1,797 rows, 10 classes, 64 pixel features),
    /// exported by the project's venv (`make deps` installs scikit-learn).
    func digitsTable() throws -> String {
        let python = TestFiles.repositoryRoot + "/.venv/bin/python"
        try #require(
            FileManager.default.isExecutableFile(atPath: python), "run `make deps` first: \(python) is missing")
        let path = try TestFiles.temporaryDirectory() + "/digits.csv"
        let script = """
            from sklearn.datasets import load_digits
            d = load_digits()
            with open('\(path)', 'w') as f:
                f.write('label,' + ','.join(f'p{i}' for i in range(64)) + '\\n')
                for x, y in zip(d.data, d.target):
                    f.write(str(y) + ',' + ','.join(str(v) for v in x) + '\\n')
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "exporting the digits table failed")
        return path
    }

    @Test func theDigitsTableStreamsAsClassIncrementalTasks() throws {
        let path = try digitsTable()
        let table = try FeatureTable.read(path: path)
        #expect(table.rows == 1_797 && table.classes == 10 && table.dimension == 64)
        var ncm = 0.0
        for learner in ["ncm", "softmax"] {
            let model = try ReplayModel(
                config: ReplayModel.configuration([
                    "stream.csv": .string(path), "learner": .string(learner), "train.learning_rate": .double(0.001),
                    "memory.exemplars": .int(200),
                ]))
            let stream = ContinualStream(
                table: table, settings: model.settings.stream, testFraction: 0.2,
                random: RandomSource(seed: 1).split("stream"))
            #expect(stream.train.count + stream.tests.reduce(0) { $0 + $1.count } == 1_797)
            #expect(stream.taskClasses == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]])
            #expect(stream.tests[2].labels.allSatisfy { $0 == 4 || $0 == 5 })
            let row = try model.run(seed: 1)
            if learner == "ncm" { ncm = try #require(row["final_accuracy"]) }
            #expect(try #require(row["final_accuracy"]) > 0.6, "\(learner)")
        }
        // Nearest class mean classifies 8x8 digits well (about 90% on held-out rows).
        #expect(ncm > 0.85)
    }

    @Test func badTablesNameTheFileAndLine() throws {
        for (text, expected) in [
            ("label,a,b\n1,2\n", "t.csv:2: 2 fields; the header has 3"),
            ("label,a\nx,1\n", "t.csv:2: label 'x' is not an integer"),
            ("label,task,a\n1,-1,2\n", "t.csv:2: task '-1' is not a non-negative integer"),
            ("label,a\n1,nan\n", "t.csv:2: column 'a': 'nan' is not a finite number"),
            ("a,label\n1,2\n", "t.csv:1: the header must start with 'label'"),
            ("label\n1\n", "no feature columns"),
            ("label,a\n", "has a header and no rows"),
        ] {
            let path = try TestFiles.temporaryFile("t.csv", text)
            #expect(throws: InputFileError.self) { _ = try FeatureTable.read(path: path) }
            do {
                _ = try FeatureTable.read(path: path)
            } catch let error as InputFileError {
                #expect(error.description.contains(expected), "\(error)")
            }
        }
        let path = try TestFiles.temporaryFile("t.csv", "label,a,b\n0,1,2\n1,3,4\n")
        for (key, value, expected) in [
            ("stream.dimension", ConfigValue.int(64), "the table has 2 feature columns"),
            ("stream.kind", .string("domain-incremental"), "class- or task-incremental"),
            ("stream.rotation", .double(1), "has no effect here: it applies only when the stream is synthetic"),
        ] {
            var overrides: [String: ConfigValue] = [
                "stream.csv": .string(path), "stream.classes": .int(2), "stream.tasks": .int(1),
                "stream.dimension": .int(2),
            ]
            overrides[key] = value
            let error = #expect(throws: ConfigError.self) {
                _ = try ReplayModel(config: ReplayModel.configuration(overrides))
            }
            #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
        }
    }
}
