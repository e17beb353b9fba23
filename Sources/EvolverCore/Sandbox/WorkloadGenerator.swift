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
    /// Checks a class against the harness: a generator for every scalar and input, none for
    /// anything else, and every generator naming an array that exists.
    /// - Throws: `HarnessFailure` saying what is wrong.
    public static func validate(_ cls: WorkloadClass, harness: HarnessSpec) throws {
        let byName = Dictionary(uniqueKeysWithValues: harness.params.map { ($0.name, $0) })
        let all = harness.params.map(\.name).joined(separator: ", ")
        for name in cls.args.keys.sorted() {
            guard let p = byName[name] else { throw HarnessFailure("workload class \(cls.name) has a generator for `\(name)`, which is not a parameter (parameters: \(all))") }
            guard p.kind.isFromCase else { throw HarnessFailure("workload class \(cls.name) has a generator for `\(name)`, an \(p.kind.rawValue) buffer: generators are for ints, reals and inputs") }
            let gen = cls.args[name]!
            if p.kind == .input, !gen.makesArray { throw HarnessFailure("workload class \(cls.name): `\(name)` is an input buffer, its generator must make an array (array, mutate or const [..])") }
            if p.kind.isScalar, gen.makesArray { throw HarnessFailure("workload class \(cls.name): `\(name)` is a scalar, its generator must make a number (const, int or length_of)") }
            if case .uniformRealArray = gen, !p.isReal { throw HarnessFailure("workload class \(cls.name): `\(name)` holds \(p.type?.rawValue ?? "integers"), its values must be integers") }
            if case .uniformReal = gen, p.kind != .real { throw HarnessFailure("workload class \(cls.name): `\(name)` is \(p.kind.rawValue), a real generator is for real parameters") }
            if case .constReal = gen, p.kind != .real { throw HarnessFailure("workload class \(cls.name): `\(name)` is \(p.kind.rawValue), its const must be an integer") }
            let lengthNames: Set<String> = switch gen {
            case .uniformArray(.expression(let e), _), .uniformRealArray(.expression(let e), _), .noisyArray(.expression(let e), _, _), .zipfArray(.expression(let e), _, _): e.names
            default: []
            }
            for dep in gen.dependencies.sorted() {
                guard let d = byName[dep] else { throw HarnessFailure("workload class \(cls.name): the generator of `\(name)` names `\(dep)`, which is not a parameter (parameters: \(all))") }
                if lengthNames.contains(dep) {
                    guard d.kind == .int else { throw HarnessFailure("workload class \(cls.name): the length of `\(name)` names `\(dep)`, which is not an int parameter") }
                } else {
                    guard d.kind == .input else { throw HarnessFailure("workload class \(cls.name): the generator of `\(name)` names `\(dep)`, which is not an input array") }
                }
            }
        }
        for p in harness.params where p.kind.isFromCase && cls.args[p.name] == nil {
            throw HarnessFailure("workload class \(cls.name) has no generator for `\(p.name)`")
        }
    }

    static func generateCase(_ cls: WorkloadClass, id: String, harness: HarnessSpec, shape: KernelCase? = nil, rng: inout SplitMix64) throws -> KernelCase {
        var values: [String: KernelCase.Value] = [:]
        try validate(cls, harness: harness)
        let params = Dictionary(uniqueKeysWithValues: harness.params.map { ($0.name, $0) })
        let needed = harness.params.filter { $0.kind.isFromCase }.map(\.name)
        let sizing: Set<String> = cls.args.values.reduce(into: []) { names, gen in
            switch gen {
            case .uniformArray(.expression(let e), _), .uniformRealArray(.expression(let e), _), .noisyArray(.expression(let e), _, _), .zipfArray(.expression(let e), _, _):
                names.formUnion(e.names)
            default: break
            }
        }
        var pending = needed
        while !pending.isEmpty {
            let before = pending.count
            for name in pending {
                let gen = cls.args[name]!
                if gen.dependencies.contains(where: { values[$0] == nil }) { continue }
                let length = shape?.args[name]?.count
                if let kept = shape?.args[name], sizing.contains(name) {
                    // An int a length is computed from keeps the shape's value, so the lengths stay.
                    values[name] = kept
                } else {
                    values[name] = try generate(gen, values: values, length: length, type: params[name]?.type, rng: &rng)
                }
                pending.removeAll { $0 == name }
            }
            if pending.count == before {
                throw HarnessFailure("workload class \(cls.name): the generators of \(pending.joined(separator: ", ")) depend on each other in a cycle")
            }
        }
        return KernelCase(id: id, args: values)
    }

    static func generate(_ gen: ValueGenerator, values: [String: KernelCase.Value], length: Int? = nil, type: ElementType? = nil,
                         rng: inout SplitMix64) throws -> KernelCase.Value {
        func count(_ spec: ValueGenerator.ArrayLength) throws -> Int {
            if let length { return length }
            switch spec {
            case .range(let r): return rng.int(in: r)
            case .sameAs(let name):
                guard let n = values[name]?.count else { throw HarnessFailure("same_as \(name): not an array") }
                return n
            case .expression(let e):
                let ints = values.compactMapValues { if case .int(let v) = $0 { v } else { nil } }
                guard let n = e.evaluate(ints), n >= 0, n <= 1 << 28 else { throw HarnessFailure("length \(e) cannot be computed or is out of range") }
                return Int(n)
            }
        }
        func real(_ v: Double) -> Double { type == .f32 ? Double(Float(v)) : v }
        switch gen {
        case .constInt(let v): return type?.isReal == true ? .real(Double(v)) : .int(v)
        case .constReal(let v): return .real(real(v))
        case .constArray(let a): return type?.isReal == true ? .reals(a.map { Double($0) }) : .array(a)
        case .uniformInt(let lo, let hi): return .int(rng.int(in: lo...hi))
        case .uniformReal(let lo, let hi): return .real(real(lo + (hi - lo) * rng.unit()))
        case .lengthOf(let name):
            guard let n = values[name]?.count else { throw HarnessFailure("length_of \(name): not an array") }
            return .int(Int64(n))
        case .uniformArray(let lengths, let range) where type?.isReal == true:
            let n = try count(lengths)
            let lo = Double(range.lowerBound), hi = Double(range.upperBound)
            return .reals((0..<n).map { _ in real(lo + (hi - lo) * rng.unit()) })
        case .uniformArray(let lengths, let range):
            let n = try count(lengths)
            return .array((0..<n).map { _ in rng.int(in: range) })
        case .uniformRealArray(let lengths, let range):
            let n = try count(lengths)
            return .reals((0..<n).map { _ in real(range.lowerBound + (range.upperBound - range.lowerBound) * rng.unit()) })
        case .zipfArray(let lengths, let range, let exponent):
            let n = try count(lengths)
            let values = (0..<n).map { _ in range.lowerBound + Self.zipfRank(size: Double(range.upperBound - range.lowerBound) + 1, exponent: exponent, rng: &rng) }
            return type?.isReal == true ? .reals(values.map { Double($0) }) : .array(values)
        case .noisyArray(let lengths, let center, let spread):
            let n = try count(lengths)
            let samples: [Int64] = (0..<n).map { _ in
                // Sum of three uniforms: a cheap bell shape; 2% outliers up to 50% slower.
                let bell = (0..<3).reduce(0.0) { s, _ in s + (2 * rng.unit() - 1) } / 3
                var v = center * (1 + spread * bell)
                if rng.unit() < 0.02 { v *= 1 + 0.5 * rng.unit() }
                return max(0, Int64(v.rounded()))
            }
            return type?.isReal == true ? .reals(samples.map { Double($0) }) : .array(samples)
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

    /// A rank in `0..<size` drawn from a bounded power law of exponent `s` (rank 0 the most
    /// frequent): the inverse of its continuous distribution function, rounded down.
    static func zipfRank(size: Double, exponent s: Double, rng: inout SplitMix64) -> Int64 {
        let u = rng.unit()
        let x: Double
        if abs(s - 1) < 1e-9 {
            x = exp(u * log(size + 1))
        } else {
            let top = pow(size + 1, 1 - s)
            x = pow(1 + u * (top - 1), 1 / (1 - s))
        }
        return min(Int64(size) - 1, max(0, Int64(x.rounded(.down)) - 1))
    }
}
