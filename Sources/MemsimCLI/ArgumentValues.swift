import Foundation
import Harness
import Paging
import SimCore

/// Typed values of command-line options, parsed when the command line is (an option's
/// `transform`), so that a bad value stops the command before it runs, with one line that
/// names the option and what is wrong (`MemsimCommand.main` prints it).
enum ArgumentValues {
    /// One of `known` names, or an error that suggests the nearest.
    static func name(_ text: String, kind: String, known: [String]) throws -> String {
        guard known.contains(text) else {
            throw HarnessError(ConfigError.unknownName("", kind: kind, name: text, known: known).problem)
        }
        return text
    }

    /// A case of a string enumeration, by its raw value.
    static func choice<Value: RawRepresentable & CaseIterable>(_ text: String, kind: String) throws -> Value
    where Value.RawValue == String {
        let name = try name(text, kind: kind, known: Value.allCases.map(\.rawValue))
        guard let value = Value(rawValue: name) else { throw HarnessError("unknown \(kind) '\(text)'") }
        return value
    }
}

/// A comma-separated list of names, each one of a known set (`lru,opt`).
struct NameList: CustomStringConvertible {
    let names: [String]

    init(parsing text: String, kind: String, known: [String]) throws {
        names = try text.split(separator: ",", omittingEmptySubsequences: false).map {
            try ArgumentValues.name(String($0).trimmingCharacters(in: .whitespaces), kind: kind, known: known)
        }
        if let twice = names.enumerated().first(where: { i, name in names[..<i].contains(name) })?.element {
            throw HarnessError("\(kind) '\(twice)' is given twice")
        }
    }

    var description: String { names.joined(separator: ",") }
}

/// `memsim paging --sizes`: comma-separated cache sizes, each a count of objects (`100`,
/// `1e3`) or, written with a decimal point, a fraction of the working set in (0, 1] (`0.01`).
struct CacheSizeList: CustomStringConvertible {
    let sizes: [PagingModel.CacheSize]
    let description: String

    init(sizes: [PagingModel.CacheSize], description: String) {
        self.sizes = sizes
        self.description = description
    }

    init(parsing text: String) throws {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let sizes = try parts.map(Self.size)
        if let twice = sizes.indices.first(where: { i in sizes[..<i].contains(sizes[i]) }) {
            throw HarnessError("size '\(parts[twice])' is given twice")
        }
        self.sizes = sizes
        description = text
    }

    private static func size(_ text: String) throws -> PagingModel.CacheSize {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let x = Double(trimmed), x.isFinite {
            if trimmed.contains("."), x > 0, x <= 1 { return .fractionOfWorkingSet(x) }
            if !trimmed.contains("."), x >= 1, x == x.rounded(), x <= Double(Int32.max) { return .objects(Int64(x)) }
        }
        throw HarnessError(
            "'\(trimmed)' is neither a count of objects in 1...\(Int32.max) (100, 1e3) nor a fraction with a decimal point in (0, 1]"
        )
    }
}

/// A field delimiter: one ASCII character.
struct Delimiter: CustomStringConvertible {
    let byte: UInt8

    init(byte: UInt8) { self.byte = byte }

    init(parsing text: String) throws {
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 128 else {
            throw HarnessError("expected one ASCII character")
        }
        self.byte = byte
    }

    var description: String { String(UnicodeScalar(byte)) }
}

/// An exemplar shape such as `32x32x3`: one to three sizes in 1...10^6.
struct ExemplarShape: CustomStringConvertible {
    let sizes: [Int]

    init(parsing text: String) throws {
        let parsed = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        let sizes = parsed.compactMap { $0 }
        guard sizes.count == parsed.count, (1...3).contains(sizes.count),
            sizes.allSatisfy({ (1...1_000_000).contains($0) })
        else {
            throw HarnessError("not a shape like 32x32x3 (at most 3 sizes of at most 10^6)")
        }
        self.sizes = sizes
    }

    var description: String { sizes.map(String.init).joined(separator: "x") }
}
