import Foundation

/// Inputs at the corners of a kernel contract, as `harness.json` states it: every combination of
/// each int parameter at its bounds and next to them (sizes 0, 1, 2 and the largest two, so both
/// parities and the most skewed shapes), filled with extreme value patterns: all equal at the top
/// of the range, near the top, a few values shared by every array (ties across inputs), runs
/// ascending and descending, a narrow window of each array's own, values agreeing in their low
/// bits, an array that is a near copy of the one before, uniform. Combinations up to
/// `cheapElements` get every pattern, and the largest every one of `largestPatterns`; the other
/// costly ones are left to `largeCases`.
///
/// Unlike `ContractSampler` there is no element cap: corners include the contract's largest inputs.
public struct ContractCorners: Sendable {
    public let harness: HarnessSpec

    /// Combinations whose buffers hold at most this many elements in all get every pattern.
    public var cheapElements = 1 << 16

    public init(harness: HarnessSpec) {
        self.harness = harness
    }

    /// The value patterns, in rotation order.
    enum Pattern: CaseIterable {
        case topTies, nearTop, sharedTies, ascending, descending, narrowWindow, windowsRising, windowsFalling, sharedLowBits, nearCopy, uniform
    }

    /// What the largest combination (the costliest inputs of all) is filled with.
    static let largestPatterns: [Pattern] = [.uniform, .windowsRising, .windowsFalling]

    /// The corner inputs; array values are drawn from `rng` where a pattern is random.
    /// - Throws: `HarnessFailure` when a bound cannot be computed.
    public func cases(rng: inout SplitMix64) throws -> [KernelCase] {
        let ints = harness.params.filter { $0.kind == .int }
        var combos: [[String: Int64]] = [[:]]
        for p in ints {
            combos = try combos.flatMap { partial -> [[String: Int64]] in
                guard let bounds = HarnessSpec.bounds(p.range, partial), let range = bounds else {
                    throw HarnessFailure("int parameter \(p.name) has no computable range: corner inputs cannot be built")
                }
                let lo = range.lowerBound, hi = range.upperBound
                let values = Set([lo, min(lo + 1, hi), min(lo + 2, hi), max(hi - 1, lo), hi]).sorted()
                return values.map { partial.merging([p.name: $0]) { $1 } }
            }
        }
        var result: [KernelCase] = []
        for (k, combo) in combos.enumerated() {
            var elements = 0
            for p in harness.params where p.kind != .int {
                guard let n = p.length?.evaluate(combo), n >= 0 else { throw HarnessFailure("length of \(p.name) cannot be computed") }
                elements += Int(n)
            }
            // The costly shapes next to the largest are left to `largeCases`, which draws sizes of every parity there.
            let patterns = k == combos.count - 1 ? Self.largestPatterns : elements <= cheapElements ? Pattern.allCases : []
            for pattern in patterns {
                result.append(try build(combo, pattern, id: "corner-\(result.count)", rng: &rng))
            }
        }
        return result
    }

    /// `count` large inputs: every int drawn in the second quarter from the top of its range
    /// (half to three quarters of its bound), filled with the costly shapes' patterns in rotation,
    /// two of every three with one array in a window above the other's (dense, ordered differences).
    public func largeCases(count: Int, rng: inout SplitMix64) throws -> [KernelCase] {
        let rotation: [Pattern] = [.windowsRising, .uniform, .windowsRising, .sharedTies, .windowsFalling, .windowsRising]
        return try (0..<count).map { k in
            var ints: [String: Int64] = [:]
            for p in harness.params where p.kind == .int {
                guard let bounds = HarnessSpec.bounds(p.range, ints), let range = bounds else {
                    throw HarnessFailure("int parameter \(p.name) has no computable range: large inputs cannot be built")
                }
                let span = range.upperBound - range.lowerBound
                ints[p.name] = rng.int(in: (range.lowerBound + span / 2)...(range.lowerBound + span * 3 / 4))
            }
            return try build(ints, rotation[k % rotation.count], id: "large-\(k)", rng: &rng)
        }
    }

    /// One input: the ints as given, every input array filled with `pattern`.
    func build(_ combo: [String: Int64], _ pattern: Pattern, id: String, rng: inout SplitMix64) throws -> KernelCase {
        var args = combo.mapValues { KernelCase.Value.int($0) }
        var shared: [Int64] = []
        var previous: [Int64] = []
        let shift = Int64(8 + rng.below(32))
        for p in harness.params where p.kind == .input {
            guard let n = p.length?.evaluate(combo), n >= 0 else { throw HarnessFailure("length of \(p.name) cannot be computed") }
            let range = (HarnessSpec.bounds(p.values, combo) ?? nil) ?? p.type!.range
            if shared.isEmpty { shared = [range.upperBound, range.lowerBound, rng.int(in: range), rng.int(in: range)] }
            let values: [Int64]
            switch pattern {
            case .sharedLowBits:
                values = ContractSampler.sharedLowBits(count: Int(n), range: range, base: shared[2], shift: shift, rng: &rng)
            case .nearCopy where !previous.isEmpty:
                values = ContractSampler.nearCopy(of: previous, count: Int(n), range: range, rng: &rng)
            case .windowsRising, .windowsFalling:
                values = window(Int(n), range: range, beside: previous, above: pattern == .windowsRising, rng: &rng)
            default:
                values = fill(Int(n), range: range, pattern, shared: shared, rng: &rng)
            }
            args[p.name] = .array(values)
            previous = values
        }
        return KernelCase(id: id, args: args)
    }

    /// A narrow window (width 2^10 to 2^20) just above (or below) the values before it, so the
    /// arrays are ordered one way or the other and their differences are dense.
    func window(_ count: Int, range: ClosedRange<Int64>, beside previous: [Int64], above: Bool, rng: inout SplitMix64) -> [Int64] {
        let width = min(range.upperBound - range.lowerBound, Int64(1) << Int64(10 + rng.below(11)))
        let mid = range.lowerBound + (range.upperBound - range.lowerBound) / 2
        var start = above ? (previous.max() ?? mid - width) + 1 - width / 2 : (previous.min() ?? mid) - width / 2
        start = min(max(start, range.lowerBound), range.upperBound - width)
        return (0..<count).map { _ in rng.int(in: start...(start + width)) }
    }

    func fill(_ count: Int, range: ClosedRange<Int64>, _ pattern: Pattern, shared: [Int64], rng: inout SplitMix64) -> [Int64] {
        let lo = range.lowerBound, hi = range.upperBound
        let near = max(lo, hi - 1024)
        switch pattern {
        case .topTies:
            return Array(repeating: hi, count: count)
        case .nearTop:
            return (0..<count).map { _ in rng.int(in: near...hi) }
        case .sharedTies:
            let pool = shared.filter(range.contains)
            return (0..<count).map { _ in pool.isEmpty ? lo : pool[rng.below(pool.count)] }
        case .ascending:
            return (0..<count).map { i in min(hi, near + Int64(i)) }
        case .descending:
            return (0..<count).map { i in max(lo, hi - Int64(i)) }
        case .narrowWindow, .sharedLowBits, .nearCopy, .windowsRising, .windowsFalling:
            return ContractSampler.narrowWindow(count: count, range: range, rng: &rng)
        case .uniform:
            return (0..<count).map { _ in rng.int(in: range) }
        }
    }
}
