import SimCore

/// The state of one run of the `replay` model that its training protocol advances: the
/// stream, the learner, the buffer, the evaluations so far and the costs counted.
///
/// Randomness: the stream, the learner's initial weights and the buffer's choices come from
/// the run's `stream`, `learner` and `buffer` splits; a protocol draws its own from others.
struct ReplayRun {
    let settings: ReplaySettings
    let stream: ContinualStream
    /// What a fresh learner is built from (the same initial weights every time).
    let learnerParameters: ReplayLearnerParameters
    var learner: any ContinualLearner
    var buffer: any ReplayBuffer
    /// The buffer's source of randomness (offers and task-end selection).
    var offers: RandomSource
    var evaluation: ContinualEvaluation
    /// Batches of stream samples seen so far.
    var iteration = 0
    /// Learner steps (mini-batches) taken.
    var steps = 0
    /// Multiply-adds spent training learners that were then discarded (from-buffer retraining).
    var discardedMultiplyAdds = 0
    /// Multiply-adds of predicting each new stream sample before training on it.
    var predictionMultiplyAdds = 0

    init(settings: ReplaySettings, root: RandomSource) {
        self.settings = settings
        stream =
            settings.table.map {
                ContinualStream(
                    table: $0, settings: settings.stream, testFraction: settings.testFraction,
                    random: root.split("stream"))
            }
            ?? ContinualStream(settings.stream, random: root.split("stream"))
        learnerParameters = settings.learnerParameters(random: root.split("learner"))
        learner = settings.learner.make(learnerParameters)
        buffer = settings.buffer.make(
            ReplayBufferParameters(
                capacity: settings.exemplars, strata: settings.strata, hardCutoff: settings.hardCutoff))
        offers = root.split("buffer")
        evaluation = ContinualEvaluation(tasks: settings.stream.tasks)
    }

    /// Counts the cost of predicting each of `samples` once before the learner trains on
    /// them (the online protocol's cost; call it before the step).
    mutating func countPredictions(of samples: ArraySlice<Int>) {
        predictionMultiplyAdds += samples.count * learner.predictionMultiplyAdds
    }

    /// Offers stream samples to the buffer, in order.
    mutating func offer(_ samples: ArraySlice<Int>) {
        for i in samples { buffer.offer(i, of: stream.train, random: &offers) }
    }

    /// One learner step on `batch` (indices into the training stream).
    mutating func step(on batch: [Int]) {
        learner.train(on: batch, of: stream.train)
        steps += 1
    }

    /// Replaces the learner by a fresh one with the same initial weights, keeping the cost of the old.
    mutating func restartLearner() {
        discardedMultiplyAdds += learner.trainingMultiplyAdds
        learner = settings.learner.make(learnerParameters)
    }

    /// Records every task's test accuracy at the current iteration.
    mutating func evaluate(endsTask: Bool) {
        evaluation.record(iteration: iteration, accuracies: testAccuracies(), endsTask: endsTask)
    }

    /// The learner's accuracy on each task's test set (among the task's classes when task-incremental).
    private func testAccuracies() -> [Double] {
        stream.tests.enumerated().map { task, test in
            let allowed = settings.stream.kind == .taskIncremental ? stream.taskClasses[task] : nil
            var correct = 0
            for i in 0..<test.count where learner.predict(i, of: test, among: allowed) == test.labels[i] {
                correct += 1
            }
            return Double(correct) / Double(max(test.count, 1))
        }
    }
}
