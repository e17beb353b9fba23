import Foundation
import KernelSyntax

/// A harness's C prototype, parsed with the kernel front end and checked against its parameters;
/// it generates the call shim through which the worker calls the kernel with its real C types.
public struct KernelPrototype: Sendable, Equatable {
    /// What the entry returns.
    public enum ReturnType: Sendable, Equatable {
        case void
        /// An integer type, by its C spelling.
        case integer(String)
        /// `float` (f32) or `double` (f64).
        case real(ElementType)

        /// Whether the return value is floating point.
        public var isReal: Bool { if case .real = self { true } else { false } }
    }

    /// The entry's name as the prototype declares it.
    public let name: String
    public let returnType: ReturnType
    /// The parameters' C types, in order, as the shim casts to them.
    public let parameterTypes: [String]
    /// The declaration of the entry, printed canonically.
    public let declaration: String
    /// The declaration as parsed (nil for a harness that was never validated).
    let function: FunctionDeclaration?

    /// The return type as C spells it.
    public var returnSpelling: String {
        switch returnType {
        case .void: "void"
        case .integer(let s): s
        case .real(let t): t.cSpelling
        }
    }

    /// Parses `harness.prototype` and checks it against `harness.params`.
    /// - Throws: `HarnessFailure` naming both sides of the first mismatch.
    public init(_ harness: HarnessSpec) throws {
        let function = try Self.parse(harness.prototype)
        guard function.parameters.count == harness.params.count else {
            throw HarnessFailure("the prototype declares \(function.parameters.count) parameter\(function.parameters.count == 1 ? "" : "s") (\(function.parameters.map { $0.name ?? "?" }.joined(separator: ", "))), params lists \(harness.params.count) (\(harness.params.map(\.name).joined(separator: ", ")))")
        }
        var types: [String] = []
        for (i, (param, spec)) in zip(function.parameters, harness.params).enumerated() {
            guard param.name == spec.name else {
                throw HarnessFailure("parameter \(i + 1) is `\(param.name ?? "unnamed")` in the prototype but `\(spec.name)` in params")
            }
            types.append(try Self.check(param.type, against: spec))
        }
        switch try Self.scalarClass(function.returnType, what: "the return type") {
        case .void: returnType = .void
        case .integer: returnType = .integer(function.returnType.specifier.spelling)
        case .real(let t): returnType = .real(t)
        }
        name = function.name
        parameterTypes = types
        declaration = Self.printDeclaration(function)
        self.function = function
    }

    private init(name: String, returnType: ReturnType, parameterTypes: [String], declaration: String) {
        self.name = name
        self.returnType = returnType
        self.parameterTypes = parameterTypes
        self.declaration = declaration
        function = nil
    }

    /// For a harness that was never validated: every parameter a 64-bit word, an `int` result.
    static func unchecked(_ harness: HarnessSpec) -> KernelPrototype {
        let name = (try? Self.parse(harness.prototype).name) ?? "kernel"
        let types = harness.params.map { _ in "long" }
        return KernelPrototype(name: name, returnType: .integer("int"), parameterTypes: types,
                               declaration: "int \(name)(\(types.joined(separator: ", ")));")
    }

    /// The call shim, compiled as a translation unit of its own beside the kernel, whose entry is
    /// `entry`: `evs_call_shim(a, r)` calls it with argument i taken from the word `a[i]` (an
    /// integer or pointer, or the bits of a double for a real scalar) and stores the result in `*r`
    /// (an integer widened to 64 bits, a double's bits, or a float's bits in the low half).
    public func shimSource(entry: String, harness: HarnessSpec) -> String {
        var args: [String] = []
        for (i, (type, p)) in zip(parameterTypes, harness.params).enumerated() {
            if p.kind == .real {
                args.append(p.type == .f32 ? "(float)*(const double *)&a[\(i)]" : "*(const double *)&a[\(i)]")
            } else {
                args.append("(\(type))a[\(i)]")
            }
        }
        let call = "\(entry)(\(args.joined(separator: ", ")))"
        let body: String = switch returnType {
        case .void: "    \(call);\n    r[0] = 0;\n"
        case .integer: "    r[0] = (long long)\(call);\n"
        case .real(.f32): "    float v = \(call);\n    r[0] = 0;\n    *(float *)r = v;\n"
        case .real: "    *(double *)r = \(call);\n"
        }
        // Weak, so a kernel without the entry still links and the child reports it by name.
        var decl = declaration.replacingOccurrences(of: " \(name)(", with: " \(entry)(")
        if decl.hasSuffix(";") { decl.removeLast() }
        return "\(decl) __attribute__((weak));\nvoid evs_call_shim(const long long *a, long long *r) {\n\(body)}\n"
    }

    /// Checks a kernel's definition of the entry against the prototype.
    /// - Returns: nil when they agree, else a one-line reason naming both sides.
    public func mismatch(with definition: FunctionDeclaration) -> String? {
        guard let proto = function else { return "the prototype does not parse" }
        if Self.signature(definition.returnType) != Self.signature(proto.returnType) {
            return "`\(definition.name)` returns \(CPrinter.print(definition.returnType)), the prototype \(CPrinter.print(proto.returnType))"
        }
        guard definition.parameters.count == proto.parameters.count else {
            return "`\(definition.name)` takes \(definition.parameters.count) parameters, the prototype \(proto.parameters.count)"
        }
        for (i, (d, p)) in zip(definition.parameters, proto.parameters).enumerated() where Self.signature(d.type) != Self.signature(p.type) {
            return "parameter \(i + 1) of `\(definition.name)` is \(CPrinter.print(d.type)), the prototype says \(CPrinter.print(p.type))"
        }
        return nil
    }

    // MARK: - Parsing and checking

    static func parse(_ text: String) throws -> FunctionDeclaration {
        let unit: TranslationUnit
        do { unit = try CParser.parse(text, fileName: "prototype") } catch {
            throw HarnessFailure("the prototype `\(text)` does not parse: \(error)")
        }
        guard unit.declarations.count == 1, let f = unit.functions.first, f.body == nil else {
            throw HarnessFailure("the prototype must be exactly one function declaration ending in `;`, e.g. `int f(const int *a, int n);`")
        }
        for p in f.parameters where p.name == nil {
            throw HarnessFailure("every parameter of the prototype needs a name (params refer to them by name)")
        }
        return f
    }

    /// The type as it matters to a call: arrays decay to pointers, top-level qualifiers dropped.
    static func signature(_ type: TypeName) -> String {
        var t = type
        if !t.arrayDimensions.isEmpty {
            t.pointers.append(contentsOf: t.arrayDimensions.map { _ in TypeQualifiers() })
            t.arrayDimensions = []
        }
        if t.pointers.isEmpty { t.qualifiers = [] } else { t.pointers[t.pointers.count - 1] = [] }
        return CPrinter.print(t)
    }

    enum ScalarClass { case void, integer, real(ElementType) }

    static func scalarClass(_ type: TypeName, what: String) throws -> ScalarClass {
        guard type.pointers.isEmpty, type.arrayDimensions.isEmpty else {
            throw HarnessFailure("\(what) is \(CPrinter.print(type)): a kernel returns void, an integer, float or double")
        }
        switch type.specifier {
        case .void: return .void
        case .float: return .real(.f32)
        case .double: return .real(.f64)
        case .longDouble, .typedefName: throw HarnessFailure("\(what) \(type.specifier.spelling) is not supported (use an integer type, float or double)")
        default: return .integer
        }
    }

    /// The element type a pointer's target spells, or why it has none.
    static func elementType(of spec: TypeSpecifier) -> ElementType? {
        switch spec {
        case .char, .signedChar: .i8
        case .unsignedChar: .u8
        case .short: .i16
        case .int: .i32
        case .long, .longLong: .i64
        case .float: .f32
        case .double: .f64
        default: nil
        }
    }

    /// Checks one parameter's C type against its spec; returns the C type the shim casts to.
    static func check(_ type: TypeName, against spec: HarnessSpec.ParamSpec) throws -> String {
        let written = CPrinter.print(type)
        let levels = type.pointers.count + type.arrayDimensions.count
        switch spec.kind {
        case .int, .real:
            guard levels == 0 else { throw HarnessFailure("`\(spec.name)` is \(written) in the prototype but a scalar (\(spec.kind.rawValue)) in params") }
            switch try scalarClass(type, what: "`\(spec.name)`") {
            case .void: throw HarnessFailure("`\(spec.name)` cannot be void")
            case .integer:
                guard spec.kind == .int else { throw HarnessFailure("`\(spec.name)` is \(written) in the prototype but \(spec.type?.rawValue ?? "real") in params (kind int is for integer types)") }
            case .real(let t):
                guard spec.kind == .real, spec.type == t else {
                    throw HarnessFailure("`\(spec.name)` is \(written) in the prototype but \(spec.kind == .real ? spec.type?.rawValue ?? "?" : "int") in params (use kind real with type \(t.rawValue))")
                }
            }
            return signature(type)
        case .input, .scratch, .output:
            guard levels == 1 else { throw HarnessFailure("`\(spec.name)` is \(written) in the prototype but a buffer (\(spec.kind.rawValue)) in params: a buffer is one pointer, e.g. `const int *\(spec.name)`") }
            guard let element = elementType(of: type.specifier) else {
                throw HarnessFailure("`\(spec.name)` points to \(type.specifier.spelling), which no element type matches (i8 char, u8 unsigned char, i16 short, i32 int, i64 long long, f32 float, f64 double)")
            }
            guard element == spec.type else {
                throw HarnessFailure("`\(spec.name)` points to \(type.specifier.spelling) (\(element.rawValue)) in the prototype but params says type \(spec.type?.rawValue ?? "none")")
            }
            let isConst = type.qualifiers.contains(.const)
            if spec.kind == .input, !isConst { throw HarnessFailure("`\(spec.name)` is an input: the prototype must declare it `const \(type.specifier.spelling) *`") }
            if spec.kind != .input, isConst { throw HarnessFailure("`\(spec.name)` is \(spec.kind.rawValue): the prototype declares it const, but the kernel writes it") }
            return signature(type)
        }
    }

    static func printDeclaration(_ f: FunctionDeclaration) -> String {
        var decl = f
        decl.storage = nil
        decl.isInline = false
        return CPrinter.print(TranslationUnit([.function(decl)])).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
