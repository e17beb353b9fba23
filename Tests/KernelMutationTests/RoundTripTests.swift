import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// Printing, parsing, encoding and replaying never lose information.
@Suite struct RoundTripTests {
    /// `parse(print(mutated)) == mutated` for every proposal of every operator on both seeds,
    /// every edit survives JSON, and replaying it reproduces the unit.
    @Test(arguments: MutationRegistry.operators.map(\.name))
    func everyProposalOnTheSeedsRoundTrips(name: String) throws {
        let op = try T.op(name)
        var applied = 0
        for kernel in TestKernels.seeds + TestKernels.derived + TestKernels.small {
            let unit = try T.parse(kernel.source)
            for edit in op.proposals(in: unit, facts: kernel.facts) {
                let mutated = try op.apply(edit, to: unit, facts: kernel.facts)
                #expect(mutated != unit, "\(edit) changed nothing")
                #expect(try CParser.parse(CPrinter.print(mutated)) == mutated, "\(kernel.name): \(edit) does not round-trip")
                let decoded = try JSONDecoder().decode(Edit.self, from: JSONEncoder().encode(edit))
                #expect(decoded == edit)
                #expect(try MutationRegistry.apply([decoded], to: unit, facts: kernel.facts) == mutated)
                applied += 1
            }
        }
        #expect(applied > 0)
    }

    @Test func editEncodesAsPlainJSON() throws {
        let edit = Edit(op: "loop-unroll", site: [3, 0, 9], params: ["factor": 4])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(edit), as: UTF8.self)
        #expect(json == #"{"op":"loop-unroll","params":{"factor":4},"site":[3,0,9]}"#)
        #expect(try JSONDecoder().decode(Edit.self, from: Data(json.utf8)) == edit)
        #expect(edit.description == "loop-unroll@/3/0/9{factor=4}")
    }

    /// A recorded edit list, stored as JSON and replayed from the seed, gives the identical unit.
    @Test(arguments: TestKernels.seeds)
    func replayingARecordedEditListReproducesTheCandidate(kernel: TestKernel) throws {
        let seed = try T.parse(kernel.source)
        var rng = SplitMix64(state: 42)
        var unit = seed
        var edits: [Edit] = []
        for _ in 0..<4 {
            let proposals = MutationRegistry.proposals(in: unit)
            let edit = proposals[rng.below(proposals.count)]
            unit = try MutationRegistry.apply(edit, to: unit)
            edits.append(edit)
        }
        let stored = try JSONEncoder().encode(edits)
        let replayed = try MutationRegistry.apply(try JSONDecoder().decode([Edit].self, from: stored), to: seed)
        #expect(replayed == unit)
        #expect(CPrinter.print(replayed) == CPrinter.print(unit))
        #expect(replayed != seed)
    }
}
