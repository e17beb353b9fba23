import Testing
@testable import EvolverCore

struct SplitMix64Tests {
    @Test func sameSeedSameStream() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func knownFirstValue() {
        // Reference value of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func boundedIntsStayInRangeAndCoverIt() {
        var g = SplitMix64(seed: 7)
        var seen = Set<Int64>()
        for _ in 0..<2000 {
            let v: Int64 = g.int(in: -3...3)
            #expect((Int64(-3)...3).contains(v))
            seen.insert(v)
        }
        #expect(seen.count == 7)
        #expect(g.int(in: Int64.min...Int64.max) != g.int(in: Int64.min...Int64.max))
    }

    @Test func unitIsInHalfOpenInterval() {
        var g = SplitMix64(seed: 9)
        for _ in 0..<1000 {
            let u = g.unit()
            #expect(u >= 0 && u < 1)
        }
    }

    @Test func shuffleIsAPermutationAndDeterministic() {
        var g1 = SplitMix64(seed: 3), g2 = SplitMix64(seed: 3)
        var a = Array(0..<50), b = Array(0..<50)
        g1.shuffle(&a)
        g2.shuffle(&b)
        #expect(a == b)
        #expect(a.sorted() == Array(0..<50))
        #expect(a != Array(0..<50))
    }
}
