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
    /// Whether arrays may also share a few values across the input (ties between inputs) or lie
    /// in a narrow window of their own (many near-ties, ranges of very different widths).
    public var crossArrayPatterns = false

    /// - Throws: `HarnessFailure` when an int parameter has no `range` (the contract must state it).
    public init(harness: HarnessSpec, maxElements: Int = 1 << 14) throws {
        for p in harness.params where p.kind == .int && p.range == nil {
            throw HarnessFailure("int parameter \(p.name) has no range: random inputs cannot be drawn")
        }
        for p in harness.params where p.kind == .real && p.realRange == nil {
            throw HarnessFailure("real parameter \(p.name) has no range: random inputs cannot be drawn")
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
            var ints = try drawInts(rng: &rng)
            if crossArrayPatterns, rng.below(4) == 0 { ints = sameSizes(ints) }
            var total = 0
            var lengths: [String: Int] = [:]
            for p in harness.params where !p.kind.isScalar {
                guard let n = p.length?.evaluate(ints), n >= 0 else { throw HarnessFailure("length of \(p.name) cannot be computed") }
                lengths[p.name] = Int(n)
                total += Int(n)
            }
            guard total <= maxElements else { continue }
            var args = ints.mapValues { KernelCase.Value.int($0) }
            var shared: [Int64] = []
            var previous: [Int64]?
            var lowBits: (base: Int64, shift: Int64)?
            for p in harness.params where p.kind == .real {
                args[p.name] = .real(Self.drawReal(p.realRange!, type: p.type!, rng: &rng))
            }
            for p in harness.params where p.kind == .input && p.isReal {
                let range = p.realValues ?? -1...1
                let count = lengths[p.name]!
                args[p.name] = .reals(Self.drawReals(count: count, range: range, type: p.type!, rng: &rng))
            }
            for p in harness.params where p.kind == .input && !p.isReal {
                let range = (HarnessSpec.bounds(p.values, ints) ?? nil) ?? p.type!.range
                let count = lengths[p.name]!
                var values: [Int64]
                if crossArrayPatterns, shared.isEmpty { shared = (0..<(1 + rng.below(4))).map { _ in rng.int(in: range) } }
                switch crossArrayPatterns ? rng.below(7) : 0 {
                case 3:
                    let pool = shared.filter(range.contains)
                    values = (0..<count).map { _ in pool.isEmpty ? range.lowerBound : pool[rng.below(pool.count)] }
                case 4:
                    values = Self.narrowWindow(count: count, range: range, rng: &rng)
                case 5:
                    if lowBits == nil { lowBits = (rng.int(in: range), Int64(8 + rng.below(32))) }
                    values = Self.sharedLowBits(count: count, range: range, base: lowBits!.base, shift: lowBits!.shift, rng: &rng)
                case 6 where previous.map { !$0.isEmpty } ?? false:
                    values = Self.nearCopy(of: previous!, count: count, range: range, rng: &rng)
                default:
                    values = drawArray(count: count, range: range, rng: &rng)
                }
                args[p.name] = .array(values)
                previous = values
            }
            let kernelCase = KernelCase(id: id, args: args)
            _ = try kernelCase.bufferLengths(for: harness)
            return kernelCase
        }
        throw HarnessFailure("could not draw an input under \(maxElements) elements")
    }

    /// Every int whose range is the first int's range takes the first int's value (arrays of equal length).
    func sameSizes(_ ints: [String: Int64]) -> [String: Int64] {
        let params = harness.params.filter { $0.kind == .int }
        guard let first = params.first, let value = ints[first.name] else { return ints }
        var result = ints
        for p in params.dropFirst() where p.range == first.range { result[p.name] = value }
        return result
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

    /// Values in a window of the range of a random, log-uniform width (1 to 2^20) at a random place.
    static func narrowWindow(count: Int, range: ClosedRange<Int64>, rng: inout SplitMix64) -> [Int64] {
        let width = min(range.upperBound - range.lowerBound, Int64(1) << Int64(rng.below(21)))
        let start = rng.int(in: range.lowerBound...(range.upperBound - width))
        return (0..<count).map { _ in rng.int(in: start...(start + width)) }
    }

    /// Values that agree with `base` in their low `shift` bits (they differ by multiples of 2^shift),
    /// so only their high bits tell them apart.
    static func sharedLowBits(count: Int, range: ClosedRange<Int64>, base: Int64, shift: Int64, rng: inout SplitMix64) -> [Int64] {
        let mask = (Int64(1) << shift) - 1
        return (0..<count).map { _ in
            let v = (rng.int(in: range) & ~mask) | (base & mask)
            return range.contains(v) ? v : base
        }
    }

    /// A copy of `other` (cycled to `count`), in its order or shuffled, with one element changed:
    /// arrays that are almost the same.
    static func nearCopy(of other: [Int64], count: Int, range: ClosedRange<Int64>, rng: inout SplitMix64) -> [Int64] {
        guard count > 0 else { return [] }
        var values = (0..<count).map { other[$0 % other.count] }
        if rng.below(2) == 0 {
            for i in stride(from: count - 1, to: 0, by: -1) { values.swapAt(i, rng.below(i + 1)) }
        }
        // The element changed: the smallest, the largest or any; by one, to a bound, or to anything.
        let indices = Array(values.indices)
        let i = [indices.min { values[$0] < values[$1] }!, indices.max { values[$0] < values[$1] }!, rng.below(count)][rng.below(3)]
        let v = values[i]
        switch rng.below(3) {
        case 0: values[i] = v > range.lowerBound ? v - 1 : v + 1
        case 1: values[i] = v == range.lowerBound ? range.upperBound : range.lowerBound
        default: values[i] = rng.int(in: range)
        }
        return values
    }

    /// A real in `range`, weighted to its bounds and to zero, rounded to the element type.
    static func drawReal(_ range: ClosedRange<Double>, type: ElementType, rng: inout SplitMix64) -> Double {
        let v: Double = switch rng.below(10) {
        case 0: range.lowerBound
        case 1: range.upperBound
        case 2 where range.contains(0): 0
        default: range.lowerBound + (range.upperBound - range.lowerBound) * rng.unit()
        }
        return type == .f32 ? Double(Float(v)) : v
    }

    /// Reals in `range`: uniform, a few distinct values (ties), or heavy on the bounds and zero.
    static func drawReals(count: Int, range: ClosedRange<Double>, type: ElementType, rng: inout SplitMix64) -> [Double] {
        func uniform() -> Double {
            let v = range.lowerBound + (range.upperBound - range.lowerBound) * rng.unit()
            return type == .f32 ? Double(Float(v)) : v
        }
        switch rng.below(3) {
        case 0:
            let pool = (0..<(1 + rng.below(3))).map { _ in uniform() }
            return (0..<count).map { _ in pool[rng.below(pool.count)] }
        case 1:
            return (0..<count).map { _ in drawReal(range, type: type, rng: &rng) }
        default:
            return (0..<count).map { _ in uniform() }
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
