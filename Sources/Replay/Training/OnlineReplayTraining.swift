import SimCore

/// The online protocol: the task's samples are visited `train.passes` times (in stream
/// order, then reshuffled); each iteration takes `train.batch` stream samples plus
/// `train.replay_batch` samples drawn uniformly, with replacement, from the buffer, takes one
/// learner step on them, and (first pass only) offers the stream samples to the buffer. The
/// run is evaluated every `eval.every` iterations and at the task's end.
struct OnlineReplayTraining: ReplayTrainingProtocol {
    let settings: ReplaySettings
    /// Draws the replayed samples.
    var replays: RandomSource
    /// Reshuffles the task's samples for the passes after the first.
    var reshuffles: RandomSource
    /// The mini-batch, reused from step to step.
    private var batch: [Int] = []

    init(settings: ReplaySettings, replays: RandomSource, reshuffles: RandomSource) {
        self.settings = settings
        self.replays = replays
        self.reshuffles = reshuffles
    }

    mutating func train(task: Int, run: inout ReplayRun) {
        var order = Array(run.stream.taskRanges[task])
        for pass in 0..<settings.passes {
            if pass > 0 { reshuffles.shuffle(&order) }
            var next = 0
            while next < order.count {
                let samples = order[next..<min(next + settings.batch, order.count)]
                if pass == 0 { run.countPredictions(of: samples) }
                run.step(on: replayBatch(of: samples, from: run.buffer))
                if pass == 0 { run.offer(samples) }
                next = samples.endIndex
                run.iteration += 1
                let last = next == order.count && pass == settings.passes - 1
                if last || run.iteration % settings.evalEvery == 0 { run.evaluate(endsTask: last) }
            }
        }
        run.buffer.taskEnded(run.stream.train, random: &run.offers)
    }

    /// The stream samples followed by `train.replay_batch` samples drawn from the buffer (none when it is empty).
    private mutating func replayBatch(of samples: ArraySlice<Int>, from buffer: any ReplayBuffer) -> [Int] {
        batch.removeAll(keepingCapacity: true)
        batch.append(contentsOf: samples)
        let stored = buffer.storedCount
        if stored > 0 {
            for _ in 0..<settings.replayBatch { batch.append(buffer.storedSample(replays.nextInt(below: stored))) }
        }
        return batch
    }
}
