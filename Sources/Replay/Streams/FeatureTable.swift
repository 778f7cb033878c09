import Foundation
import SimCore

/// Labelled feature vectors read from a CSV file, so that embeddings computed by any
/// pretrained model can be streamed:
/// ```
/// label,task,f0,f1,...        (header; the task column is optional)
/// 3,0,0.12,-1.5,...
/// ```
/// Labels are integers (remapped to 0..<C in ascending order), tasks non-negative integers
/// (remapped to 0..<T in ascending order, so ids may start anywhere and have gaps),
/// features finite numbers; every row has the header's number of fields. Blank lines are
/// skipped; anything else malformed is an error naming its line.
public struct FeatureTable: Sendable {
    public let dimension: Int
    /// Features row-major, `dimension` per row.
    public let features: [Double]
    /// Labels remapped to 0..<classes.
    public let labels: [Int]
    /// Each row's task, when the table has a task column.
    public let tasks: [Int]?
    public let classes: Int

    public var rows: Int { labels.count }

    public static func read(path: String) throws -> FeatureTable {
        try InputFileError.requireRegularFile(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError("\(path): cannot read feature table")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .filter { !$0.1.isEmpty }
        guard !lines.isEmpty else { throw InputFileError("\(path): the feature table is empty") }
        let (headerLine, header) = lines.removeFirst()
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard names.first == "label" else {
            throw InputFileError("\(path):\(headerLine): the header must start with 'label'")
        }
        let hasTask = names.count > 1 && names[1] == "task"
        let first = hasTask ? 2 : 1
        let dimension = names.count - first
        guard dimension >= 1 else {
            throw InputFileError("\(path):\(headerLine): no feature columns after 'label'\(hasTask ? ",task" : "")")
        }
        var rawLabels: [Int] = []
        var tasks: [Int] = []
        var features: [Double] = []
        features.reserveCapacity(lines.count * dimension)
        for (number, text) in lines {
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == names.count else {
                throw InputFileError("\(path):\(number): \(fields.count) fields; the header has \(names.count)")
            }
            guard let label = Int(fields[0]) else {
                throw InputFileError("\(path):\(number): label '\(fields[0])' is not an integer")
            }
            rawLabels.append(label)
            if hasTask {
                guard let task = Int(fields[1]), task >= 0 else {
                    throw InputFileError("\(path):\(number): task '\(fields[1])' is not a non-negative integer")
                }
                tasks.append(task)
            }
            for (column, field) in fields[first...].enumerated() {
                guard let x = Double(field), x.isFinite else {
                    throw InputFileError(
                        "\(path):\(number): column '\(names[first + column])': '\(field)' is not a finite number")
                }
                features.append(x)
            }
        }
        guard !rawLabels.isEmpty else { throw InputFileError("\(path): the feature table has a header and no rows") }
        let distinctTasks = Array(Set(tasks)).sorted()
        let taskIndex = Dictionary(uniqueKeysWithValues: distinctTasks.enumerated().map { ($1, $0) })
        let distinct = Array(Set(rawLabels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return FeatureTable(
            dimension: dimension, features: features, labels: rawLabels.map { index[$0] ?? 0 },
            tasks: hasTask ? tasks.map { taskIndex[$0] ?? 0 } : nil,
            classes: distinct.count)
    }
}
