import Foundation

/// Compares what a call returned with what it should have, as the harness says: integers
/// exactly, floating point within each output's tolerance (NaN only matches NaN).
public struct OutputComparison: Sendable {
    public let harness: HarnessSpec
    let prototype: KernelPrototype

    public init(harness: HarnessSpec, prototype: KernelPrototype? = nil) {
        self.harness = harness
        self.prototype = prototype ?? harness.parsedPrototype
    }

    /// A call's return value as the prototype types it (`.int`, or `.real` for float and double).
    public func returnValue(_ result: CallResult) -> KernelCase.Value {
        switch prototype.returnType {
        case .void: .int(0)
        case .integer: .int(result.ret)
        case .real(.f32): .real(Double(Float(bitPattern: UInt32(truncatingIfNeeded: result.ret))))
        case .real: .real(Double(bitPattern: UInt64(bitPattern: result.ret)))
        }
    }

    /// Output k's contents as values of its element type.
    public func outputValue(_ bytes: [UInt8], param: HarnessSpec.ParamSpec) -> KernelCase.Value {
        param.isReal ? .reals(param.type!.decodeReals(bytes[...])) : .array(param.type!.decode(bytes[...]))
    }

    /// The first way `result` differs from `expected`, or nil when it matches.
    /// - Parameter poison: the byte outputs were filled with before the call (an output expected
    ///   untouched must still hold it).
    public func mismatch(_ result: CallResult, expected: ExpectedResult, poison: UInt8) -> CaseFailure? {
        if let m = unusedReturnBits(result) { return CaseFailure(caseId: expected.id, expected: m.expected, actual: m.actual) }
        if let m = returnMismatch(want: expected.returnValue, got: returnValue(result)) {
            return CaseFailure(caseId: expected.id, expected: m.expected, actual: m.actual)
        }
        for (k, param) in harness.outputParams.enumerated() {
            let bytes = result.outputs[k]
            switch expected.outputValues[param.name] ?? nil {
            case .none:
                if let i = bytes.firstIndex(where: { $0 != poison }) {
                    return CaseFailure(caseId: expected.id, expected: "\(param.name) left untouched", actual: "\(param.name) written (byte \(i))")
                }
            case .some(let want):
                if let m = elementMismatch(want: want, got: bytes, param: param, poison: poison) {
                    return CaseFailure(caseId: expected.id, expected: m.expected, actual: m.actual)
                }
            }
        }
        return nil
    }

    /// The first way `got` differs from `want` (both calls on the same input), or nil when they agree.
    public func mismatch(want: CallResult, got: CallResult, caseID: String) -> CaseFailure? {
        if let m = unusedReturnBits(got) { return CaseFailure(caseId: caseID, expected: m.expected, actual: m.actual) }
        if let m = returnMismatch(want: returnValue(want), got: returnValue(got)) {
            return CaseFailure(caseId: caseID, expected: m.expected, actual: m.actual)
        }
        for (k, param) in harness.outputParams.enumerated() where want.outputs[k] != got.outputs[k] {
            if let m = elementMismatch(want: outputValue(want.outputs[k], param: param), got: got.outputs[k], param: param, poison: nil) {
                return CaseFailure(caseId: caseID, expected: m.expected, actual: m.actual)
            }
        }
        return nil
    }

    /// The first way a reference's answer differs from the recorded one, both as values (an
    /// output recorded as untouched may be given as null or left out).
    public func mismatch(reference: ExpectedResult, recorded: ExpectedResult) -> CaseFailure? {
        if let m = returnMismatch(want: recorded.returnValue, got: reference.returnValue) {
            return CaseFailure(caseId: recorded.id, expected: m.expected, actual: m.actual)
        }
        for param in harness.outputParams {
            let want = recorded.outputValues[param.name] ?? nil
            let got = reference.outputValues[param.name] ?? nil
            switch (want, got) {
            case (nil, nil): continue
            case (nil, let g?) where g.count == 0: continue
            case (nil, _?): return CaseFailure(caseId: recorded.id, expected: "\(param.name) left untouched", actual: "\(param.name) given")
            case (_?, nil): return CaseFailure(caseId: recorded.id, expected: "\(param.name) written", actual: "no \(param.name)")
            case (let w?, let g?):
                var bytes: [UInt8] = []
                if param.isReal { param.type!.encode(reals: g.realElements ?? [], into: &bytes) } else if case .array(let a) = g { param.type!.encode(a, into: &bytes) } else {
                    return CaseFailure(caseId: recorded.id, expected: "\(param.name) as integers", actual: "\(param.name) holds reals")
                }
                if let m = elementMismatch(want: w, got: bytes, param: param, poison: nil) {
                    return CaseFailure(caseId: recorded.id, expected: m.expected, actual: m.actual)
                }
            }
        }
        return nil
    }

    /// The shim stores 0 for a `void` kernel and zeros the high half of a `float`'s word; anything
    /// else there was written by the kernel outside its outputs (the worker's benchmark check
    /// compares the whole word too).
    private func unusedReturnBits(_ result: CallResult) -> (expected: String, actual: String)? {
        let word = UInt64(bitPattern: result.ret)
        switch prototype.returnType {
        case .void where word != 0:
            return ("a void call's return word 0", String(format: "0x%016llx (written by the kernel outside its outputs)", word))
        case .real(.f32) where word >> 32 != 0:
            return ("a float return word's high half 0", String(format: "0x%08llx (written by the kernel outside its outputs)", word >> 32))
        default:
            return nil
        }
    }

    private func returnMismatch(want: KernelCase.Value, got: KernelCase.Value) -> (expected: String, actual: String)? {
        if case .real(let t) = prototype.returnType {
            let w = want.realValue ?? .nan, g = got.realValue ?? .nan
            let tolerance = harness.returnTolerance ?? .exact
            return tolerance.agrees(expected: w, actual: g, type: t) ? nil : ("return \(Self.format(w))\(Self.within(tolerance))", "return \(Self.format(g))")
        }
        guard case .int(let w) = want, case .int(let g) = got else { return want == got ? nil : ("return \(want)", "return \(got)") }
        return w == g ? nil : ("return \(w)", "return \(g)")
    }

    private func elementMismatch(want: KernelCase.Value, got bytes: [UInt8], param: HarnessSpec.ParamSpec, poison: UInt8?) -> (expected: String, actual: String)? {
        let type = param.type!, name = param.name
        let stride = type.size
        func untouched(_ i: Int) -> String {
            guard let poison, (i + 1) * stride <= bytes.count else { return "" }
            return bytes[(i * stride)..<((i + 1) * stride)].allSatisfy { $0 == poison } ? " (never written: still poisoned)" : ""
        }
        if type.isReal {
            let w = want.realElements ?? [], g = type.decodeReals(bytes[...])
            let tolerance = param.tolerance ?? .exact
            var wantBytes: [UInt8] = []
            type.encode(reals: w, into: &wantBytes)
            // A cell still holding the poison is unwritten, however close its value happens to be
            // (0x00 is judged by value: a written +0.0 looks the same, as for integers).
            func unwritten(_ i: Int) -> Bool {
                guard let poison, poison != 0, (i + 1) * stride <= bytes.count, (i + 1) * stride <= wantBytes.count else { return false }
                let cell = bytes[(i * stride)..<((i + 1) * stride)]
                return cell.allSatisfy { $0 == poison } && !wantBytes[(i * stride)..<((i + 1) * stride)].allSatisfy { $0 == poison }
            }
            let i = (0..<min(w.count, g.count)).first { unwritten($0) || !tolerance.agrees(expected: w[$0], actual: g[$0], type: type) }
                ?? (w.count == g.count ? nil : min(w.count, g.count))
            guard let i else { return nil }
            return ("\(name)[\(i)] = \(i < w.count ? Self.format(w[i]) + Self.within(tolerance) : "nothing")",
                    i < g.count ? "\(name)[\(i)] = \(Self.format(g[i]))\(untouched(i))" : "no \(name)[\(i)]")
        }
        guard case .array(let w) = want else { return ("\(name) as integers", "\(name) holds reals") }
        let g = type.decode(bytes[...])
        let i = (0..<min(w.count, g.count)).first { w[$0] != g[$0] } ?? (w.count == g.count ? nil : min(w.count, g.count))
        guard let i else { return nil }
        return ("\(name)[\(i)] = \(i < w.count ? String(w[i]) : "nothing")", i < g.count ? "\(name)[\(i)] = \(g[i])\(untouched(i))" : "no \(name)[\(i)]")
    }

    static func format(_ v: Double) -> String {
        v.isNaN ? "nan" : v.isInfinite ? (v < 0 ? "-inf" : "inf") : "\(v)"
    }

    static func within(_ t: Tolerance) -> String {
        guard t.allowsDifference else { return "" }
        let parts = [t.abs.map { "abs \($0)" }, t.rel.map { "rel \($0)" }, t.ulps.map { "\($0) ulps" }].compactMap { $0 }
        return " (within \(parts.joined(separator: ", ")))"
    }
}
