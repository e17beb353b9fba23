import Foundation

/// How the fixed harness passes arguments to a kernel: the kernel's C prototype and its
/// parameters in call order (the sandbox's `harness.json`).
///
/// The prototype is the source of truth: it is parsed and every parameter is checked against it
/// (name, order, pointer and `const`-ness, element type). The worker calls the kernel through a
/// small shim generated from it, so every argument and the return value travel with their real
/// C types.
public struct HarnessSpec: Codable, Sendable, Equatable {
    /// The C prototype of the entry (the contract).
    public var prototype: String
    /// The parameters in call order.
    public var params: [ParamSpec]
    /// How closely a floating-point return value must match (exact when absent).
    public var returnTolerance: Tolerance?

    enum CodingKeys: String, CodingKey {
        case prototype, params
        case returnTolerance = "return_tolerance"
    }

    public init(prototype: String, params: [ParamSpec], returnTolerance: Tolerance? = nil) {
        self.prototype = prototype
        self.params = params
        self.returnTolerance = returnTolerance
    }

    /// One parameter of the kernel's signature.
    public struct ParamSpec: Codable, Sendable, Equatable {
        /// What the harness passes.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            /// An integer scalar taken from the case.
            case int
            /// A floating-point scalar (`float` or `double`, by `type`) taken from the case.
            case real
            /// A read-only buffer taken from the case.
            case input
            /// A writable buffer whose contents are not checked.
            case scratch
            /// A writable buffer compared against the expected output.
            case output

            /// Whether a case gives this parameter's value.
            public var isFromCase: Bool { self == .int || self == .real || self == .input }
            /// Whether the parameter is a scalar (not a buffer).
            public var isScalar: Bool { self == .int || self == .real }
        }

        public var name: String
        public var kind: Kind
        /// Element type of a buffer; `f32` or `f64` for a real scalar.
        public var type: ElementType?
        /// Element count of a buffer, as an expression over int parameters.
        public var length: LengthExpression?
        /// The contract's range of an int parameter, `[lo, hi]`, bounds written over other ints
        /// (e.g. `[0, "open"]`); checked on every case and used to sample random inputs.
        public var range: [LengthExpression]?
        /// The contract's range of an integer input buffer's elements, `[lo, hi]` (e.g. `[0, "k-1"]`).
        public var values: [LengthExpression]?
        /// The contract's range of a real parameter (`range`) or of a floating-point input
        /// buffer's elements (`values`).
        public var realRange: ClosedRange<Double>?
        public var realValues: ClosedRange<Double>?
        /// How closely a floating-point output must match (exact when absent).
        public var tolerance: Tolerance?

        enum CodingKeys: String, CodingKey {
            case name, kind, type, length, range, values, tolerance
        }

        public init(name: String, kind: Kind, type: ElementType? = nil, length: LengthExpression? = nil,
                    range: [LengthExpression]? = nil, values: [LengthExpression]? = nil,
                    realRange: ClosedRange<Double>? = nil, realValues: ClosedRange<Double>? = nil, tolerance: Tolerance? = nil) {
            self.name = name
            self.kind = kind
            self.type = type
            self.length = length
            self.range = range
            self.values = values
            self.realRange = realRange
            self.realValues = realValues
            self.tolerance = tolerance
        }

        /// Whether this parameter's numbers are floating point.
        public var isReal: Bool { type?.isReal ?? false }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decode(Kind.self, forKey: .kind)
            type = try c.decodeIfPresent(ElementType.self, forKey: .type)
            length = try c.decodeIfPresent(LengthExpression.self, forKey: .length)
            tolerance = try c.decodeIfPresent(Tolerance.self, forKey: .tolerance)
            func realPair(_ key: CodingKeys) throws -> ClosedRange<Double>? {
                guard let pair = try c.decodeIfPresent([Double].self, forKey: key) else { return nil }
                guard pair.count == 2, pair[0] <= pair[1], pair.allSatisfy(\.isFinite) else {
                    throw HarnessFailure("\(name): \(key.rawValue) is [lo, hi] with lo <= hi")
                }
                return pair[0]...pair[1]
            }
            if kind == .real { realRange = try realPair(.range) } else { range = try c.decodeIfPresent([LengthExpression].self, forKey: .range) }
            if type?.isReal == true { realValues = try realPair(.values) } else { values = try c.decodeIfPresent([LengthExpression].self, forKey: .values) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(type, forKey: .type)
            try c.encodeIfPresent(length, forKey: .length)
            if let realRange { try c.encode([realRange.lowerBound, realRange.upperBound], forKey: .range) } else { try c.encodeIfPresent(range, forKey: .range) }
            if let realValues { try c.encode([realValues.lowerBound, realValues.upperBound], forKey: .values) } else { try c.encodeIfPresent(values, forKey: .values) }
            try c.encodeIfPresent(tolerance, forKey: .tolerance)
        }
    }

    /// Checks internal consistency and the parameters against the prototype.
    /// - Throws: `HarnessFailure` with a reason naming the parameter.
    public func validate() throws {
        guard !params.isEmpty, params.count <= 12 else { throw HarnessFailure("a kernel takes 1 to 12 parameters") }
        let ints = Set(params.filter { $0.kind == .int }.map(\.name))
        var seen = Set<String>()
        for p in params {
            guard seen.insert(p.name).inserted else { throw HarnessFailure("parameter \(p.name) appears twice") }
            for bounds in [p.range, p.values].compactMap({ $0 }) {
                guard bounds.count == 2 else { throw HarnessFailure("\(p.name): a range is [lo, hi]") }
                let unknown = bounds[0].names.union(bounds[1].names).subtracting(ints)
                guard unknown.isEmpty else { throw HarnessFailure("range of \(p.name) names unknown \(unknown.sorted().joined(separator: ", ")) (ranges are written over int parameters)") }
            }
            try p.tolerance?.validate(p.name)
            if p.tolerance != nil, !(p.kind == .output && p.isReal) {
                throw HarnessFailure("\(p.name): a tolerance is for f32/f64 outputs only")
            }
            switch p.kind {
            case .int:
                if p.type != nil { throw HarnessFailure("int parameter \(p.name) has a type: its C type comes from the prototype (use kind real for float/double)") }
                continue
            case .real:
                guard p.isReal else { throw HarnessFailure("real parameter \(p.name) needs type f32 or f64") }
                continue
            case .input, .scratch, .output:
                break
            }
            guard let type = p.type else { throw HarnessFailure("buffer parameter \(p.name) needs a type (one of \(ElementType.allCases.map(\.rawValue).joined(separator: ", ")))") }
            guard let len = p.length else { throw HarnessFailure("buffer parameter \(p.name) needs a length") }
            let unknown = len.names.subtracting(ints)
            guard unknown.isEmpty else { throw HarnessFailure("length of \(p.name) names unknown \(unknown.sorted().joined(separator: ", ")) (lengths are written over int parameters)") }
            if p.kind != .input, p.values != nil || p.realValues != nil { throw HarnessFailure("\(p.name): values are for input buffers only") }
            if let values = p.values, values.allSatisfy({ $0.names.isEmpty }) {
                let lo = values[0].evaluate([:])!, hi = values[1].evaluate([:])!
                guard lo <= hi else { throw HarnessFailure("\(p.name): values [\(lo), \(hi)] has lo > hi") }
                guard type.range.contains(lo), type.range.contains(hi) else {
                    throw HarnessFailure("\(p.name): values [\(lo), \(hi)] do not fit \(type.rawValue) [\(type.range.lowerBound), \(type.range.upperBound)]")
                }
            }
            if let r = p.realValues, type == .f32, !(ElementType.f32.realRange.contains(r.lowerBound) && ElementType.f32.realRange.contains(r.upperBound)) {
                throw HarnessFailure("\(p.name): values [\(r.lowerBound), \(r.upperBound)] do not fit f32")
            }
        }
        try returnTolerance?.validate("return_tolerance")
        let proto = try KernelPrototype(self)
        if returnTolerance != nil, proto.returnType.isReal != true {
            throw HarnessFailure("return_tolerance is for a float or double return value; the prototype returns \(proto.returnSpelling)")
        }
    }

    /// Evaluates a `[lo, hi]` pair of bounds; nil when a name is unbound.
    static func bounds(_ pair: [LengthExpression]?, _ bindings: [String: Int64]) -> ClosedRange<Int64>?? {
        guard let pair else { return .some(nil) }
        guard let lo = pair[0].evaluate(bindings), let hi = pair[1].evaluate(bindings) else { return nil }
        return .some(lo <= hi ? lo...hi : hi...lo)
    }

    /// Whether edits that re-associate floating-point arithmetic may be offered: every output
    /// (and a non-void return value) is floating point with a tolerance that allows a difference.
    /// An integer result could be computed from floating-point values, so any integer output rules it out.
    public var allowsFloatReassociation: Bool {
        let outputs = outputParams
        let returnType = parsedPrototype.returnType
        guard !outputs.isEmpty || returnType.isReal else { return false }
        guard outputs.allSatisfy({ $0.isReal && ($0.tolerance?.allowsDifference ?? false) }) else { return false }
        switch returnType {
        case .void: return true
        case .integer: return false
        case .real: return returnTolerance?.allowsDifference ?? false
        }
    }

    /// Names of the output parameters, in order.
    public var outputParams: [ParamSpec] { params.filter { $0.kind == .output } }

    /// The parsed prototype (the harness has been validated when loaded, so it parses).
    public var parsedPrototype: KernelPrototype { (try? KernelPrototype(self)) ?? KernelPrototype.unchecked(self) }
}

/// A harness or suite inconsistency.
public struct HarnessFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
