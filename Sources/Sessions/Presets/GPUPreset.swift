/// The figures of one accelerator that the cost models need.
///
/// Sources (NVIDIA data sheets, SXM parts, dense tensor throughput without sparsity; NVLink
/// bandwidth per direction, half the data sheet's bidirectional figure):
/// - A100 80 GB: 312 TFLOP/s bf16 (no fp8), 2,039 GB/s HBM2e, 80 GiB, NVLink 3 600 GB/s
///   ("NVIDIA A100 Tensor Core GPU" data sheet, 2021).
/// - H100 SXM 80 GB: 989 TFLOP/s bf16, 1,979 fp8, 3.35 TB/s HBM3, 80 GiB, NVLink 4 900 GB/s
///   ("NVIDIA H100 Tensor Core GPU" data sheet, 2023).
/// - H200 SXM 141 GB: the H100's compute and NVLink, 4.8 TB/s HBM3e, 141 GB (10^9 bytes)
///   ("NVIDIA H200 Tensor Core GPU" data sheet, 2024).
public struct GPUPreset: Sendable, Equatable {
    public let name: String
    /// Peak dense bf16 throughput, FLOP/s.
    public let peakFLOPs: Double
    /// Peak dense fp8 throughput, FLOP/s (the bf16 figure on a GPU without fp8 tensor cores):
    /// what the matrix multiplies of a model with 1-byte weights reach.
    public let peakFP8FLOPs: Double
    /// HBM bandwidth, bytes/s.
    public let memoryBandwidth: Double
    /// HBM capacity, bytes.
    public let memoryBytes: Double
    /// GPU-to-GPU bandwidth in one direction, bytes/s: what a ring all-reduce of tensor
    /// parallelism moves its data at.
    public let interconnectBandwidth: Double

    public init(
        name: String, peakFLOPs: Double, peakFP8FLOPs: Double, memoryBandwidth: Double, memoryBytes: Double,
        interconnectBandwidth: Double
    ) {
        self.name = name
        self.peakFLOPs = peakFLOPs
        self.peakFP8FLOPs = peakFP8FLOPs
        self.memoryBandwidth = memoryBandwidth
        self.memoryBytes = memoryBytes
        self.interconnectBandwidth = interconnectBandwidth
    }

    static let gibibyte = 1_073_741_824.0

    // swift-format-ignore: AlwaysUseLowerCamelCase
    // The GPU's own name and memory size read better than a10080GB.
    public static let a100_80GB = GPUPreset(
        name: "a100-80gb", peakFLOPs: 312e12, peakFP8FLOPs: 312e12, memoryBandwidth: 2.039e12,
        memoryBytes: 80 * gibibyte, interconnectBandwidth: 300e9)
    public static let h100SXM = GPUPreset(
        name: "h100-sxm", peakFLOPs: 989e12, peakFP8FLOPs: 1_979e12, memoryBandwidth: 3.35e12,
        memoryBytes: 80 * gibibyte, interconnectBandwidth: 450e9)
    public static let h200 = GPUPreset(
        name: "h200", peakFLOPs: 989e12, peakFP8FLOPs: 1_979e12, memoryBandwidth: 4.8e12, memoryBytes: 141e9,
        interconnectBandwidth: 450e9)

    public static let all = [a100_80GB, h100SXM, h200]

    /// Other names accepted for a preset: `h100-80gb`, the H100's name before H200 joined.
    public static let aliases = ["h100-80gb": "h100-sxm"]

    /// Every accepted name: the presets' and their aliases.
    public static var names: [String] { all.map(\.name) + aliases.keys.sorted() }

    /// The preset called `name` (or an alias of it).
    public static func named(_ name: String) -> GPUPreset? {
        let canonical = aliases[name] ?? name
        return all.first { $0.name == canonical }
    }
}
