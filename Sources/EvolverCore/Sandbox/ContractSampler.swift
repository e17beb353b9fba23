import Foundation

/// Draws random inputs across a kernel contract's whole range, as `harness.json` states it
/// (int `range`s, element `values`, buffer lengths), for differential testing against the seed.
///
/// Each int is drawn with extra weight on its bounds and on small values (edges find bugs);
/// each array is either uniform over its value range, tie-heavy (a few distinct values) or
/// edge-heavy. Draws whose buffers would exceed `maxElements` in total are redrawn, so the
/// inputs stay cheap to run while still reaching every bound.
public struct ContractSampler: Sendable {
    public let harness: HarnessSpec
    /// Cap on the total element count of all buffers of one input.
    public let maxElements: Int

    /// - Throws: `HarnessFailure` when an int parameter has no `range` (the contract must state it).
    public init(harness: HarnessSpec, maxElements: Int = 1 << 14) throws {
        for p in harness.params where p.kind == .int && p.range == nil {
            throw HarnessFailure("int parameter \(p.name) has no range: random inputs cannot be drawn")
        }
        self.harness = harness
        self.maxElements = maxElements
    }

    /// `count` random inputs, each valid for the harness.
    public func sample(count: Int, rng: inout SplitMix64) throws -> [KernelCase] {
        try (0..<count).map { try sampleOne(id: "random-\($0)", rng: &rng) }
    }

    func sampleOne(id: String, rng: inout SplitMix64) throws -> KernelCase {
        for _ in 0..<200 {
            let ints = try drawInts(rng: &rng)
            var total = 0
            var lengths: [String: Int] = [:]
            for p in harness.params where p.kind != .int {
                guard let n = p.length?.evaluate(ints), n >= 0 else { throw HarnessFailure("length of \(p.name) cannot be computed") }
                lengths[p.name] = Int(n)
                total += Int(n)
            }
            guard total <= maxElements else { continue }
            var args = ints.mapValues { KernelCase.Value.int($0) }
            for p in harness.params where p.kind == .input {
                let range = (HarnessSpec.bounds(p.values, ints) ?? nil) ?? p.type!.range
                args[p.name] = .array(drawArray(count: lengths[p.name]!, range: range, rng: &rng))
            }
            let kernelCase = KernelCase(id: id, args: args)
            _ = try kernelCase.bufferLengths(for: harness)
            return kernelCase
        }
        throw HarnessFailure("could not draw an input under \(maxElements) elements")
    }

    /// Ints in dependency order: a bound may name ints drawn before it.
    func drawInts(rng: inout SplitMix64) throws -> [String: Int64] {
        var values: [String: Int64] = [:]
        var pending = harness.params.filter { $0.kind == .int }
        while !pending.isEmpty {
            let before = pending.count
            for p in pending {
                guard let bounds = HarnessSpec.bounds(p.range, values), let range = bounds else { continue }
                values[p.name] = drawInt(range, rng: &rng)
                pending.removeAll { $0.name == p.name }
            }
            if pending.count == before { throw HarnessFailure("int ranges depend on each other in a cycle") }
        }
        return values
    }

    func drawInt(_ range: ClosedRange<Int64>, rng: inout SplitMix64) -> Int64 {
        let lo = range.lowerBound, hi = range.upperBound
        switch rng.below(10) {
        case 0: return lo
        case 1: return hi
        case 2, 3, 4: return rng.int(in: lo...(hi - lo > 8 ? lo + 8 : hi))
        case 5, 6: return rng.int(in: lo...(hi - lo > 64 ? lo + 64 : hi))
        default: return rng.int(in: range)
        }
    }

    func drawArray(count: Int, range: ClosedRange<Int64>, rng: inout SplitMix64) -> [Int64] {
        switch rng.below(3) {
        case 0:
            let pool = (0..<(1 + rng.below(3))).map { _ in rng.int(in: range) }
            return (0..<count).map { _ in pool[rng.below(pool.count)] }
        case 1:
            return (0..<count).map { _ in
                switch rng.below(4) {
                case 0: range.lowerBound
                case 1: range.upperBound
                default: rng.int(in: range)
                }
            }
        default:
            return (0..<count).map { _ in rng.int(in: range) }
        }
    }
}
