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

/// `memsim paging --sizes`: comma-separated cache sizes, each a count (`100`, `1e3`), a
/// byte size with a unit (`64KiB`, `1MiB`, `8GiB`, `500MB`: KiB, MiB, GiB, TiB are powers of
/// 1024, KB, MB, GB, TB of 1000, B is bytes), or, written with a decimal point, a fraction of
/// the working set in (0, 1] (`0.01`). A plain count means objects, or bytes under `--bytes`
/// (`inUnits(bytes:)`); a size with a unit needs `--bytes`.
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

    /// The sizes for a cache counted in bytes (`bytes`: a plain count is bytes) or in objects
    /// (a size with a byte unit is an error).
    func inUnits(bytes: Bool) throws -> [PagingModel.CacheSize] {
        try sizes.map { size in
            switch size {
            case .objects(let n) where bytes: return .bytes(n)
            case .bytes where !bytes:
                throw HarnessError("--sizes \(description): a size in bytes needs --bytes (a byte-sized cache)")
            default: return size
            }
        }
    }

    static let byteUnits: [(suffix: String, factor: Double)] = [
        ("KiB", 1024), ("MiB", 1024 * 1024), ("GiB", 1024 * 1024 * 1024), ("TiB", 1024 * 1024 * 1024 * 1024),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1),
    ]

    private static func size(_ text: String) throws -> PagingModel.CacheSize {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = byteUnits.first(where: { trimmed.hasSuffix($0.suffix) }) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            if let x = Double(number), x.isFinite, x > 0 {
                let bytes = (x * unit.factor).rounded()
                if bytes >= 1, bytes <= Double(1 << 52) { return .bytes(Int64(bytes)) }
            }
            throw HarnessError("'\(trimmed)' is not a byte size in 1 B...4 PiB (64KiB, 1.5MiB, 8GiB, 500MB)")
        }
        if let x = Double(trimmed), x.isFinite {
            if trimmed.contains("."), x > 0, x <= 1 { return .fractionOfWorkingSet(x) }
            if !trimmed.contains("."), x >= 1, x == x.rounded(), x <= Double(1 << 52) { return .objects(Int64(x)) }
        }
        throw HarnessError(
            "'\(trimmed)' is neither a count (100, 1e3), a byte size (64KiB, 8MiB) nor a fraction with a decimal point in (0, 1]"
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
