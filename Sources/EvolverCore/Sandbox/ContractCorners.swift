import Foundation

/// Inputs at the corners of a kernel contract, as `harness.json` states it: every combination of
/// each int parameter at its bounds and next to them (sizes 0, 1, 2 and the largest two, so both
/// parities and the most skewed shapes), each filled with one of a rotation of extreme value
/// patterns (all equal at the top of the range, near the top, a few tied values, runs ascending
/// and descending, uniform). The largest combination gets every pattern.
///
/// Unlike `ContractSampler` there is no element cap: corners include the contract's largest inputs.
public struct ContractCorners: Sendable {
    public let harness: HarnessSpec

    public init(harness: HarnessSpec) {
        self.harness = harness
    }

    /// The value patterns, in rotation order.
    enum Pattern: CaseIterable {
        case topTies, nearTop, fewValues, ascending, descending, uniform
    }

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
            let largest = k == combos.count - 1
            let patterns = largest ? Pattern.allCases : [Pattern.allCases[k % Pattern.allCases.count]]
            for pattern in patterns {
                var args = combo.mapValues { KernelCase.Value.int($0) }
                for p in harness.params where p.kind == .input {
                    guard let n = p.length?.evaluate(combo), n >= 0 else { throw HarnessFailure("length of \(p.name) cannot be computed") }
                    let range = (HarnessSpec.bounds(p.values, combo) ?? nil) ?? p.type!.range
                    args[p.name] = .array(fill(Int(n), range: range, pattern, rng: &rng))
                }
                result.append(KernelCase(id: "corner-\(result.count)", args: args))
            }
        }
        return result
    }

    func fill(_ count: Int, range: ClosedRange<Int64>, _ pattern: Pattern, rng: inout SplitMix64) -> [Int64] {
        let lo = range.lowerBound, hi = range.upperBound
        let near = max(lo, hi - 1024)
        switch pattern {
        case .topTies:
            return Array(repeating: hi, count: count)
        case .nearTop:
            return (0..<count).map { _ in rng.int(in: near...hi) }
        case .fewValues:
            let pool = [hi, near, lo, rng.int(in: range)]
            return (0..<count).map { _ in pool[rng.below(pool.count)] }
        case .ascending:
            return (0..<count).map { i in min(hi, near + Int64(i)) }
        case .descending:
            return (0..<count).map { i in max(lo, hi - Int64(i)) }
        case .uniform:
            return (0..<count).map { _ in rng.int(in: range) }
        }
    }
}
