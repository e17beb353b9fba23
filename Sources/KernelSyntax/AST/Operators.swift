/// Left-associative binary operators, with their C precedence.
public enum BinaryOperator: String, CaseIterable, Hashable, Sendable, Codable {
    case multiply = "*", divide = "/", remainder = "%"
    case add = "+", subtract = "-"
    case shiftLeft = "<<", shiftRight = ">>"
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">="
    case equal = "==", notEqual = "!="
    case bitwiseAnd = "&", bitwiseXor = "^", bitwiseOr = "|"
    case logicalAnd = "&&", logicalOr = "||"

    /// Binding strength: 4 (`||`) up to 13 (`* / %`); see `Expression.precedence`.
    public var precedence: Int {
        switch self {
        case .logicalOr: return 4
        case .logicalAnd: return 5
        case .bitwiseOr: return 6
        case .bitwiseXor: return 7
        case .bitwiseAnd: return 8
        case .equal, .notEqual: return 9
        case .less, .greater, .lessEqual, .greaterEqual: return 10
        case .shiftLeft, .shiftRight: return 11
        case .add, .subtract: return 12
        case .multiply, .divide, .remainder: return 13
        }
    }

    /// True for `< > <= >= == != && ||`, whose result is an `int` truth value.
    public var isComparisonOrLogical: Bool { precedence <= 5 || precedence == 9 || precedence == 10 }
}

/// `=` and the compound assignment operators.
public enum AssignmentOperator: String, CaseIterable, Hashable, Sendable, Codable {
    case assign = "="
    case multiply = "*=", divide = "/=", remainder = "%=", add = "+=", subtract = "-="
    case shiftLeft = "<<=", shiftRight = ">>=", bitwiseAnd = "&=", bitwiseXor = "^=", bitwiseOr = "|="

    /// The binary operator a compound assignment applies (`+=` gives `+`); `nil` for plain `=`.
    public var binaryOperator: BinaryOperator? {
        self == .assign ? nil : BinaryOperator(rawValue: String(rawValue.dropLast()))
    }
}

/// Prefix unary operators.
public enum UnaryOperator: String, CaseIterable, Hashable, Sendable, Codable {
    case plus = "+", negate = "-", logicalNot = "!", bitwiseNot = "~"
    case dereference = "*", addressOf = "&"
    case preIncrement = "++", preDecrement = "--"

    /// True for `++` and `--`, which modify their operand.
    public var modifiesOperand: Bool { self == .preIncrement || self == .preDecrement }
}

/// Postfix `++` and `--`.
public enum PostfixOperator: String, CaseIterable, Hashable, Sendable, Codable {
    case increment = "++", decrement = "--"
}
