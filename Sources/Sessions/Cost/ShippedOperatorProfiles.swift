/// The operator profiles memsim ships, in the CSV format of `OperatorProfile` (milliseconds
/// per layer), keyed by GPU and model preset.
///
/// Source: Vidur (Agrawal et al., "Vidur: A Large-Scale Simulation Framework for LLM
/// Inference", MLSys 2024), repository microsoft/vidur at commit 7d47513 (MIT licence),
/// `data/profiling/compute/<gpu>/meta-llama/<model>/mlp.csv`, tensor-parallel degree 1,
/// medians. `tools/vidur_operator_profiles.py` derives the rows (it documents the sum that
/// makes a `linear` row) and prints them as they stand here. Vidur's attention tables (up to
/// 9 MB each) were too large to fetch here, so attention runs on the roofline in both
/// profiles; a user profile can add `attention_prefill` and `attention_decode` rows.
enum ShippedOperatorProfiles {
    /// A100-80GB, Llama-3.1-8B: Vidur's profile of Meta-Llama-3-8B (the same architecture).
    static let a100Llama318B = """
        # source: microsoft/vidur@7d47513 (MIT), data/profiling/compute/a100/meta-llama/Meta-Llama-3-8B/mlp.csv
        operator,tokens,milliseconds
        linear,1,0.3050
        linear,2,0.3080
        linear,4,0.3080
        linear,8,0.3140
        linear,16,0.3185
        linear,24,0.3290
        linear,32,0.3430
        linear,40,0.3470
        linear,48,0.3310
        linear,56,0.3400
        linear,64,0.3540
        linear,72,0.3880
        linear,80,0.3940
        linear,88,0.3965
        linear,96,0.3970
        linear,104,0.4010
        linear,112,0.4055
        linear,120,0.4125
        linear,128,0.4150
        linear,192,0.5280
        linear,256,0.6130
        linear,320,0.8525
        linear,384,0.8730
        linear,448,1.1035
        linear,512,1.0890
        linear,576,1.2575
        linear,640,1.5155
        linear,704,1.6110
        linear,768,1.6645
        linear,832,2.0070
        linear,896,2.1390
        linear,960,2.1250
        linear,1024,2.3610
        linear,1280,2.7630
        linear,1536,3.3610
        linear,1792,4.1595
        linear,2048,4.5760
        linear,2304,5.0780
        linear,2560,5.5135
        linear,2816,5.9845
        linear,3072,6.4525
        linear,3328,6.8375
        linear,3584,8.0040
        linear,3840,8.1795
        linear,4096,8.6050
        linear,5120,10.6305
        linear,6144,13.0610
        linear,7168,15.1705
        linear,8192,17.1485
        linear,9216,19.4300
        linear,10240,21.1015
        linear,11264,23.5795
        linear,12288,25.6830
        linear,13312,27.6830
        linear,14336,29.7820
        linear,15360,31.8585
        linear,16384,34.0740
        linear,17408,37.0760
        linear,18432,38.8485
        linear,19456,41.0450
        linear,20480,43.1910
        linear,21504,45.3460
        linear,22528,47.9745
        linear,23552,49.8915
        linear,24576,52.0555
        linear,25600,54.2740
        linear,26624,55.9955
        linear,27648,58.0185
        linear,28672,60.4500
        linear,29696,62.7295
        linear,30720,64.8350
        linear,31744,66.9215
        linear,32768,68.9325
        """

    /// H100-SXM, Llama-3.1-8B: derived from Vidur's H100 profile of Llama-2-7B (it has no
    /// H100 profile of Llama 3) by scaling each operator by the ratio of its weights, or of
    /// its width for the element-wise ones, in Llama-3-8B to those in Llama-2-7B.
    static let h100Llama318B = """
        # source: microsoft/vidur@7d47513 (MIT), data/profiling/compute/h100/meta-llama/Llama-2-7b-hf/mlp.csv,
        # scaled to Llama-3-8B per operator (tools/vidur_operator_profiles.py --from-llama-2-7b-to-llama-3-8b)
        operator,tokens,milliseconds
        linear,1,0.1882
        linear,2,0.1845
        linear,4,0.1858
        linear,8,0.1858
        linear,16,0.1939
        linear,24,0.1960
        linear,32,0.1960
        linear,40,0.1977
        linear,48,0.1977
        linear,56,0.1980
        linear,64,0.1977
        linear,72,0.2300
        linear,80,0.2313
        linear,88,0.2326
        linear,96,0.2339
        linear,104,0.2165
        linear,112,0.2174
        linear,120,0.2173
        linear,128,0.2165
        linear,192,0.2492
        linear,256,0.3190
        linear,320,0.3268
        linear,384,0.3763
        linear,448,0.4187
        linear,512,0.3979
        linear,576,0.5150
        linear,640,0.5290
        linear,704,0.6350
        linear,768,0.6417
        linear,832,0.7123
        linear,896,0.6900
        linear,960,0.6931
        linear,1024,0.7022
        linear,1280,0.8929
        linear,1536,1.1293
        linear,1792,1.2553
        linear,2048,1.3542
        linear,2304,1.7715
        linear,2560,1.7900
        linear,2816,1.9731
        linear,3072,2.1396
        linear,3328,2.5261
        linear,3584,2.5400
        linear,3840,2.7522
        linear,4096,2.7868
        """

    /// Every shipped profile: the GPU and model presets it was measured on, and its text.
    static let all: [(gpu: String, model: String, text: String)] = [
        ("a100-80gb", "llama-3.1-8b", a100Llama318B),
        ("h100-sxm", "llama-3.1-8b", h100Llama318B),
    ]

    /// The shipped profile text for a GPU and model preset, if there is one.
    static func text(gpu: String, model: String) -> String? {
        all.first { $0.gpu == gpu && $0.model == model }?.text
    }

    /// The GPU and model pairs with a shipped profile, as `gpu/model`.
    static var names: [String] { all.map { "\($0.gpu)/\($0.model)" } }
}
