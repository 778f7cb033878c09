import SimCore

/// The from-buffer protocol (GDumb, Prabhu et al., ECCV 2020): no learning on the stream,
/// whose samples are only offered to the buffer; after each task a fresh learner is trained
/// on the buffer's training set for `train.epochs` epochs of `train.batch`-sample
/// mini-batches, reshuffled each epoch, and the run is evaluated once.
struct BufferRetraining: ReplayTrainingProtocol {
    let settings: ReplaySettings
    /// Shuffles each epoch's training set (and any choice the buffer makes for it).
    var random: RandomSource

    mutating func train(task: Int, run: inout ReplayRun) {
        let order = Array(run.stream.taskRanges[task])
        var next = 0
        while next < order.count {
            let samples = order[next..<min(next + settings.batch, order.count)]
            run.countPredictions(of: samples)
            run.offer(samples)
            next = samples.endIndex
            run.iteration += 1
        }
        run.buffer.taskEnded(run.stream.train, random: &run.offers)
        run.restartLearner()
        for epoch in 0..<settings.epochs {
            var set = run.buffer.trainingSet(epoch: epoch, random: &random)
            random.shuffle(&set)
            var start = 0
            while start < set.count {
                run.step(on: Array(set[start..<min(start + settings.batch, set.count)]))
                start += settings.batch
            }
        }
        run.evaluate(endsTask: true)
    }
}
