import Foundation

/// Generates the cases of a workload deterministically from a seed.
public enum WorkloadGenerator {
    /// `passes` passes of the workload in a row (each: every class's cases, class by class), drawn
    /// from one generator and validated against the harness. Every pass after the first keeps the
    /// first pass's array lengths (so each pass is the same amount of work, and windows of
    /// different passes time comparable work) and draws fresh values and ints.
    /// - Throws: `HarnessFailure` when a generator is inconsistent with the harness.
    public static func generate(_ classes: [WorkloadClass], passes: Int = 1, seed: UInt64, harness: HarnessSpec) throws -> [KernelCase] {
        var rng = SplitMix64(seed: seed)
        var cases: [KernelCase] = []
        for pass in 0..<passes {
            var position = 0
            for cls in classes {
                for index in 0..<cls.count {
                    let id = passes == 1 ? "\(cls.name)-\(index)" : "\(cls.name)-\(index)@\(pass)"
                    let shape = pass == 0 ? nil : cases[position]
                    position += 1
                    let kernelCase = try generateCase(cls, id: id, harness: harness, shape: shape, rng: &rng)
                    _ = try kernelCase.bufferLengths(for: harness)
                    cases.append(kernelCase)
                }
            }
        }
        return cases
    }

    /// One case; with a `shape`, its generated arrays take the shape's lengths.
    static func generateCase(_ cls: WorkloadClass, id: String, harness: HarnessSpec, shape: KernelCase? = nil, rng: inout SplitMix64) throws -> KernelCase {
        var values: [String: KernelCase.Value] = [:]
        let needed = harness.params.filter { $0.kind == .int || $0.kind == .input }.map(\.name)
        for name in needed where cls.args[name] == nil {
            throw HarnessFailure("workload class \(cls.name) has no generator for \(name)")
        }
        var pending = needed
        while !pending.isEmpty {
            let before = pending.count
            for name in pending {
                let gen = cls.args[name]!
                if let dep = gen.dependency, values[dep] == nil { continue }
                var length: Int?
                if case .array(let a)? = shape?.args[name] { length = a.count }
                values[name] = try generate(gen, values: values, length: length, rng: &rng)
                pending.removeAll { $0 == name }
            }
            if pending.count == before { throw HarnessFailure("workload class \(cls.name): generators depend on each other in a cycle") }
        }
        return KernelCase(id: id, args: values)
    }

    static func generate(_ gen: ValueGenerator, values: [String: KernelCase.Value], length: Int? = nil, rng: inout SplitMix64) throws -> KernelCase.Value {
        switch gen {
        case .constInt(let v): return .int(v)
        case .constArray(let a): return .array(a)
        case .uniformInt(let lo, let hi): return .int(rng.int(in: lo...hi))
        case .lengthOf(let name):
            guard case .array(let a)? = values[name] else { throw HarnessFailure("length_of \(name): not an array") }
            return .int(Int64(a.count))
        case .uniformArray(let lengths, let range):
            let n = length ?? rng.int(in: lengths)
            return .array((0..<n).map { _ in rng.int(in: range) })
        case .noisyArray(let lengths, let center, let spread):
            let n = length ?? rng.int(in: lengths)
            return .array((0..<n).map { _ in
                // Sum of three uniforms: a cheap bell shape; 2% outliers up to 50% slower.
                let bell = (0..<3).reduce(0.0) { s, _ in s + (2 * rng.unit() - 1) } / 3
                var v = center * (1 + spread * bell)
                if rng.unit() < 0.02 { v *= 1 + 0.5 * rng.unit() }
                return max(0, Int64(v.rounded()))
            })
        case .mutate(let of, let rate, let range):
            guard case .array(let source)? = values[of] else { throw HarnessFailure("mutate of \(of): not an array") }
            var out: [Int64] = []
            out.reserveCapacity(source.count + source.count / 8)
            for v in source {
                guard rng.unit() < rate else { out.append(v); continue }
                switch rng.below(4) {
                case 0: continue // deletion
                case 1: out.append(v); out.append(rng.int(in: range)) // insertion
                default: out.append(rng.int(in: range)) // substitution
                }
            }
            return .array(out)
        }
    }
}
