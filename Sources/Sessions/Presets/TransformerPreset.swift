/// The architecture figures of a decoder-only transformer that the cost model needs.
///
/// Sources (the `config.json` of the Hugging Face releases; Meta, "The Llama 3 Herd of
/// Models", 2024, Table 3): Llama-3.1-8B: 32 layers, hidden size 4,096, MLP width 14,336,
/// 32 query heads, 8 KV heads, head dimension 128, vocabulary 128,256, untied input and
/// output embeddings: 8,030,261,248 weights. Llama-3.1-70B: 80 layers, hidden size 8,192,
/// MLP width 28,672, 64 query heads, 8 KV heads, head dimension 128, the same vocabulary,
/// untied: 70,553,706,496 weights. Both counts equal `gatedMLPParameters` of the figures
/// (a test checks it).
public struct TransformerPreset: Sendable, Equatable {
    public let name: String
    /// Number of weights, embeddings included.
    public let parameters: Double
    public let layers: Int
    /// Width of the attention projections (query heads x head dimension), which is also the
    /// hidden size of the models memsim ships.
    public let attentionWidth: Int
    public let kvHeads: Int
    public let headDimension: Int
    /// Bytes per stored value (2 for bf16, 1 for fp8).
    public let bytesPerValue: Int
    /// Tokens of the vocabulary: the rows of the embedding table and of the output layer.
    public let vocabulary: Int
    /// Whether the output layer shares the embedding table's weights (OPT) or has its own
    /// (Llama 3).
    public let tiedEmbeddings: Bool
    /// Width of the MLP's inner layer (0 where only `parameters` is known).
    public let mlpWidth: Int

    public init(
        name: String, parameters: Double, layers: Int, attentionWidth: Int, kvHeads: Int, headDimension: Int,
        bytesPerValue: Int, vocabulary: Int, tiedEmbeddings: Bool, mlpWidth: Int = 0
    ) {
        self.name = name
        self.parameters = parameters
        self.layers = layers
        self.attentionWidth = attentionWidth
        self.kvHeads = kvHeads
        self.headDimension = headDimension
        self.bytesPerValue = bytesPerValue
        self.vocabulary = vocabulary
        self.tiedEmbeddings = tiedEmbeddings
        self.mlpWidth = mlpWidth
    }

    /// KV cache bytes per token: keys and values of every layer,
    /// 2 x layers x KV heads x head dimension x bytes per value (Llama-3.1-8B in bf16: 128 KiB).
    public var kvBytesPerToken: Int { 2 * layers * kvHeads * headDimension * bytesPerValue }

    /// Bytes of the weights.
    public var weightBytes: Double { parameters * Double(bytesPerValue) }

    /// Weights of one vocabulary-by-hidden matrix: the embedding table, and the output layer.
    public var vocabularyMatrixParameters: Double { Double(vocabulary) * Double(attentionWidth) }

    /// Weights that every token runs through (the layers and the final norm): all weights
    /// but the embedding table and the output layer (one matrix if they are tied, two if not).
    public var layerParameters: Double {
        parameters - vocabularyMatrixParameters * (tiedEmbeddings ? 1 : 2)
    }

    /// Weights of a Llama-style model from its figures: per layer the query and output
    /// projections (h x h each), the key and value projections (h x KV heads x head dimension
    /// each), the gated MLP (3 x h x MLP width) and two norms (h each); then the final norm
    /// and the vocabulary matrices (one if tied).
    public var gatedMLPParameters: Double {
        let h = Double(attentionWidth)
        let kv = Double(kvHeads * headDimension)
        let perLayer = 2 * h * h + 2 * h * kv + 3 * h * Double(mlpWidth) + 2 * h
        return Double(layers) * perLayer + h + vocabularyMatrixParameters * (tiedEmbeddings ? 1 : 2)
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    // The model's own name and size read better than llama318B.
    public static let llama31_8B = TransformerPreset(
        name: "llama-3.1-8b", parameters: 8_030_261_248, layers: 32, attentionWidth: 4096, kvHeads: 8,
        headDimension: 128, bytesPerValue: 2, vocabulary: 128_256, tiedEmbeddings: false, mlpWidth: 14_336)
    // swift-format-ignore: AlwaysUseLowerCamelCase
    public static let llama31_70B = TransformerPreset(
        name: "llama-3.1-70b", parameters: 70_553_706_496, layers: 80, attentionWidth: 8192, kvHeads: 8,
        headDimension: 128, bytesPerValue: 2, vocabulary: 128_256, tiedEmbeddings: false, mlpWidth: 28_672)

    public static let all = [llama31_8B, llama31_70B]
}
