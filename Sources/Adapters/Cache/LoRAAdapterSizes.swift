/// The dimensions of a base model's attention projections that a LoRA adapter adapts.
///
/// A rank-r LoRA adapter on a d_in x d_out projection adds A (r x d_in) and B (d_out x r),
/// `r (d_in + d_out)` parameters (Hu et al., "LoRA: Low-Rank Adaptation of Large Language
/// Models", ICLR 2022). Adapting q, k, v and o in every layer with GQA key-value width
/// `kvWidth` gives
/// ```
/// parameters(r) = layers * r * (2 (h + h) + 2 (h + kvWidth))      bytes = parameters * bytesPerValue
/// ```
/// Dimensions from the models' published configurations (Hugging Face `config.json`).
public struct LoRABaseModel: Sendable {
    public let name: String
    public let hidden: Int
    public let layers: Int
    /// Width of the k and v projections: key-value heads x head dimension.
    public let kvWidth: Int
    public let bytesPerValue: Int

    /// Bytes of a rank-`rank` adapter on q, k, v and o.
    public func adapterBytes(rank: Int) -> Int {
        layers * rank * (2 * (hidden + hidden) + 2 * (hidden + kvWidth)) * bytesPerValue
    }

    public static let presets: [LoRABaseModel] = [
        // Qwen2.5-7B: hidden 3584, 28 layers, 4 KV heads of 128 (POLAR's base model).
        LoRABaseModel(name: "qwen2.5-7b", hidden: 3584, layers: 28, kvWidth: 512, bytesPerValue: 2),
        // Llama-3.1-8B: hidden 4096, 32 layers, 8 KV heads of 128.
        LoRABaseModel(name: "llama-3.1-8b", hidden: 4096, layers: 32, kvWidth: 1024, bytesPerValue: 2),
        // Llama-2-7B: hidden 4096, 32 layers, 32 KV heads of 128 (no GQA; S-LoRA's base model).
        LoRABaseModel(name: "llama-2-7b", hidden: 4096, layers: 32, kvWidth: 4096, bytesPerValue: 2),
    ]

    public static var names: [String] { presets.map(\.name) }
}
