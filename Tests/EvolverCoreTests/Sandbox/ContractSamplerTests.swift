import Testing
@testable import EvolverCore

struct ContractSamplerTests {
    @Test(arguments: ["score", "smith-waterman"])
    func drawsValidDeterministicInputsReachingTheBounds(_ name: String) throws {
        let sandbox = try Fixtures.catalog.load(name)
        let sampler = try ContractSampler(harness: sandbox.harness)
        var g1 = SplitMix64(seed: 5), g2 = SplitMix64(seed: 5)
        let a = try sampler.sample(count: 300, rng: &g1), b = try sampler.sample(count: 300, rng: &g2)
        #expect(a == b)
        for c in a { _ = try c.bufferLengths(for: sandbox.harness) }
        let ns = a.map { Fixtures.int($0, "n") }
        #expect(ns.contains(0))
        #expect(Set(ns).count > 20)
        if name == "smith-waterman" {
            #expect(a.contains { Fixtures.int($0, "k") == 32 } && a.contains { Fixtures.int($0, "k") == 1 })
            #expect(a.contains { Fixtures.int($0, "open") == 1000 })
            #expect(a.allSatisfy { Fixtures.int($0, "extend") <= Fixtures.int($0, "open") })
        } else {
            #expect(a.contains { Fixtures.ints($0, "a").contains((1 << 40) - 1) })
        }
    }

    /// Differential check of the seeds on fresh contract-wide inputs, run in the sandbox.
    @Test(arguments: ["score", "smith-waterman"])
    func seedAgreesWithReferenceOnSampledInputs(_ name: String) throws {
        let sandbox = try Fixtures.catalog.load(name)
        var rng = SplitMix64(seed: 99)
        let cases = try ContractSampler(harness: sandbox.harness).sample(count: 120, rng: &rng)
        let outcome = try Fixtures.evaluator(sandbox).run(sandbox.seedSource, cases: cases, poison: 0x77)
        if case .failure(let failure) = outcome { Issue.record("seed failed on sampled inputs: \(failure.verdict) \(failure.detail)") }
        guard case .success(let results) = outcome else { return }
        for (c, result) in zip(cases, results) {
            #expect(result.ret == Fixtures.reference(sandbox, c).ret, "case \(c)")
        }
    }

    @Test func refusesAHarnessWithoutIntRanges() throws {
        var harness = try Fixtures.score().harness
        harness.params[1].range = nil
        #expect(throws: HarnessFailure.self) { try ContractSampler(harness: harness) }
    }

    @Test func caseOutsideTheContractIsRejected() throws {
        let harness = try Fixtures.smithWaterman().harness
        let c = KernelCase(id: "x", args: ["a": .array([5]), "n": .int(1), "b": .array([0]), "m": .int(1), "sub": .array([1, 2, 3, 4]), "k": .int(2), "open": .int(3), "extend": .int(1)])
        #expect(throws: HarnessFailure.self) { try c.bufferLengths(for: harness) }
        let d = KernelCase(id: "y", args: ["a": .array([1]), "n": .int(1), "b": .array([0]), "m": .int(1), "sub": .array([1, 2, 3, 4]), "k": .int(2), "open": .int(3), "extend": .int(4)])
        #expect(throws: HarnessFailure.self) { try d.bufferLengths(for: harness) }
    }
}
