import SimCore
import Testing

/// Invalid distribution parameters are programmer errors and stop the process.
@Suite struct RandomPreconditionTests {
    @Test func invalidParametersStopTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var random = RandomSource(seed: 1)
            _ = random.nextInt(below: 0)
        }
        await #expect(processExitsWith: .failure) {
            var random = RandomSource(seed: 1)
            _ = random.exponential(rate: 0)
        }
        await #expect(processExitsWith: .failure) {
            var random = RandomSource(seed: 1)
            _ = random.gamma(shape: -1, scale: 1)
        }
        await #expect(processExitsWith: .failure) {
            var random = RandomSource(seed: 1)
            _ = random.uniform(in: -Double.greatestFiniteMagnitude..<Double.greatestFiniteMagnitude)
        }
    }
}
