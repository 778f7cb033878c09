/// The architecture figures of a decoder-only transformer that the cost model needs.
///
/// Sources (public model cards and `config.json` of the Hugging Face releases):
/// Llama-3.1-8B: 8.03 B parameters, 32 layers, hidden size 4096, 32 query heads, 8 KV
/// heads, head dimension 128. Llama-3.1-70B: 70.6 B parameters, 80 layers, hidden size
/// 8192, 64 query heads, 8 KV heads, head dimension 128 (Meta, "The Llama 3 Herd of
/// Models", 2024, Table 3).
public struct TransformerPreset: Sendable, Equatable {
    public let name: String
    /// Number of weights.
    public let parameters: Double
    public let layers: Int
    /// Width of the attention projections (query heads x head dimension).
    public let attentionWidth: Int
    public let kvHeads: Int
    public let headDimension: Int
    /// Bytes per stored value (2 for bf16).
    public let bytesPerValue: Int

    public init(
        name: String, parameters: Double, layers: Int, attentionWidth: Int, kvHeads: Int, headDimension: Int,
        bytesPerValue: Int
    ) {
        self.name = name
        self.parameters = parameters
        self.layers = layers
        self.attentionWidth = attentionWidth
        self.kvHeads = kvHeads
        self.headDimension = headDimension
        self.bytesPerValue = bytesPerValue
    }

    /// KV cache bytes per token: keys and values of every layer,
    /// 2 x layers x KV heads x head dimension x bytes per value (Llama-3.1-8B in bf16: 128 KiB).
    public var kvBytesPerToken: Int { 2 * layers * kvHeads * headDimension * bytesPerValue }

    /// Bytes of the weights.
    public var weightBytes: Double { parameters * Double(bytesPerValue) }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    // The model's own name and size read better than llama318B.
    public static let llama31_8B = TransformerPreset(
        name: "llama-3.1-8b", parameters: 8.03e9, layers: 32, attentionWidth: 4096, kvHeads: 8, headDimension: 128,
        bytesPerValue: 2)
    // swift-format-ignore: AlwaysUseLowerCamelCase
    public static let llama31_70B = TransformerPreset(
        name: "llama-3.1-70b", parameters: 70.6e9, layers: 80, attentionWidth: 8192, kvHeads: 8, headDimension: 128,
        bytesPerValue: 2)

    public static let all = [llama31_8B, llama31_70B]
}
