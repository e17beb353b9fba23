import KernelSyntax

/// The type of an rvalue, as far as operators need it: an arithmetic type, or a pointer type
/// (with the pointer's own top-level qualifiers removed, since values are unqualified).
enum ValueType: Hashable, Sendable {
    case arithmetic(ArithmeticType)
    case pointer(TypeName)

    /// The value type of an object of (typedef-free) type `type`: arrays of one dimension decay
    /// to pointers; `void`, typedef names and multi-dimensional arrays give `nil`.
    init?(object type: TypeName) {
        if type.arrayDimensions.count == 1 {
            self = .pointer(TypeName(type.specifier, qualifiers: type.qualifiers, pointers: type.pointers + [[]]))
        } else if !type.arrayDimensions.isEmpty {
            return nil
        } else if !type.pointers.isEmpty {
            var pointers = type.pointers
            pointers[pointers.count - 1] = []
            self = .pointer(TypeName(type.specifier, qualifiers: type.qualifiers, pointers: pointers))
        } else if let arithmetic = ArithmeticType(type.specifier) {
            self = .arithmetic(arithmetic)
        } else {
            return nil
        }
    }

    /// A spelling of the type for declaring a new local that holds such a value.
    var typeName: TypeName {
        switch self {
        case .arithmetic(let a): return TypeName(a.specifier)
        case .pointer(let t): return t
        }
    }

    /// The arithmetic type, if any.
    var arithmetic: ArithmeticType? { if case .arithmetic(let a) = self { return a } else { return nil } }

    /// True for integer types.
    var isInteger: Bool { arithmetic?.isInteger ?? false }

    /// True for pointers.
    var isPointer: Bool { if case .pointer = self { return true } else { return false } }

    /// The object type a pointer value points to.
    var pointee: TypeName? {
        guard case .pointer(var t) = self else { return nil }
        t.pointers.removeLast()
        return t
    }
}
