import Foundation
import Testing
@testable import EvolverCore

/// A kernel that passes the fixed suite but is wrong elsewhere must not be promoted.
@Suite(.serialized)
struct DifferentialTestTests {
    @Test func overfittedKernelIsCaughtOnFreshInputs() throws {
        let sandbox = try Fixtures.smithWaterman()
        // Wrong on a residue class of the lengths that no suite case falls in.
        #expect(!sandbox.cases.contains { (Fixtures.int($0, "n") * 7 + Fixtures.int($0, "m")) % 26 == 1 && Fixtures.int($0, "n") > 0 && Fixtures.int($0, "m") > 0 })
        let overfit = sandbox.seedSource.replacingOccurrences(of: "int sw_score(", with: "static int sw_real(") + """

        int sw_score(const unsigned char *a, int n, const unsigned char *b, int m, const signed char *sub, int k, int open, int extend, int *scratch)
        {
            int r = sw_real(a, n, b, m, sub, k, open, extend, scratch);
            return (n > 0 && m > 0 && (n * 7 + m) % 26 == 1) ? r + 1 : r;
        }
        """
        let evaluator = try Fixtures.evaluator(sandbox)
        var rng = SplitMix64(seed: 1)
        #expect(try evaluator.validate(overfit, rng: &rng).verdict == .passed)
        // Fresh inputs drawn across the contract's range; enough of them hit the special case.
        let test = DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: 400)
        let why = try test.disagreement(overfit, candidateIndex: 0, runSeed: 1, evaluator: evaluator)
        #expect(why?.contains("differs from the seed") == true, "\(why ?? "nil")")
        #expect(try test.disagreement(sandbox.seedSource, candidateIndex: 0, runSeed: 1, evaluator: evaluator) == nil)
    }
}
