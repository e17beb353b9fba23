/// The basic (arithmetic, void or typedef-named) type a declaration starts from.
///
/// Every accepted spelling maps to one canonical case: `long int`, `signed long` and
/// `long` are all `.long`; `unsigned` alone is `.unsignedInt`.
public enum TypeSpecifier: Hashable, Sendable, Codable {
    case void
    case char, signedChar, unsignedChar
    case short, unsignedShort
    case int, unsignedInt
    case long, unsignedLong
    case longLong, unsignedLongLong
    case float, double, longDouble
    /// `_Bool`.
    case bool
    /// A name introduced by a file-scope `typedef`.
    case typedefName(String)

    /// The canonical C spelling, e.g. `unsigned long long`.
    public var spelling: String {
        switch self {
        case .void: return "void"
        case .char: return "char"
        case .signedChar: return "signed char"
        case .unsignedChar: return "unsigned char"
        case .short: return "short"
        case .unsignedShort: return "unsigned short"
        case .int: return "int"
        case .unsignedInt: return "unsigned int"
        case .long: return "long"
        case .unsignedLong: return "unsigned long"
        case .longLong: return "long long"
        case .unsignedLongLong: return "unsigned long long"
        case .float: return "float"
        case .double: return "double"
        case .longDouble: return "long double"
        case .bool: return "_Bool"
        case .typedefName(let name): return name
        }
    }
}

/// A set of type qualifiers (`const`, `volatile`, `restrict`).
public struct TypeQualifiers: OptionSet, Hashable, Sendable, Codable {
    /// The qualifier bits.
    public let rawValue: UInt8
    /// Creates a set from its raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `const`.
    public static let const = TypeQualifiers(rawValue: 1)
    /// `volatile`.
    public static let volatile = TypeQualifiers(rawValue: 2)
    /// `restrict` (only meaningful on pointers).
    public static let restrict = TypeQualifiers(rawValue: 4)

    /// The qualifiers in canonical order, e.g. `const volatile`; empty when there are none.
    public var spelling: String {
        var words: [String] = []
        if contains(.const) { words.append("const") }
        if contains(.volatile) { words.append("volatile") }
        if contains(.restrict) { words.append("restrict") }
        return words.joined(separator: " ")
    }
}

/// A complete C type in the kernel subset: a qualified basic type, then pointer levels, then array dimensions.
///
/// `const int *const p[4]` is `specifier: .int, qualifiers: [.const], pointers: [[.const]],
/// arrayDimensions: [4]` — an array of 4 const pointers to const int. Parenthesised
/// declarators (pointers to arrays, function pointers) are outside the subset.
public struct TypeName: Hashable, Sendable, Codable {
    /// The basic type.
    public var specifier: TypeSpecifier
    /// Qualifiers on the basic type (`const int`).
    public var qualifiers: TypeQualifiers
    /// One entry per `*`, innermost first; each holds the qualifiers written after that `*`.
    public var pointers: [TypeQualifiers]
    /// Array dimensions, outermost first; `nil` is an unsized `[]`.
    public var arrayDimensions: [Expression?]

    /// Creates a type.
    public init(
        _ specifier: TypeSpecifier,
        qualifiers: TypeQualifiers = [],
        pointers: [TypeQualifiers] = [],
        arrayDimensions: [Expression?] = []
    ) {
        self.specifier = specifier
        self.qualifiers = qualifiers
        self.pointers = pointers
        self.arrayDimensions = arrayDimensions
    }

    /// True when the type has at least one pointer level and no array dimension.
    public var isPointer: Bool { !pointers.isEmpty && arrayDimensions.isEmpty }

    /// True when the declared object itself cannot be modified (`const int`, `int *const`,
    /// or an array of const elements).
    public var isReadOnlyObject: Bool {
        if let last = pointers.last { return last.contains(.const) }
        return qualifiers.contains(.const)
    }
}
