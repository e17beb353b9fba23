import Testing
@testable import EvolverCore

struct ScoringKernelTests {
    @Test func agreesWithTheIndependentReference() throws {
        let kernel = try ScoringKernel(scoreSandbox: try Fixtures.score())
        var g = SplitMix64(seed: 77)
        for _ in 0..<300 {
            let n = g.int(in: 1...60), m = g.int(in: 1...60)
            let hi: Int64 = g.below(2) == 0 ? 20 : 5_000_000
            let a = (0..<n).map { _ in g.int(in: 0...hi) }, b = (0..<m).map { _ in g.int(in: 0...hi) }
            let c = try kernel.compare(incumbent: a, candidate: b)
            let ref = try #require(ScoreReference.evaluate(a: a, b: b).out)
            #expect([c.twiceU, c.twiceMedianIncumbent, c.twiceMedianCandidate, c.twiceShift] == ref)
        }
    }

    /// `check` reports one speed figure: the speedup the shift estimates is above 1 exactly when
    /// the gain is positive, so an A/A check cannot print a speedup below 1 with a positive gain.
    @Test func theReportedSpeedupAgreesWithTheSignOfTheGain() throws {
        let kernel = try ScoringKernel(scoreSandbox: try Fixtures.score())
        var g = SplitMix64(seed: 5)
        var disagreementsOfTheMedians = 0
        for _ in 0..<400 {
            // A/A-like samples: the same distribution, noisy, a few outliers.
            let n = g.int(in: 5...30), m = g.int(in: 5...30)
            let sample = { (g: inout SplitMix64) -> Int64 in 1_000_000 + g.int(in: -30_000...30_000) + (g.below(10) == 0 ? g.int(in: 0...400_000) : 0) }
            let a = (0..<n).map { _ in sample(&g) }, b = (0..<m).map { _ in sample(&g) }
            let c = try kernel.compare(incumbent: a, candidate: b)
            #expect((c.shiftSpeedup > 1) == (c.relativeGain > 0) && (c.shiftSpeedup < 1) == (c.relativeGain < 0), "\(c)")
            if (c.speedup > 1) != (c.relativeGain > 0), c.relativeGain != 0 { disagreementsOfTheMedians += 1 }
        }
        // The ratio of medians (the figure `check` printed before) does disagree with the gain on such samples.
        #expect(disagreementsOfTheMedians > 0)
    }

    @Test func refusesInputsOutsideTheContract() throws {
        let kernel = try ScoringKernel(scoreSandbox: try Fixtures.score())
        #expect(throws: EvolverError.self) { try kernel.compare(incumbent: [], candidate: [1]) }
        #expect(throws: EvolverError.self) { try kernel.compare(incumbent: [1 << 41], candidate: [1]) }
        #expect(throws: EvolverError.self) { try kernel.compare(incumbent: [-1], candidate: [1]) }
    }

    @Test func compileFailureIsReported() {
        #expect(throws: EvolverError.self) { try ScoringKernel(source: "int score(") }
    }

    @Test func promotionRuleNeedsBothGainAndSignificance() throws {
        let kernel = try ScoringKernel(scoreSandbox: try Fixtures.score())
        let base: [Int64] = (0..<15).map { 1_000_000 + $0 * 1000 }
        // 10% faster, no overlap: promoted.
        let fast = try kernel.compare(incumbent: base, candidate: base.map { $0 * 9 / 10 })
        #expect(fast.relativeGain > 0.09 && fast.pValue < 0.001)
        #expect(PromotionRule.standard.promotes(fast))
        // 0.5% faster but perfectly separated: significant, yet below the minimum gain.
        let tiny = try kernel.compare(incumbent: base, candidate: base.map { $0 - 15000 })
        #expect(PromotionRule.standard.isSignificant(tiny))
        #expect(tiny.relativeGain < 0.02)
        #expect(!PromotionRule.standard.promotes(tiny))
        // Identical samples: p about one half, never promoted.
        let same = try kernel.compare(incumbent: base, candidate: base)
        #expect(same.pValue > 0.3 && same.shift == 0)
        #expect(!PromotionRule.standard.promotes(same))
        // Slower candidate: gain negative.
        let slow = try kernel.compare(incumbent: base, candidate: base.map { $0 * 11 / 10 })
        #expect(slow.relativeGain < 0 && slow.pValue > 0.99 && slow.speedup < 1)
    }

    @Test func pValueMatchesTheNormalApproximation() {
        // n = m = 10, U = 80: z = (80 - 50 - 0.5) / sqrt(100 * 21 / 12) = 2.2300, p = 0.01287.
        let c = SampleComparison(n: 10, m: 10, twiceU: 160, twiceMedianIncumbent: 2, twiceMedianCandidate: 2, twiceShift: 0)
        #expect(abs(c.pValue - 0.012873) < 1e-4)
    }
}
