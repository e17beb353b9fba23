import Foundation
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// The adoption guard, on real sandboxed workers: what passes, and what each of its three checks refuses.
@Suite(.serialized)
struct AdoptionGuardTests {
    static func guardOf() throws -> AdoptionGuard {
        let sandbox = try Fixtures.score()
        return AdoptionGuard(sandbox: sandbox, evaluator: try Fixtures.evaluator(sandbox))
    }

    static func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Journaled-looking sample pairs: 15 against 15 noisy samples.
    static func pairs(_ count: Int, seed: UInt64) -> [BenchmarkEvidence] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            BenchmarkEvidence(incumbent: (0..<15).map { _ in g.int(in: 900_000...1_100_000) },
                              candidate: (0..<15).map { _ in g.int(in: 850_000...1_050_000) })
        }
    }

    /// The seed, wrong only on one particular comparison: 13 against 11 samples starting at 123457.
    static let wrongOnOnePastComparison = try! Fixtures.score().seedSource.replacingOccurrences(
        of: "out[0] = u2;", with: "out[0] = (n == 13 && m == 11 && a[0] == 123457) ? u2 + 2 : u2;")

    @Test func theSeedScorerPassesEveryCheck() throws {
        let g = try Self.guardOf()
        let source = g.sandbox.seedSource.replacingOccurrences(of: "u2 = 0;", with: "u2 = 0; /* same */")
        let evidence = try g.check(source, pairs: Self.pairs(50, seed: 1), inputSeed: 7, clock: Self.clock)
        #expect(evidence.passed, "\(evidence.failure ?? "")")
        #expect(evidence.suitePassed == g.sandbox.cases.count && evidence.suiteTotal == g.sandbox.cases.count)
        #expect(evidence.differentialTotal >= 1000 + 25 && evidence.differentialPassed == evidence.differentialTotal)
        #expect(evidence.refereePairs == 50 && evidence.refereeAgreed == 50)
    }

    @Test func theCornersReachTheContractsLargestAndMostSkewedInputs() throws {
        var rng = SplitMix64(seed: 3)
        let corners = try ContractCorners(harness: try Fixtures.score().harness).cases(rng: &rng)
        let shapes = Set(corners.map { Fixtures.int($0, "n") * 10_000 + Fixtures.int($0, "m") })
        for shape: Int64 in [0, 1 * 10_000 + 1, 1 * 10_000 + 1024, 1024 * 10_000 + 1, 1024 * 10_000 + 1024, 1023 * 10_000 + 2] {
            #expect(shapes.contains(shape), "corner n = \(shape / 10_000), m = \(shape % 10_000)")
        }
        let top: Int64 = (1 << 40) - 1
        #expect(corners.contains { c in Fixtures.ints(c, "a").count == 1024 && Fixtures.ints(c, "a").allSatisfy { $0 == top } }, "ties at the top of the range")
    }

    @Test func aScorerWrongOnlyOnAJournaledComparisonIsRefusedByTheRefereePanel() throws {
        let g = try Self.guardOf()
        var pairs = Self.pairs(40, seed: 2)
        let passes = try g.check(Self.wrongOnOnePastComparison, pairs: pairs, inputSeed: 9, clock: Self.clock)
        #expect(passes.passed, "wrong nowhere the suite, the corners or fresh inputs look: \(passes.failure ?? "")")
        pairs.insert(BenchmarkEvidence(incumbent: [123457] + (1...12).map { 123457 + $0 }, candidate: (1...11).map { 120000 + $0 }), at: 17)
        let refused = try g.check(Self.wrongOnOnePastComparison, pairs: pairs, inputSeed: 9, clock: Self.clock)
        #expect(!refused.passed)
        #expect(refused.failure?.hasPrefix("would have judged a past comparison differently") == true, "\(refused.failure ?? "")")
        #expect(refused.refereePairs == 41 && refused.refereeAgreed == 40)
    }

    @Test func aScorerThatFailsTheSuiteIsRefusedFirst() throws {
        let g = try Self.guardOf()
        let wrong = g.sandbox.seedSource.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = u2 + 1;")
        let evidence = try g.check(wrong, pairs: [], inputSeed: 1, clock: Self.clock)
        #expect(evidence.failure?.hasPrefix("fails the fixed suite") == true, "\(evidence.failure ?? "")")
        #expect(evidence.differentialTotal == 0, "nothing else runs after the suite failed")
    }

    /// The corpus of subtly wrong scorers: each passes the fixed suite, each is wrong on some
    /// contract-valid inputs; the guard refuses every one.
    @Test(arguments: WrongScorers.names)
    func everySubtlyWrongScorerIsRefused(_ name: String) throws {
        let g = try Self.guardOf()
        let evidence = try g.check(try WrongScorers.source(name), pairs: Self.pairs(50, seed: 4), inputSeed: 5, clock: Self.clock)
        #expect(evidence.suitePassed == evidence.suiteTotal, "\(name) passes the fixed suite (that is what makes it subtle)")
        #expect(!evidence.passed, "\(name) must be refused")
    }
}

/// The corpus in `Scoring/WrongScorers`.
enum WrongScorers {
    static var folder: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("WrongScorers") }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".c") }.sorted()
    }

    static func source(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}
