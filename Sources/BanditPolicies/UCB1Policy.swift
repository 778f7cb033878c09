import Foundation
import SimCore

/// UCB1 (Auer, Cesa-Bianchi and Fischer, "Finite-time Analysis of the Multiarmed Bandit
/// Problem", Machine Learning 2002): play every arm once, then the arm maximising
/// `mean_a + sqrt(2 ln t / n_a)`. Context-free; rewards in [0, 1].
public struct UCB1Policy: ScoringBanditPolicy {
    public let arms: Int
    public private(set) var pulls: [Int]
    public private(set) var sums: [Double]
    private var rounds = 0

    public init(arms: Int) {
        self.arms = arms
        pulls = [Int](repeating: 0, count: arms)
        sums = [Double](repeating: 0, count: arms)
    }

    public func scores(context: [Double], random: inout RandomSource) -> [Double] {
        let logRounds = log(Double(max(rounds, 1)))
        return (0..<arms).map { a in
            pulls[a] == 0
                ? Double.infinity : sums[a] / Double(pulls[a]) + (2 * logRounds / Double(pulls[a])).squareRoot()
        }
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        pulls[arm] += 1
        sums[arm] += reward
        rounds += 1
    }
}
