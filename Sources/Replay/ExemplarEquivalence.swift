/// A model's memory stated in exemplars: how many stored samples the same bytes would hold
/// (Zhou et al., "A Model or 603 Exemplars: Towards Memory-Efficient Class-Incremental
/// Learning", ICLR 2023).
/// ```
/// exemplars = parameters x bytes per parameter / (product of the exemplar shape x bytes per element)
/// ```
/// A CIFAR ResNet-32 (463,504 float32 parameters, 1,854,016 bytes) equals 603.5 CIFAR images
/// of 32 x 32 x 3 uint8 (3,072 bytes), 603 whole ones.
public struct ExemplarEquivalence: Sendable {
    public let parameters: Int
    public let bytesPerParameter: Int
    public let shape: [Int]
    public let type: ExemplarType

    public init(parameters: Int, bytesPerParameter: Int, shape: [Int], type: ExemplarType) {
        self.parameters = parameters
        self.bytesPerParameter = bytesPerParameter
        self.shape = shape
        self.type = type
    }

    public var modelBytes: Int { parameters * bytesPerParameter }
    public var exemplarBytes: Int { shape.reduce(1, *) * type.bytes }
    public var exemplars: Double { Double(modelBytes) / Double(exemplarBytes) }

    /// Backbones whose sizes class-incremental papers count, with their usual inputs.
    public static let backbones: [(name: String, parameters: Int, shape: [Int], source: String)] = [
        ("resnet32", 463_504, [32, 32, 3], "CIFAR ResNet-32 (He et al. 2016), as counted by MEMO's model2exemplar"),
        (
            "resnet18", 11_176_512, [224, 224, 3],
            "ResNet-18 for ImageNet (He et al. 2016), as counted by MEMO's model2exemplar"
        ),
    ]
}
