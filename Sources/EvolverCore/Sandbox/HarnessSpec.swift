import Foundation

/// How the fixed harness passes arguments to a kernel: the kernel's C signature, parameter by
/// parameter (the sandbox's `harness.json`).
///
/// Every parameter is integer class (an `int` or a pointer), so the worker can call any such
/// signature generically. Outputs are compared exactly; scratch buffers are the kernel's to use.
public struct HarnessSpec: Codable, Sendable, Equatable {
    /// The C prototype, for people (the contract).
    public var prototype: String
    /// The parameters in call order.
    public var params: [ParamSpec]

    /// One parameter of the kernel's signature.
    public struct ParamSpec: Codable, Sendable, Equatable {
        /// What the harness passes.
        public enum Kind: String, Codable, Sendable {
            /// An `int` taken from the case.
            case int
            /// A read-only buffer taken from the case.
            case input
            /// A writable buffer whose contents are not checked.
            case scratch
            /// A writable buffer compared exactly against the expected output.
            case output
        }

        public var name: String
        public var kind: Kind
        /// Element type of a buffer.
        public var type: ElementType?
        /// Element count of a buffer, as an expression over int parameters.
        public var length: LengthExpression?
        /// The contract's range of an int parameter, `[lo, hi]`, bounds written over other ints
        /// (e.g. `[0, "open"]`); checked on every case and used to sample random inputs.
        public var range: [LengthExpression]?
        /// The contract's range of an input buffer's elements, `[lo, hi]` (e.g. `[0, "k-1"]`).
        public var values: [LengthExpression]?
    }

    /// Checks internal consistency. - Throws: a reason.
    public func validate() throws -> Void {
        guard !params.isEmpty, params.count <= 12 else { throw HarnessFailure("a kernel takes 1 to 12 parameters") }
        let ints = Set(params.filter { $0.kind == .int }.map(\.name))
        var seen = Set<String>()
        for p in params {
            guard seen.insert(p.name).inserted else { throw HarnessFailure("parameter \(p.name) appears twice") }
            for bounds in [p.range, p.values].compactMap({ $0 }) {
                guard bounds.count == 2 else { throw HarnessFailure("\(p.name): a range is [lo, hi]") }
                let unknown = bounds[0].names.union(bounds[1].names).subtracting(ints)
                guard unknown.isEmpty else { throw HarnessFailure("range of \(p.name) names unknown \(unknown.sorted().joined(separator: ", "))") }
            }
            if p.kind == .int { continue }
            guard p.type != nil else { throw HarnessFailure("buffer parameter \(p.name) needs a type") }
            guard let len = p.length else { throw HarnessFailure("buffer parameter \(p.name) needs a length") }
            let unknown = len.names.subtracting(ints)
            guard unknown.isEmpty else { throw HarnessFailure("length of \(p.name) names unknown \(unknown.sorted().joined(separator: ", "))") }
        }
    }

    /// Evaluates a `[lo, hi]` pair of bounds; nil when a name is unbound.
    static func bounds(_ pair: [LengthExpression]?, _ bindings: [String: Int64]) -> ClosedRange<Int64>?? {
        guard let pair else { return .some(nil) }
        guard let lo = pair[0].evaluate(bindings), let hi = pair[1].evaluate(bindings) else { return nil }
        return .some(lo <= hi ? lo...hi : hi...lo)
    }

    /// Names of the output parameters, in order.
    public var outputParams: [ParamSpec] { params.filter { $0.kind == .output } }
}

/// A harness or suite inconsistency.
public struct HarnessFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
