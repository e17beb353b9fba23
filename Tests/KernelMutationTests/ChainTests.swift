import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

/// Random sequences of 1–5 proposals (seeded, so every run checks the same chains).
@Suite struct ChainTests {
    /// Builds `count` chains from `kernel`, choosing among the proposals of `operators` with a
    /// generator seeded by `seed`; every step is checked to print and parse back to the same unit.
    static func chains(_ kernel: TestKernel, operators: [any MutationOperator], count: Int, seed: UInt64)
        throws -> (base: TranslationUnit, results: [(edits: [Edit], unit: TranslationUnit)]) {
        let base = try T.parse(kernel.source)
        var rng = SplitMix64(state: seed)
        var results: [(edits: [Edit], unit: TranslationUnit)] = []
        for _ in 0..<count {
            var unit = base
            var edits: [Edit] = []
            for _ in 0..<rng.within(1...5) {
                let proposals = MutationRegistry.proposals(in: unit, using: operators)
                guard !proposals.isEmpty else { break }
                let edit = proposals[rng.below(proposals.count)]
                unit = try MutationRegistry.apply(edit, to: unit)
                edits.append(edit)
                #expect(try CParser.parse(CPrinter.print(unit)) == unit, "\(kernel.name): \(edits) does not round-trip")
            }
            results.append((edits, unit))
        }
        return (base, results)
    }

    @Test(arguments: TestKernels.seeds)
    func semanticsPreservingChainsBehaveLikeTheSeed(kernel: TestKernel) throws {
        let operators = MutationRegistry.operators.filter(\.preservesSemantics)
        let (base, results) = try ChainTests.chains(kernel, operators: operators, count: 30, seed: 0x5EED)
        let outcome = try Behaviour.compare(kernel, original: base, variants: results.map(\.unit))
        for (result, difference) in zip(results, outcome.differences) where !difference.isEmpty {
            Issue.record("\(kernel.name): chain \(result.edits) changed behaviour on inputs \(difference)\n\(CPrinter.print(result.unit))")
        }
        #expect(results.filter { $0.edits.count >= 2 }.count >= 10)
        #expect(Set(results.map(\.unit)).count >= 20, "chains should reach many distinct programs")
    }

    @Test(arguments: TestKernels.seeds)
    func mixedChainsStillParseAndReplay(kernel: TestKernel) throws {
        let (base, results) = try ChainTests.chains(kernel, operators: MutationRegistry.operators, count: 30, seed: 0xC4A1)
        for result in results {
            #expect(try MutationRegistry.apply(result.edits, to: base) == result.unit)
        }
        #expect(results.contains { $0.edits.contains { MutationRegistry.named($0.op)!.preservesSemantics == false } })
    }

    @Test(arguments: TestKernels.small)
    func semanticsPreservingChainsOnSmallKernels(kernel: TestKernel) throws {
        let operators = MutationRegistry.operators.filter(\.preservesSemantics)
        let (base, results) = try ChainTests.chains(kernel, operators: operators, count: 12, seed: 0xBEEF)
        let outcome = try Behaviour.compare(kernel, original: base, variants: results.map(\.unit))
        for (result, difference) in zip(results, outcome.differences) where !difference.isEmpty {
            Issue.record("\(kernel.name): chain \(result.edits) changed behaviour on inputs \(difference)\n\(CPrinter.print(result.unit))")
        }
        #expect(!results.isEmpty)
    }
}
