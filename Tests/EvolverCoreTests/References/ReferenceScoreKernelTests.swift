import Foundation
import KernelSyntax
import Testing
import TestSupport
@testable import EvolverCore

/// The benchmark tool's hand-written `score` kernel (`Sources/evolver-bench/reference-score.c`,
/// the yardstick of `reference_speedup_score`) is a kernel the evolver accepts and a correct one.
@Suite(.serialized)
struct ReferenceScoreKernelTests {
    static func source() throws -> String {
        let url = TestPaths.packageRoot.appendingPathComponent("Sources/evolver-bench/reference-score.c")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func parsesInTheKernelSubset() throws {
        let unit = try CParser.parse(try Self.source(), fileName: "reference-score.c")
        #expect(!unit.declarations.isEmpty)
    }

    @Test func passesTheScoreSuiteInTheSandbox() throws {
        let sandbox = try Fixtures.score()
        var rng = SplitMix64(seed: 17)
        let outcome = try Fixtures.evaluator(sandbox).validate(try Self.source(), rng: &rng)
        #expect(outcome.verdict == .passed, "\(outcome.detail)")
        #expect(outcome.passed == sandbox.cases.count && outcome.total == sandbox.cases.count)
    }

    /// Beyond the suite: it agrees with the independent Swift reference on random contract-wide inputs.
    @Test func agreesWithReferenceOnRandomInputs() throws {
        let sandbox = try Fixtures.score()
        let cases = Fixtures.randomCases(sandbox, count: 300, seed: 4242)
        guard case .success(let results) = try Fixtures.evaluator(sandbox).run(try Self.source(), cases: cases, poison: 0x5A) else {
            Issue.record("the reference kernel failed on random inputs")
            return
        }
        for (c, result) in zip(cases, results) {
            let want = Fixtures.reference(sandbox, c)
            #expect(result.ret == want.ret, "case \(c.id)")
            let got = ElementType.i64.decode(result.outputs[0][...])
            if let out = want.outputs["out"] ?? nil { #expect(got == out, "case \(c.id)") } else { #expect(result.outputs[0].allSatisfy { $0 == 0x5A }) }
        }
    }
}
