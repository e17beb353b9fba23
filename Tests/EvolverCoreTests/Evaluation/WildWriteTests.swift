import Testing
@testable import EvolverCore

/// Writes far outside a call's own buffers, into memory laid out for other calls, are caught:
/// before a call its memory must be untouched, and after the last call every earlier call's bands
/// and outputs must be as it left them.
@Suite(.serialized)
struct WildWriteTests {
    /// The seed with one extra statement before its final `return 0;`.
    static func seed(plus statement: String) throws -> String {
        let seed = try Fixtures.score().seedSource
        let end = try #require(seed.range(of: "return 0;", options: .backwards))
        return seed.replacingCharacters(in: end, with: statement + "\n    return 0;")
    }

    @Test func farWriteIntoLaterCallsMemoryIsAMemoryViolation() throws {
        let sandbox = try Fixtures.score()
        var rng = SplitMix64(seed: 1)
        let outcome = try Fixtures.evaluator(sandbox).validate(try Self.seed(plus: "out[(1 << 17) + 3] = 42;"), rng: &rng)
        #expect(outcome.verdict == .memoryViolation)
        #expect(outcome.detail.contains("outside its buffers"), "\(outcome.detail)")
    }

    /// Writes below a late call's scratch land in earlier calls' memory (checked after the last
    /// call, scratch included) or on a guard page; either way a memory violation. (Below `out`
    /// lies the call's own scratch, which is its to write.)
    @Test(arguments: ["if (n == 1024 && m == 1024) scratch[-(1 << 15) - 1] = 7;", "if (n == 1024 && m == 1024) scratch[-(1 << 20)] = 1;",
                      "if (n == 1024 && m == 1024) scratch[-(1 << 10) - 5] = 3;"])
    func farWriteIntoEarlierCallsMemoryIsAMemoryViolation(_ statement: String) throws {
        let sandbox = try Fixtures.score()
        var rng = SplitMix64(seed: 1)
        let outcome = try Fixtures.evaluator(sandbox).validate(try Self.seed(plus: statement), rng: &rng)
        #expect(outcome.verdict == .memoryViolation, "\(outcome.detail)")
    }

    @Test func aCorrectKernelLeavesEveryOtherCallsMemoryAlone() throws {
        let sandbox = try Fixtures.score()
        var rng = SplitMix64(seed: 1)
        let outcome = try Fixtures.evaluator(sandbox).validate(try Self.seed(plus: ""), rng: &rng)
        #expect(outcome.verdict == .passed)
    }
}
