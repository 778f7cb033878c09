import Foundation
import SimCore
import Testing

@testable import Sessions

/// Exact FLOP and byte counts of the roofline, the engine accounting, and the profiled model.
@Suite struct CostModelTests {
    static let h100 = StepCostModel(
        roofline: RooflineCostModel(model: .llama31_8B, gpu: .h100SXM, tensorParallel: 1, engine: .vllm06))
    static let uncalibrated = StepCostModel(
        roofline: RooflineCostModel(model: .llama31_8B, gpu: .h100SXM, tensorParallel: 1, engine: .rooflineV1))

    @Test func llamaParameterCountsFromTheArchitecture() {
        let small = TransformerPreset.llama31_8B
        #expect(small.parameters == 8_030_261_248)
        #expect(small.gatedMLPParameters == small.parameters)
        // 128,256 x 4,096 = 525,336,576 weights in the embedding table and again in the output layer.
        #expect(small.vocabularyMatrixParameters == 525_336_576)
        #expect(small.layerParameters == 6_979_588_096)
        let large = TransformerPreset.llama31_70B
        #expect(large.parameters == 70_553_706_496)
        #expect(large.gatedMLPParameters == large.parameters)
    }

    @Test func kvBytesPerTokenFromTheArchitecture() {
        // 2 (K and V) x 32 layers x 8 KV heads x 128 dims x 2 bytes = 131,072 = 128 KiB.
        #expect(TransformerPreset.llama31_8B.kvBytesPerToken == 128 * 1_024)
        // 2 x 80 x 8 x 128 x 2 = 327,680 = 320 KiB.
        #expect(TransformerPreset.llama31_70B.kvBytesPerToken == 320 * 1_024)
    }

    @Test func flopsPerPrefillTokenLeaveOutTheEmbeddingAndTheOutputLayer() {
        #expect(Self.h100.roofline.weightFLOPsPerPromptToken == 13_959_176_192)
        #expect(Self.uncalibrated.roofline.weightFLOPsPerPromptToken == 2 * 8_030_261_248)
    }

    @Test func aPrefillStepByPart() {
        // One 4,000-token prompt, sampled once at its end.
        let pairs = StepWork.attentionPairs(queries: 4_000, context: 0)
        #expect(pairs == 4_000.0 * 4_001 / 2)
        let times = Self.h100.times(
            StepWork(prefillTokens: 4_000, prefillPairs: pairs, prefillSequences: 1, sampledPrefills: 1))
        #expect(times.linear == 2 * 6_979_588_096.0 * (4_000 / 0.65) / 989e12)
        // The output layer once: bandwidth-bound (525 M weights x 2 bytes at 0.7 x 3.35 TB/s).
        #expect(times.outputLayer == 525_336_576.0 * 2 / (3.35e12 * 0.70))
        #expect(times.prefillAttention == 4 * 32 * 4_096 * pairs / (989e12 * 0.45))
        #expect(times.decodeAttention == 0 && times.allReduce == 0)
        #expect(times.overhead == 1.62e-3)
        #expect(times.total == times.linear + times.outputLayer + times.prefillAttention + times.overhead)
    }

    @Test func aDecodeStepIsBandwidthBound() {
        // One decode token with a 1,000-token context: the layers' and output layer's weights
        // at 0.7 of 3.35 TB/s, and 1,000 x 128 KiB of KV.
        let times = Self.h100.times(StepWork(decodeSequences: 1, decodeContext: 1_000))
        #expect(times.linear == 6_979_588_096.0 * 2 / (3.35e12 * 0.70))
        #expect(times.outputLayer == 525_336_576.0 * 2 / (3.35e12 * 0.70))
        #expect(times.decodeAttention == 1_000.0 * 131_072 / (3.35e12 * 0.70))
        // The step's work and its overhead are each rounded to the nanosecond, as the first
        // roofline's were.
        let duration = Self.h100.stepTime(StepWork(decodeSequences: 1, decodeContext: 1_000))
        #expect(duration == .seconds(times.total - times.overhead) + .seconds(1.62e-3))
    }

    @Test func theUncalibratedRooflineIsMemsimsFirst() {
        let decode = Self.uncalibrated.times(StepWork(decodeSequences: 1, decodeContext: 1_000))
        #expect(decode.total == (8_030_261_248.0 * 2 + 1_000.0 * 131_072) / (3.35e12 * 0.8))
        let pairs = StepWork.attentionPairs(queries: 4_000, context: 0)
        let prefill = Self.uncalibrated.times(StepWork(prefillTokens: 4_000, prefillPairs: pairs, prefillSequences: 1))
        #expect(prefill.total == (2 * 8_030_261_248.0 * 4_000 + 4 * 32 * 4_096 * pairs) / (989e12 * 0.5))
        #expect(prefill.overhead == 0)
        // Capacity: 80 GiB x 0.9 - 16.06 GB of weights, in 128 KiB tokens.
        let capacity = Self.uncalibrated.roofline.kvCapacityBytes(activationReserve: 0.1) / 131_072
        #expect(abs(capacity - (80 * 1_073_741_824 * 0.9 - 8_030_261_248.0 * 2) / 131_072) < 1e-6)
    }

    @Test func tensorParallelismAddsTwoRingAllReducesPerLayer() {
        let tp2 = RooflineCostModel(model: .llama31_8B, gpu: .h100SXM, tensorParallel: 2, engine: .vllm06)
        let times = tp2.times(StepWork(decodeSequences: 8, decodeContext: 8_000))
        // 8 tokens x 4,096 x 2 bytes, 2 (t - 1) / t = 1 of it over 450 GB/s, plus 20 µs; 64 of them.
        #expect(times.allReduce == 64 * (8.0 * 4_096 * 2 / 450e9 + 20e-6))
        #expect(times.linear == 6_979_588_096.0 * 2 / (2 * 3.35e12 * 0.70))
    }

    @Test func anOverriddenBF16PeakCarriesToFP8WhereItIsHigher() throws {
        // An A100 has no fp8 tensor cores: its fp8 peak is its bf16 one, and a higher bf16
        // peak given by hw.peak_tflops raises both.
        let config = try SessionsModel.configuration(["gpu": .string("a100-80gb"), "hw.peak_tflops": .double(400)])
            .declaring(SessionsModel.parameters)
        let gpu = try PresetOverrides.resolve(config).gpu
        #expect(gpu.peakFLOPs == 400e12 && gpu.peakFP8FLOPs == 400e12)
    }

    @Test func fp8WeightsRunAtTheFP8Peak() {
        let fp8 = TransformerPreset(
            name: "fp8", parameters: 8_030_261_248, layers: 32, attentionWidth: 4_096, kvHeads: 8, headDimension: 128,
            bytesPerValue: 1, vocabulary: 128_256, tiedEmbeddings: false)
        let roofline = RooflineCostModel(model: fp8, gpu: .h100SXM, tensorParallel: 1, engine: .vllm06)
        #expect(roofline.linearTime(prefill: 8_192, decode: 0) == 2 * 6_979_588_096.0 * (8_192 / 0.65) / 1_979e12)
        #expect(roofline.linearTime(prefill: 0, decode: 1) == 6_979_588_096.0 / (3.35e12 * 0.70))
    }
}

/// The profiled model: the shipped tables, interpolation and the CSV format.
@Suite struct OperatorProfileTests {
    static func shipped(_ gpu: GPUPreset) throws -> StepCostModel {
        let text = try #require(ShippedOperatorProfiles.text(gpu: gpu.name, model: "llama-3.1-8b"))
        return StepCostModel(
            roofline: RooflineCostModel(model: .llama31_8B, gpu: gpu, tensorParallel: 1, engine: .vllm06),
            profile: try OperatorProfile.parse(text, source: "shipped"))
    }

    /// The rows of a shipped table, read independently of `OperatorProfile`.
    static func rows(_ gpu: GPUPreset) throws -> [(tokens: Int, milliseconds: Double)] {
        let text = try #require(ShippedOperatorProfiles.text(gpu: gpu.name, model: "llama-3.1-8b"))
        return text.split(separator: "\n").compactMap { line in
            let fields = line.trimmingCharacters(in: .whitespaces).split(separator: ",")
            guard fields.count == 3, fields[0] == "linear", let t = Int(fields[1]), let ms = Double(fields[2])
            else { return nil }
            return (t, ms)
        }
    }

    @Test(arguments: [GPUPreset.a100_80GB, .h100SXM])
    func theProfiledModelGivesTheTableExactlyAtItsRows(gpu: GPUPreset) throws {
        let model = try Self.shipped(gpu)
        let rows = try Self.rows(gpu)
        #expect(rows.count > 40)
        for row in rows {
            // A decode batch of `tokens` sequences runs the layers at exactly the row's time.
            let times = model.times(StepWork(decodeSequences: row.tokens, decodeContext: row.tokens))
            #expect(times.linear == 32 * (row.milliseconds / 1_000))
        }
        // Halfway between two rows: their mean.
        let (a, b) = (rows[rows.count - 2], rows[rows.count - 1])
        let profile = try #require(model.profile)
        let mid = try #require(profile.value(of: .linear, at: Double(a.tokens + b.tokens) / 2) { _ in 1 })
        #expect(abs(mid - (a.milliseconds + b.milliseconds) / 2_000) < 1e-15)
    }

    @Test func beyondTheTableTheRooflineShapeMeetsTheLastRow() throws {
        let model = try Self.shipped(.h100SXM)
        let last = try #require(try Self.rows(.h100SXM).last)
        let at = model.times(StepWork(prefillTokens: last.tokens, prefillSequences: 1)).linear
        let twice = model.times(StepWork(prefillTokens: 2 * last.tokens, prefillSequences: 1)).linear
        let roofline = model.roofline
        let ratio =
            roofline.linearTime(prefill: 2 * last.tokens, decode: 0)
            / roofline.linearTime(prefill: last.tokens, decode: 0)
        #expect(abs(twice / at - ratio) < 1e-12)
        // Attention has no rows: the roofline's.
        let pairs = StepWork.attentionPairs(queries: 1_024, context: 0)
        #expect(
            model.times(StepWork(prefillTokens: 1_024, prefillPairs: pairs, prefillSequences: 1)).prefillAttention
                == roofline.prefillAttentionTime(pairs: pairs, context: 0))
    }

    @Test func attentionRowsAreLookedUpByQueryKeyPairs() throws {
        let text = "operator,tokens,milliseconds\nattention_prefill,1024,0.1\nattention_prefill,4096,1.0\n"
        let profile = try OperatorProfile.parse(text, source: "t.csv")
        let at1024 = try #require(profile.value(of: .attentionPrefill, at: 1_024.0 * 1_025 / 2) { _ in 1 })
        #expect(at1024 == 0.1 / 1_000)
        #expect(profile.value(of: .linear, at: 8) { _ in 1 } == nil)
    }

    @Test func crlfProfilesReadAsTheirLines() throws {
        let profile = try OperatorProfile.parse(
            "# made on Windows\r\noperator,tokens,milliseconds\r\nlinear,1,0.2\r\nlinear,8,0.3\r\n", source: "w.csv")
        #expect(profile.linear.points == [1, 8] && profile.linear.seconds == [0.2 / 1_000, 0.3 / 1_000])
        #expect {
            _ = try OperatorProfile.parse("operator,tokens,milliseconds\r\nlinear,1,x\r\n", source: "w.csv")
        } throws: { error in
            "\(error)".hasPrefix("w.csv:2:")
        }
    }

    @Test func badProfilesNameTheFileAndLine() {
        let cases: [(String, String)] = [
            ("tokens,operator,milliseconds\n", "t.csv:1: expected the header"),
            ("operator,tokens,milliseconds\nmlp,8,0.1\n", "t.csv:2: unknown operator 'mlp'"),
            ("operator,tokens,milliseconds\nlinear,8,0.1\nlinear,8,0.2\n", "t.csv:3: linear rows must have increasing"),
            ("operator,tokens,milliseconds\n# note\nlinear,0,0.1\n", "t.csv:3: tokens '0'"),
            ("operator,tokens,milliseconds\nlinear,8,-1\n", "t.csv:2: milliseconds '-1'"),
            ("operator,tokens,milliseconds\nlinear,8\n", "t.csv:2: expected 3 fields"),
            ("operator,tokens,milliseconds\n", "t.csv: no rows"),
        ]
        for (text, message) in cases {
            #expect {
                _ = try OperatorProfile.parse(text, source: "t.csv")
            } throws: { error in
                "\(error)".hasPrefix(message)
            }
        }
    }
}
