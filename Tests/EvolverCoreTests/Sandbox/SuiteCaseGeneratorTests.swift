import Foundation
import Testing
@testable import EvolverCore

/// `sandbox cases`: edges first (empty, length 1, maximal; all equal low and high, alternating,
/// sorted, reversed, uniform), then random cases, every one valid for the harness.
struct SuiteCaseGeneratorTests {
    @Test func edgesOfTheScoreContract() throws {
        let harness = try Fixtures.score().harness
        let cases = try SuiteCaseGenerator(harness: harness).cases(random: 20, seed: 1)
        let ids = Set(cases.map(\.id))
        for id in ["gen-empty-low", "gen-one-low", "gen-one-high", "gen-max-low", "gen-max-high", "gen-max-extremes", "gen-max-ascending", "gen-max-descending", "gen-random-0"] {
            #expect(ids.contains(id), "\(id)")
        }
        for c in cases { _ = try c.bufferLengths(for: harness) }
        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        #expect(byID["gen-empty-low"]!.args["n"] == .int(0) && byID["gen-empty-low"]!.args["m"] == .int(0))
        #expect(byID["gen-one-high"]!.args["a"] == .array([1_099_511_627_775]))
        #expect(byID["gen-max-low"]!.args["n"] == .int(1024))
        guard case .array(let up)? = byID["gen-max-ascending"]!.args["a"], case .array(let down)? = byID["gen-max-descending"]!.args["a"] else {
            Issue.record("no arrays")
            return
        }
        #expect(up == up.sorted() && down == up.reversed() && up.first == 0)
        #expect(cases.filter { $0.id.hasPrefix("gen-random-") }.count == 20)
    }

    @Test func dependentRangesAndFloatingPointParameters() throws {
        let sw = try SuiteCaseGenerator(harness: try Fixtures.smithWaterman().harness).cases(random: 10, seed: 2)
        for c in sw { _ = try c.bufferLengths(for: try Fixtures.smithWaterman().harness) }
        let heat = try Fixtures.catalog.load("heat").harness
        let cases = try SuiteCaseGenerator(harness: heat).cases(random: 10, seed: 3)
        for c in cases { _ = try c.bufferLengths(for: heat) }
        let high = try #require(cases.first { $0.id == "gen-max-high" })
        #expect(high.args["alpha"] == .real(0.25) && high.args["grid"]?.realElements?.allSatisfy { $0 == 100 } == true)
    }

    @Test func theSameSeedGivesTheSameCases() throws {
        let harness = try Fixtures.smithWaterman().harness
        #expect(try SuiteCaseGenerator(harness: harness).cases(random: 5, seed: 8) == SuiteCaseGenerator(harness: harness).cases(random: 5, seed: 8))
    }
}
