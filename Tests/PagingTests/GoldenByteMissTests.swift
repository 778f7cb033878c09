import SimCore
import TestSupport
import Testing

@testable import Paging

/// Byte-sized caches against libCacheSim: misses and missed bytes must match exactly.
///
/// Reference: libCacheSim's FIFO, LRU, Belady, Clock, ARC, Sieve, S3FIFO, TwoQ, LFU and GDSF
/// (its Python bindings, libcachesim 0.3.5, default parameters, object sizes from the
/// trace, cache sizes in bytes); `python tools/libcachesim_reference.py --bytes TRACE BYTES...`
/// prints these tables. Two traces:
/// - the CloudPhysics block I/O sample (113,872 requests, 48,974 objects of 512 B to 68 KiB;
///   no object changes size);
/// - `sizedZipf.oracleGeneral.bin` (30,000 requests, `tools/sized_trace.py` with its defaults):
///   log-normal sizes up to 256 KiB, one request in 20 changing its object's size, and many
///   objects never requested again, so it pins the size-change rule (a resident object keeps
///   its inserted size), OPT's ties and objects larger than the cache (64 KiB < 256 KiB).
@Suite struct GoldenByteMissTests {
    static let policies = ["fifo", "lru", "opt", "clock", "arc", "sieve", "s3fifo", "2q", "lfu", "gdsf"]

    /// (capacity in bytes, [(misses, missed bytes)] in the order of `policies`).
    typealias Row = (capacity: Int64, counts: [(Int, Int64)])

    static let cloudPhysics: [Row] = [
        (
            1_048_576,
            [
                (100_449, 4_316_701_184), (99_058, 4_310_820_352), (94_556, 4_276_403_200), (98_874, 4_310_214_656),
                (96_200, 4_299_051_008), (97_540, 4_304_066_048), (95_886, 4_297_392_640), (95_933, 4_297_098_752),
                (98_026, 4_307_092_480), (95_433, 4_299_773_952),
            ]
        ),
        (
            16_777_216,
            [
                (95_473, 4_283_741_184), (95_095, 4_282_132_480), (91_596, 4_131_050_496), (94_967, 4_281_588_224),
                (93_751, 4_269_066_240), (93_788, 4_271_278_080), (93_830, 4_266_498_048), (94_357, 4_277_720_064),
                (93_788, 4_271_278_080), (93_533, 4_279_430_144),
            ]
        ),
        (
            268_435_456,
            [
                (89_386, 4_052_646_400), (89_783, 4_061_242_368), (70_724, 2_995_165_696), (89_775, 4_064_512_000),
                (85_861, 3_821_026_816), (86_720, 3_917_211_648), (80_915, 3_573_827_584), (83_567, 3_757_302_784),
                (86_720, 3_917_211_648), (84_750, 4_057_058_816),
            ]
        ),
    ]

    static let sizedZipf: [Row] = [
        (
            65_536,
            [
                (27_779, 337_786_448), (27_575, 336_371_318), (24_156, 313_953_515), (27_439, 334_685_807),
                (26_064, 326_009_258), (26_416, 325_313_703), (20_191, 260_480_708), (23_252, 292_747_144),
                (24_858, 310_276_460), (19_720, 252_229_235),
            ]
        ),
        (
            1_048_576,
            [
                (21_315, 258_968_570), (20_128, 246_574_217), (14_228, 179_649_505), (19_725, 241_870_259),
                (17_525, 220_605_748), (17_077, 213_808_193), (15_911, 209_156_354), (17_684, 221_802_276),
                (18_060, 222_908_154), (12_463, 199_921_186),
            ]
        ),
        (
            8_388_608,
            [
                (11_610, 142_409_237), (10_462, 130_560_139), (6_066, 72_659_124), (10_294, 128_491_519),
                (9_754, 120_339_867), (9_135, 110_070_478), (9_355, 113_686_730), (9_768, 119_948_829),
                (9_105, 109_994_403), (5_224, 118_377_916),
            ]
        ),
    ]

    static func sizedTrace(_ name: String) throws -> Trace {
        var reader = TraceFileReader(format: .oracleGeneral)
        reader.readsSizes = true
        return try reader.read(path: TraceFixtures.tracesDirectory + "/" + name)
    }

    func check(_ trace: Trace, _ rows: [Row], _ name: String) throws {
        let results = try TraceSimulation.run(
            trace, policies: Self.policies, sizes: rows.map { .bytes($0.capacity) }, jobs: 2)
        for (p, policy) in Self.policies.enumerated() {
            for (r, row) in rows.enumerated() {
                let result = results[p * rows.count + r]
                #expect(result.policy == policy && result.cacheSize == row.capacity)
                #expect(
                    result.misses == row.counts[p].0 && result.result.byteMisses == row.counts[p].1,
                    "\(name): \(policy) at \(row.capacity) bytes")
            }
        }
    }

    @Test func cloudPhysicsTraceShapeWithSizes() throws {
        let trace = try Self.sizedTrace("cloudPhysicsIO.oracleGeneral.bin")
        #expect(trace.count == 113_872 && trace.objectCount == 48_974)
        #expect(trace.totalSize == 4_368_040_448)
        #expect(trace.workingSetSize == 2_029_769_728)
        #expect(trace.largestSize == 69_632)
    }

    @Test func cloudPhysicsByteMissesMatchLibCacheSim() throws {
        try check(try Self.sizedTrace("cloudPhysicsIO.oracleGeneral.bin"), Self.cloudPhysics, "cloudPhysics")
    }

    @Test func sizeChangesTiesAndOversizedObjectsMatchLibCacheSim() throws {
        let trace = try Self.sizedTrace("sizedZipf.oracleGeneral.bin")
        #expect(trace.count == 30_000)
        try check(trace, Self.sizedZipf, "sizedZipf")
    }

    @Test func invariantsHoldWithSizesAfterEveryRequest() throws {
        let trace = try Self.sizedTrace("sizedZipf.oracleGeneral.bin")
        let prefix = Trace(
            denseObjects: Array(trace.objects.prefix(3_000)), objectCount: trace.objectCount,
            sizes: Array(trace.sizes.prefix(3_000)))
        for name in Self.policies {
            let entry = try #require(PagingPolicyRegistry.entry(named: name))
            for capacity in [65_536, 1_048_576] as [Int64] {
                var cache = entry.build(for: prefix, capacity: capacity, root: RandomSource(seed: 1)).policy
                for i in 0..<prefix.count {
                    _ = cache.access(prefix.request(at: i))
                    #expect(cache.occupancy <= capacity, "\(name) at \(i)")
                    if i % 97 == 0 { try cache.checkInvariants() }
                }
                try cache.checkInvariants()
            }
        }
    }

    /// A byte capacity is in bytes whatever the policy; the results do not depend on `jobs`.
    @Test func resultsDoNotDependOnJobs() throws {
        let trace = try Self.sizedTrace("sizedZipf.oracleGeneral.bin")
        let sizes: [PagingModel.CacheSize] = [.bytes(65_536), .fractionOfWorkingSet(0.05), .bytes(8 << 20)]
        let one = try TraceSimulation.run(trace, policies: Self.policies, sizes: sizes, jobs: 1)
        for jobs in [2, 3, 8] {
            #expect(try TraceSimulation.run(trace, policies: Self.policies, sizes: sizes, jobs: jobs) == one)
        }
    }

    @Test func policiesCountingObjectsAreRefusedWithSizes() throws {
        let trace = try Self.sizedTrace("sizedZipf.oracleGeneral.bin")
        #expect(
            thrownMessage { _ = try TraceSimulation.run(trace, policies: ["marking"], sizes: [.bytes(1 << 20)]) }
                .contains("policy 'marking' counts objects, not bytes"))
    }

    @Test func thePagingModelSimulatesBytes() throws {
        var config = PagingModel.defaults
        config = config.setting("trace.generator", to: .string("file"))
        config = config.setting(
            "trace.path", to: .string(TraceFixtures.tracesDirectory + "/cloudPhysicsIO.oracleGeneral.bin.zst"))
        config = config.setting("trace.format", to: .string("oracleGeneral"))
        config = config.setting("bytes", to: .bool(true))
        config = config.setting("cache_size", to: .int(16_777_216))
        config = config.setting("policy", to: .string("lru"))
        let row = try PagingModel(config: Configuration(config)).run(seed: 1)
        #expect(row["misses"] == 95_095 && row["byte_misses"] == 4_282_132_480)
        #expect(row["bytes"] == 4_368_040_448 && row["capacity"] == 16_777_216)
        #expect(row["opt_misses"] == 91_596)
        let fraction = config.setting("cache_size", to: .int(0)).setting("cache_fraction", to: .double(0.5))
        #expect(try PagingModel(config: Configuration(fraction)).run(seed: 1)["capacity"] == 1_014_884_864)
        #expect(throws: ConfigError.self) {
            try PagingModel(config: Configuration(config.setting("policy", to: .string("marking"))))
        }
        #expect(throws: ConfigError.self) {
            try PagingModel(config: Configuration(config.setting("trace.generator", to: .string("zipf"))))
        }
        #expect(throws: ConfigError.self) {
            try PagingModel(config: Configuration(config.setting("trace.format", to: .string("txt"))))
        }
    }
}
