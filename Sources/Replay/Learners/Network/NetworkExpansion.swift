/// How a network learner grows at task boundaries (the model-based strategies that Zhou et al.,
/// "A Model or 603 Exemplars", ICLR 2023, charge to the memory budget).
public enum NetworkExpansion: String, Sendable, CaseIterable {
    /// One network for the whole stream (exemplar-based methods: iCaRL, replay).
    case none
    /// A model snapshot per task: at each new task the backbone (both hidden layers) is frozen
    /// and kept, and a copy of it becomes the trainable backbone (DER, Yan et al., CVPR 2021).
    case full
    /// A partial expansion per task: the shallow ("generalized") layer is shared (trained
    /// throughout, as with MEMO's `train_base`, unless `network.train_shared` is false, which
    /// freezes it after the first task); the deep ("specialized") layer is frozen, kept and
    /// copied at each new task (MEMO).
    case partial
}
