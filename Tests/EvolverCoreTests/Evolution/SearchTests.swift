import Foundation
import KernelMutation
import KernelSyntax
import Testing
@testable import EvolverCore

struct SearchTests {
    func member(_ sha: String, _ fitness: Double) -> SearchState.Member { .init(sha256: sha, edits: [], fitness: fitness) }

    @Test func tournamentFavoursTheFitAndIsDeterministic() {
        let members = (0..<10).map { member("h\($0)", Double($0)) }
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        let picksA = (0..<500).map { _ in Population.tournament(members, size: 3, rng: &a).sha256 }
        let picksB = (0..<500).map { _ in Population.tournament(members, size: 3, rng: &b).sha256 }
        #expect(picksA == picksB)
        let best = picksA.filter { $0 == "h9" }.count, worst = picksA.filter { $0 == "h0" }.count
        #expect(best > worst * 5)
    }

    @Test func survivorsKeepTheIncumbentAndTheFittest() {
        let incumbent = member("inc", 0.5)
        let kept = Population.survivors([member("a", 1.2), incumbent], newcomers: [member("b", 1.5), member("c", 0.9), member("a", 1.2)], incumbent: incumbent, size: 3)
        #expect(kept.map(\.sha256) == ["inc", "b", "a"])
    }

    @Test func plannerIsDeterministicAndNeverRepeatsASource() throws {
        let sandbox = try Fixtures.score()
        let unit = try CParser.parse(sandbox.seedSource)
        let seedSHA = Hashing.sha256Hex(CPrinter.print(unit))
        func plan(_ seed: UInt64) -> [String] {
            var planner = OffspringPlanner(seedUnit: unit, seedSHA256: seedSHA)
            var state = SearchState.initial(seed: seed, seedSHA256: seedSHA, scoringSource: sandbox.seedSource)
            var known: Set<String> = [seedSHA]
            let offspring = planner.plan(count: 12, state: &state, known: &known, tournamentSize: 3)
            return offspring.map(\.sha256)
        }
        let a = plan(42), b = plan(42), c = plan(43)
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == a.count && !a.contains(seedSHA))
    }

    @Test func offspringAreReproducibleFromTheSeedAndTheirEdits() throws {
        let sandbox = try Fixtures.score()
        let unit = try CParser.parse(sandbox.seedSource)
        let seedSHA = Hashing.sha256Hex(CPrinter.print(unit))
        var planner = OffspringPlanner(seedUnit: unit, seedSHA256: seedSHA)
        var state = SearchState.initial(seed: 7, seedSHA256: seedSHA, scoringSource: sandbox.seedSource)
        var known: Set<String> = [seedSHA]
        for o in planner.plan(count: 10, state: &state, known: &known, tournamentSize: 3) {
            let rebuilt = try MutationRegistry.apply(o.edits, to: unit)
            #expect(Hashing.sha256Hex(CPrinter.print(rebuilt)) == o.sha256)
            #expect(try CParser.parse(o.source) == o.unit)
        }
    }

    @Test func searchStateRoundTripsThroughJSON() throws {
        var state = SearchState.initial(seed: 3, seedSHA256: "abc", scoringSource: "int score(void);")
        _ = state.rng.next()
        state.population.append(.init(sha256: "def", edits: [Edit(op: "loop-unroll", site: [3, 0, 13], params: ["factor": 4])], fitness: 1.25))
        let decoded = try JSONDecoder().decode(SearchState.self, from: try JSONEncoder().encode(state))
        #expect(decoded == state)
    }
}
