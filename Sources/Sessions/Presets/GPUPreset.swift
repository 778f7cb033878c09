/// The figures of one accelerator that the roofline cost model needs.
///
/// Sources (NVIDIA data sheets, SXM parts, dense bf16 tensor throughput without
/// sparsity): A100 80 GB: 312 TFLOP/s, 2,039 GB/s HBM2e, 80 GiB ("NVIDIA A100 Tensor Core
/// GPU" data sheet, 2021). H100 80 GB: 989 TFLOP/s, 3.35 TB/s HBM3, 80 GiB ("NVIDIA H100
/// Tensor Core GPU" data sheet, 2023).
public struct GPUPreset: Sendable, Equatable {
    public let name: String
    /// Peak dense bf16 throughput, FLOP/s.
    public let peakFLOPs: Double
    /// HBM bandwidth, bytes/s.
    public let memoryBandwidth: Double
    /// HBM capacity, bytes.
    public let memoryBytes: Double

    public init(name: String, peakFLOPs: Double, memoryBandwidth: Double, memoryBytes: Double) {
        self.name = name
        self.peakFLOPs = peakFLOPs
        self.memoryBandwidth = memoryBandwidth
        self.memoryBytes = memoryBytes
    }

    static let gibibyte = 1_073_741_824.0

    // swift-format-ignore: AlwaysUseLowerCamelCase
    // The GPU's own name and memory size read better than a10080GB.
    public static let a100_80GB = GPUPreset(
        name: "a100-80gb", peakFLOPs: 312e12, memoryBandwidth: 2.039e12, memoryBytes: 80 * gibibyte)
    // swift-format-ignore: AlwaysUseLowerCamelCase
    public static let h100_80GB = GPUPreset(
        name: "h100-80gb", peakFLOPs: 989e12, memoryBandwidth: 3.35e12, memoryBytes: 80 * gibibyte)

    public static let all = [a100_80GB, h100_80GB]
}
