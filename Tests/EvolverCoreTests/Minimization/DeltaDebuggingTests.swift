import Testing
@testable import EvolverCore

/// ddmin over positions: what it finds for monotone tests, 1-minimality for any test, each
/// subset asked once, and the same subsets asked in the same order every time (replay rests on it).
struct DeltaDebuggingTests {
    /// Runs ddmin with `test`, returning the result and every subset asked, in order.
    func minimize(_ positions: [Int], _ test: ([Int]) -> Bool) -> (result: [Int], asked: [[Int]]) {
        var asked: [[Int]] = []
        let result = DeltaDebugging.minimize(positions) { subset in
            asked.append(subset)
            return test(subset)
        }
        return (result, asked)
    }

    /// A test that passes exactly when every position of `needed` is kept.
    func needs(_ needed: Set<Int>) -> ([Int]) -> Bool { { needed.isSubset(of: Set($0)) } }

    @Test func monotoneTestsGiveExactlyTheNeededPositions() {
        let all = Array(0..<12)
        let cases: [(String, Set<Int>, [Int])] = [
            ("two apart", [2, 7], [2, 7]),
            ("one", [5], [5]),
            ("first and last", [0, 11], [0, 11]),
            ("all", Set(all), all),
            ("none", [], []),
        ]
        for (name, needed, expected) in cases {
            #expect(minimize(all, needs(needed)).result == expected, "\(name)")
        }
        // Positions need not be contiguous.
        #expect(minimize([3, 10, 11, 40, 41], needs([11, 41])).result == [11, 41])
        #expect(minimize([], needs([])).result == [])
    }

    @Test func theEmptySubsetIsAskedOnlyWhenOnePositionRemains() {
        let none = minimize(Array(0..<12), needs([]))
        #expect(none.result == [])
        #expect(none.asked.last == [], "needing nothing ends with the empty subset asked")
        let one = minimize(Array(0..<12), needs([4]))
        #expect(one.result == [4])
        #expect(one.asked.last == [], "the one remaining position is tried out too")
        let two = minimize(Array(0..<12), needs([4, 9]))
        #expect(!two.asked.contains([]), "with two positions left, no subset is empty")
    }

    @Test func theFullListIsTakenToPassAndNoSubsetIsAskedTwice() {
        for needed: Set<Int> in [[2, 7], [0, 1, 2, 3], Set(0..<12), [], [11]] {
            let asked = minimize(Array(0..<12), needs(needed)).asked
            #expect(Set(asked).count == asked.count, "needs \(needed.sorted()): \(asked)")
            #expect(!asked.contains(Array(0..<12)), "the full list is given as passing")
            #expect(asked.count <= 12 * 12, "ddmin asks at most quadratically many subsets")
        }
    }

    @Test func theSubsetsAskedAreTheSameEveryTime() {
        for seed: UInt64 in [1, 2, 3] {
            let test = Self.arbitraryTest(seed: seed)
            let first = minimize(Array(0..<10), test), second = minimize(Array(0..<10), test)
            #expect(first.asked == second.asked && first.result == second.result, "seed \(seed)")
        }
    }

    @Test func anyTestGivesAPassingOneMinimalSubset() {
        var nonTrivial = 0
        for seed in UInt64(1)...300 {
            let positions = Array(stride(from: 0, to: 2 * Int(seed % 11), by: 2))
            let test = Self.arbitraryTest(seed: seed)
            let (result, asked) = minimize(positions, test)
            let passes: ([Int]) -> Bool = { $0 == positions || test($0) }
            #expect(Set(result).isSubset(of: Set(positions)) && result == result.sorted(), "seed \(seed): \(result)")
            #expect(passes(result), "seed \(seed): \(result) does not pass")
            for removed in result.indices {
                var smaller = result
                smaller.remove(at: removed)
                #expect(!passes(smaller), "seed \(seed): \(result) without \(result[removed]) still passes")
            }
            #expect(asked.allSatisfy { $0 == $0.sorted() && Set($0).isSubset(of: Set(positions)) }, "seed \(seed): subsets are ascending sublists")
            #expect(Set(asked).count == asked.count, "seed \(seed): a subset asked twice")
            if result.count < positions.count { nonTrivial += 1 }
        }
        #expect(nonTrivial > 100, "the arbitrary tests let ddmin remove something often: \(nonTrivial)")
    }

    @Test func aThrowingTestStopsTheMinimization() {
        struct Broken: Error {}
        var asked = 0
        #expect(throws: Broken.self) {
            _ = try DeltaDebugging.minimize(Array(0..<8)) { _ in
                asked += 1
                if asked == 3 { throw Broken() }
                return false
            }
        }
        #expect(asked == 3)
    }

    @Test func splitCutsIntoNearlyEqualContiguousChunks() {
        #expect(DeltaDebugging.split(Array(0..<7), into: 3) == [[0, 1, 2], [3, 4], [5, 6]])
        #expect(DeltaDebugging.split([4, 9], into: 4) == [[4], [9]])
        #expect(DeltaDebugging.split(Array(0..<6), into: 2) == [[0, 1, 2], [3, 4, 5]])
    }

    /// A deterministic, non-monotone test: passes for about half of all subsets (FNV-1a of the subset and seed).
    static func arbitraryTest(seed: UInt64) -> ([Int]) -> Bool {
        { subset in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
            for p in subset + [-1] {
                h ^= UInt64(bitPattern: Int64(p))
                h = h &* 0x100_0000_01B3
            }
            h ^= h >> 29
            return (h &* 0xBF58_476D_1CE4_E5B9) >> 63 == 1
        }
    }
}
