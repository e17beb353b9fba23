import KernelSyntax

/// An arithmetic type with the conversion rules of C on the LP64 targets the evolver uses
/// (x86-64 and AArch64 Linux: `int` 32 bits, `long` and `long long` 64 bits, plain `char` signed
/// on x86-64 — promotions never depend on the sign of `char`, since it always promotes to `int`).
enum ArithmeticType: Hashable, Sendable {
    case bool, char, signedChar, unsignedChar, short, unsignedShort
    case int, unsignedInt, long, unsignedLong, longLong, unsignedLongLong
    case float, double, longDouble

    /// The arithmetic type named by a specifier (`nil` for `void` and typedef names).
    init?(_ specifier: TypeSpecifier) {
        switch specifier {
        case .bool: self = .bool
        case .char: self = .char
        case .signedChar: self = .signedChar
        case .unsignedChar: self = .unsignedChar
        case .short: self = .short
        case .unsignedShort: self = .unsignedShort
        case .int: self = .int
        case .unsignedInt: self = .unsignedInt
        case .long: self = .long
        case .unsignedLong: self = .unsignedLong
        case .longLong: self = .longLong
        case .unsignedLongLong: self = .unsignedLongLong
        case .float: self = .float
        case .double: self = .double
        case .longDouble: self = .longDouble
        case .void, .typedefName: return nil
        }
    }

    /// The canonical specifier.
    var specifier: TypeSpecifier {
        switch self {
        case .bool: return .bool
        case .char: return .char
        case .signedChar: return .signedChar
        case .unsignedChar: return .unsignedChar
        case .short: return .short
        case .unsignedShort: return .unsignedShort
        case .int: return .int
        case .unsignedInt: return .unsignedInt
        case .long: return .long
        case .unsignedLong: return .unsignedLong
        case .longLong: return .longLong
        case .unsignedLongLong: return .unsignedLongLong
        case .float: return .float
        case .double: return .double
        case .longDouble: return .longDouble
        }
    }

    /// True for the integer types (including `_Bool` and the character types).
    var isInteger: Bool {
        switch self {
        case .float, .double, .longDouble: return false
        default: return true
        }
    }

    /// True for the unsigned integer types (`_Bool` counts as unsigned).
    var isUnsigned: Bool {
        switch self {
        case .bool, .unsignedChar, .unsignedShort, .unsignedInt, .unsignedLong, .unsignedLongLong: return true
        default: return false
        }
    }

    /// Integer conversion rank (float types get ranks above all integers).
    var rank: Int {
        switch self {
        case .bool: return 0
        case .char, .signedChar, .unsignedChar: return 1
        case .short, .unsignedShort: return 2
        case .int, .unsignedInt: return 3
        case .long, .unsignedLong: return 4
        case .longLong, .unsignedLongLong: return 5
        case .float: return 6
        case .double: return 7
        case .longDouble: return 8
        }
    }

    /// Width in bits of the integer types.
    var bits: Int {
        switch self {
        case .bool: return 1
        case .char, .signedChar, .unsignedChar: return 8
        case .short, .unsignedShort: return 16
        case .int, .unsignedInt, .float: return 32
        default: return 64
        }
    }

    /// The type after the integer promotions (every narrower type fits in `int`).
    var promoted: ArithmeticType { isInteger && rank < 3 ? .int : self }

    /// The unsigned type of the same width (`self` when already unsigned or floating).
    var unsignedCounterpart: ArithmeticType {
        switch self {
        case .char, .signedChar: return .unsignedChar
        case .short: return .unsignedShort
        case .int: return .unsignedInt
        case .long: return .unsignedLong
        case .longLong: return .unsignedLongLong
        default: return self
        }
    }

    /// The common type of the usual arithmetic conversions.
    static func common(_ a: ArithmeticType, _ b: ArithmeticType) -> ArithmeticType {
        if !a.isInteger || !b.isInteger { return a.rank >= b.rank ? a : b }
        let x = a.promoted, y = b.promoted
        if x == y { return x }
        if x.isUnsigned == y.isUnsigned { return x.rank >= y.rank ? x : y }
        let (unsigned, signed) = x.isUnsigned ? (x, y) : (y, x)
        if unsigned.rank >= signed.rank { return unsigned }
        if signed.bits > unsigned.bits { return signed }
        return signed.unsignedCounterpart
    }
}
