import SimCore

/// How a `replay` run trains on one task of the stream: which samples the learner steps on,
/// when the buffer is offered the stream, and when the run is evaluated.
///
/// Guarantee: the task's stream samples are taken in batches of `train.batch`, one iteration
/// each on the first pass; each is predicted once before training on it
/// (`ReplayRun.countPredictions`) and offered to the buffer once, in stream order; the
/// buffer's task end follows the task's last offer.
protocol ReplayTrainingProtocol {
    /// Trains on task `task` of `run`'s stream (the learner's `beginTask` was called).
    mutating func train(task: Int, run: inout ReplayRun)
}

extension ReplaySettings {
    /// The training protocol `train.mode` names, drawing its randomness from `root`.
    func trainingProtocol(root: RandomSource) -> any ReplayTrainingProtocol {
        trainsFromBuffer
            ? BufferRetraining(settings: self, random: root.split("epochs"))
            : OnlineReplayTraining(settings: self, replays: root.split("replay"), reshuffles: root.split("passes"))
    }
}
