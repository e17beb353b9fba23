import Foundation

/// Generates validation cases from a harness's declared ranges: edges first — every buffer empty,
/// of length 1 and maximal, each filled all-equal at the minimum and at the maximum, alternating
/// minimum and maximum, sorted, reversed and uniform — then random cases across the contract.
/// The user adds domain cases by hand; generated ones are named `gen-…`.
public struct SuiteCaseGenerator: Sendable {
    public let harness: HarnessSpec
    /// Cap on the elements of all buffers of one case (a maximal case shrinks its largest ints to fit).
    public var maxElements = 1 << 22

    public init(harness: HarnessSpec) { self.harness = harness }

    /// Prefix of every generated case's id.
    public static let prefix = "gen-"

    enum Size: String, CaseIterable { case empty, one, max }
    enum Fill: String, CaseIterable { case low, high, extremes, ascending, descending, uniform }

    /// The edge cases, then `random` random ones drawn from `seed`.
    /// - Throws: `HarnessFailure` when a range is missing or cannot be computed.
    public func cases(random: Int, seed: UInt64) throws -> [KernelCase] {
        var rng = SplitMix64(seed: seed)
        var result: [KernelCase] = []
        var seen = Set<String>()
        for size in Size.allCases {
            guard let ints = try edgeInts(size) else { continue }
            for fill in Fill.allCases {
                let c = try build(ints: ints, fill: fill, id: "\(Self.prefix)\(size.rawValue)-\(fill.rawValue)", rng: &rng)
                // Equal inputs (e.g. every empty fill) are kept once.
                let key = try String(decoding: JSONEncoder().encode(c.args.sorted { $0.key < $1.key }.map { [$0.key: $0.value] }), as: UTF8.self)
                if seen.insert(key).inserted { result.append(c) }
            }
        }
        let sampler = try ContractSampler(harness: harness, maxElements: min(maxElements, 1 << 16))
        for i in 0..<random {
            var c = try sampler.sampleOne(id: "\(Self.prefix)random-\(i)", rng: &rng)
            c.id = "\(Self.prefix)random-\(i)"
            result.append(c)
        }
        return result
    }

    /// Ints at the edge `size` (in dependency order; a maximal case lowered until its buffers fit).
    func edgeInts(_ size: Size) throws -> [String: Int64]? {
        for shrink in 0..<64 {
            var values: [String: Int64] = [:]
            var pending = harness.params.filter { $0.kind == .int }
            while !pending.isEmpty {
                let before = pending.count
                for p in pending {
                    guard let bounds = HarnessSpec.bounds(p.range, values) else { continue }
                    guard let range = bounds else { throw HarnessFailure("int parameter \(p.name) has no range: cases cannot be generated") }
                    let lo = range.lowerBound, hi = range.upperBound
                    values[p.name] = switch size {
                    case .empty: lo
                    case .one: min(hi, max(lo, 1))
                    case .max: max(lo, hi - (hi - lo) * Int64(shrink) / 64)
                    }
                    pending.removeAll { $0.name == p.name }
                }
                if pending.count == before { throw HarnessFailure("int ranges depend on each other in a cycle") }
            }
            let total = try harness.params.filter { !$0.kind.isScalar }.reduce(0) { sum, p in
                guard let n = p.length?.evaluate(values), n >= 0 else { throw HarnessFailure("length of \(p.name) cannot be computed") }
                return sum + Int(n)
            }
            if total <= maxElements { return values }
            if size != .max { return nil }
        }
        return nil
    }

    func build(ints: [String: Int64], fill: Fill, id: String, rng: inout SplitMix64) throws -> KernelCase {
        var args = ints.mapValues { KernelCase.Value.int($0) }
        for p in harness.params where p.kind == .real {
            let r = p.realRange ?? -1...1
            let v: Double = switch fill {
            case .low: r.lowerBound
            case .high: r.upperBound
            case .extremes, .ascending: r.contains(0) ? 0 : r.lowerBound
            default: r.lowerBound + (r.upperBound - r.lowerBound) * rng.unit()
            }
            args[p.name] = .real(p.type == .f32 ? Double(Float(v)) : v)
        }
        for p in harness.params where p.kind == .input {
            guard let n = p.length?.evaluate(ints) else { throw HarnessFailure("length of \(p.name) cannot be computed") }
            let count = Int(n)
            if p.isReal {
                let r = p.realValues ?? -1...1
                let span = r.upperBound - r.lowerBound
                func at(_ t: Double) -> Double { let v = r.lowerBound + span * t; return p.type == .f32 ? Double(Float(v)) : v }
                let values: [Double] = (0..<count).map { i in
                    let t = count > 1 ? Double(i) / Double(count - 1) : 0
                    return switch fill {
                    case .low: r.lowerBound
                    case .high: r.upperBound
                    case .extremes: i % 2 == 0 ? r.lowerBound : r.upperBound
                    case .ascending: at(t)
                    case .descending: at(1 - t)
                    case .uniform: at(rng.unit())
                    }
                }
                args[p.name] = .reals(values)
            } else {
                let r = (HarnessSpec.bounds(p.values, ints) ?? nil) ?? p.type!.range
                let lo = r.lowerBound, hi = r.upperBound
                let values: [Int64] = (0..<count).map { i in
                    switch fill {
                    case .low: return lo
                    case .high: return hi
                    case .extremes: return i % 2 == 0 ? lo : hi
                    case .ascending, .descending:
                        let k = fill == .ascending ? i : count - 1 - i
                        let span = hi.subtractingReportingOverflow(lo)
                        let step = span.overflow || count <= 1 ? Int64(1) : max(1, span.partialValue / Int64(count - 1))
                        let (v, o) = lo.addingReportingOverflow(step.multipliedReportingOverflow(by: Int64(k)).partialValue)
                        return o || v > hi ? hi : v
                    case .uniform: return rng.int(in: r)
                    }
                }
                args[p.name] = .array(values)
            }
        }
        let c = KernelCase(id: id, args: args)
        _ = try c.bufferLengths(for: harness)
        return c
    }
}
