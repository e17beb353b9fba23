import Foundation
import KernelMutation
import KernelSyntax
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// Crossover of edit lists: how lists combine, how a combined list is re-applied to the seed
/// (edits that no longer apply are dropped and recorded), and crossover offspring in the planner.
struct CrossoverTests {
    let seed: TranslationUnit

    init() throws {
        seed = try CParser.parse(try Fixtures.score().seedSource, fileName: "seed.c")
    }

    func edit(_ n: Int) -> Edit { Edit(op: "op\(n)", site: NodePath([n])) }

    @Test func onePointKeepsAPrefixOfTheFirstAndASuffixOfTheSecond() {
        let first = (0..<5).map(edit), second = (10..<14).map(edit)
        var rng = SplitMix64(seed: 3)
        var seenCuts = Set<[Edit]>()
        for _ in 0..<200 {
            let child = Crossover.combine(first, second, kind: .onePoint, rng: &rng)
            let prefix = child.prefix { first.contains($0) }
            #expect(Array(first.prefix(prefix.count)) == Array(prefix))
            let suffix = Array(child.dropFirst(prefix.count))
            #expect(suffix.isEmpty || Array(second.suffix(suffix.count)) == suffix)
            seenCuts.insert(child)
        }
        #expect(seenCuts.count > 10, "cut points vary")
    }

    @Test func uniformTakesEachPositionFromEitherParent() {
        let first = (0..<6).map(edit), second = (10..<13).map(edit)
        var rng = SplitMix64(seed: 5)
        var fromFirst = 0, fromSecond = 0
        for _ in 0..<200 {
            let child = Crossover.combine(first, second, kind: .uniform, rng: &rng)
            var position = 0
            for e in child {
                // Every edit keeps its position's order: it comes from position >= the previous one.
                let p = first.firstIndex(of: e) ?? second.firstIndex(of: e)!
                #expect(p >= position)
                position = p + 1
                if first.contains(e) { fromFirst += 1 } else { fromSecond += 1 }
            }
        }
        #expect(fromFirst > 100 && fromSecond > 100)
    }

    @Test func reapplyingDropsEditsThatNoLongerApplyAndKeepsTheRest() throws {
        let proposals = MutationRegistry.proposals(in: seed)
        let first = try #require(proposals.first { $0.op == "loop-unroll" })
        let foreign = Edit(op: "loop-unroll", site: NodePath([99, 0]), params: first.params)
        let child = Crossover.reapply([first, foreign], to: seed)
        #expect(child.applied == [first])
        #expect(child.dropped == [foreign])
        #expect(CPrinter.print(child.unit) == CPrinter.print(try MutationRegistry.apply([first], to: seed)))
    }

    @Test func thePlannerMakesRecordedCrossoversDeterministically() throws {
        let source = CPrinter.print(seed)
        let sha = Hashing.sha256Hex(source)
        // A population of members one or two edits from the seed.
        let safe = MutationRegistry.proposals(in: seed).filter { MutationRegistry.named($0.op)!.preservesSemantics }
        var members = [SearchState.Member(sha256: sha, edits: [], fitness: 1)]
        for (i, e) in safe.prefix(6).enumerated() {
            let unit = try MutationRegistry.apply([e], to: seed)
            members.append(.init(sha256: Hashing.sha256Hex(CPrinter.print(unit)), edits: [e], fitness: 1 + Double(i) / 10))
        }
        func plan() -> [Offspring] {
            var planner = OffspringPlanner(seedUnit: seed, seedSHA256: sha, crossoverShare: 1)
            var state = SearchState.initial(seed: 11, seedSHA256: sha, scoringSource: "")
            state.population = members
            var known = Set(members.map(\.sha256))
            return planner.plan(count: 8, state: &state, known: &known, tournamentSize: 2)
        }
        let offspring = plan()
        #expect(!offspring.isEmpty)
        for o in offspring {
            let origin = try #require(o.origin, "with a share of 1 every offspring is a crossover")
            #expect(["one_point", "uniform"].contains(origin.crossover))
            #expect(origin.otherParentSHA256 != o.parentSHA256)
            #expect(CPrinter.print(try MutationRegistry.apply(o.edits, to: seed)) == o.source, "the recorded edits rebuild the child")
            #expect(members.contains { $0.sha256 == o.parentSHA256 } && members.contains { $0.sha256 == origin.otherParentSHA256 })
        }
        #expect(offspring.contains { $0.edits.count >= 2 }, "some children combine edits of both parents")
        #expect(plan().map(\.sha256) == offspring.map(\.sha256), "same seed, same children")
    }
}
