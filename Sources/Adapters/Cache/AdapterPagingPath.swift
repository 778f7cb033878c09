/// The path an adapter's weights take into GPU memory on a miss, and its latency:
/// ```
/// latency(bytes) = overhead + bytes / storage bandwidth + bytes / host-to-GPU bandwidth
/// ```
/// The two copies are counted one after the other (no pipelining). A path whose storage
/// bandwidth is 0 starts in host memory. Bandwidths are sustained figures, below the links'
/// peaks; the overheads (open, header parse, allocation, kernel set-up) are my assumptions.
public struct AdapterPagingPath: Sendable {
    public let name: String
    /// Fixed cost per load, seconds.
    public var overheadSeconds: Double
    /// Storage to host, GB/s (10^9 bytes); 0 when the adapter is already in host memory.
    public var storageGBs: Double
    /// Host to GPU, GB/s.
    public var hostToGPUGBs: Double
    public let source: String

    /// Seconds to page `bytes` in.
    public func latency(bytes: Int) -> Double {
        let b = Double(bytes)
        return overheadSeconds + (storageGBs > 0 ? b / (storageGBs * 1e9) : 0) + b / (hostToGPUGBs * 1e9)
    }

    public static let presets: [AdapterPagingPath] = [
        AdapterPagingPath(
            name: "host-pcie4", overheadSeconds: 0.001, storageGBs: 0, hostToGPUGBs: 25,
            source: "PCIe 4.0 x16 peaks at 31.5 GB/s (16 GT/s x 16 lanes, 128b/130b); 25 GB/s sustained pinned copies"),
        AdapterPagingPath(
            name: "nvme-pcie4", overheadSeconds: 0.005, storageGBs: 7, hostToGPUGBs: 25,
            source:
                "PCIe 4.0 NVMe SSDs read about 7 GB/s sequentially (e.g. Samsung 990 PRO, 7.45 GB/s datasheet), then PCIe 4.0 x16"
        ),
        AdapterPagingPath(
            name: "sata-pcie3", overheadSeconds: 0.01, storageGBs: 0.55, hostToGPUGBs: 12,
            source:
                "SATA III SSDs read about 550 MB/s (6 Gb/s link); PCIe 3.0 x16 sustains about 12 GB/s of its 15.75 GB/s peak"
        ),
    ]

    public static var names: [String] { presets.map(\.name) }
}
