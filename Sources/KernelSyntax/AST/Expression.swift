/// A C expression. Parentheses are not nodes: the printer adds exactly those needed
/// for precedence, so `(a + b) * c` and `((a + b)) * c` parse to the same tree.
public indirect enum Expression: Hashable, Sendable, Codable {
    /// A variable or function name.
    case identifier(String)
    /// An integer constant, kept with its original spelling and suffix (`0x1Fu`, `10ULL`).
    case integerLiteral(String)
    /// A floating constant, kept with its original spelling (`.5f`, `1e-3`, `2.`).
    case floatingLiteral(String)
    /// A character constant including quotes (`'\n'`).
    case characterLiteral(String)
    /// One or more adjacent string literals (concatenated by C), each including quotes.
    case stringLiteral([String])
    /// A prefix operator: `+x -x !x ~x *p &x ++x --x`.
    case unary(UnaryOperator, Expression)
    /// A postfix `x++` or `x--`.
    case postfix(PostfixOperator, Expression)
    /// A left-associative binary operator.
    case binary(BinaryOperator, Expression, Expression)
    /// `lhs = rhs` or a compound assignment.
    case assignment(AssignmentOperator, Expression, Expression)
    /// `condition ? then : else`.
    case conditional(Expression, Expression, Expression)
    /// `lhs, rhs` (the comma operator).
    case comma(Expression, Expression)
    /// `(type)operand`.
    case cast(TypeName, Expression)
    /// `sizeof(type)`.
    case sizeofType(TypeName)
    /// `sizeof expr` (printed as `sizeof(expr)`).
    case sizeofExpression(Expression)
    /// A call of a named function (calls through pointers are outside the subset).
    case call(String, [Expression])
    /// `base[index]`.
    case `subscript`(Expression, Expression)

    /// Binding strength used by the printer: 1 comma, 2 assignment, 3 conditional,
    /// 4–13 binary operators, 14 prefix/cast/sizeof, 15 postfix/call/subscript, 16 primary.
    public var precedence: Int {
        switch self {
        case .identifier, .integerLiteral, .floatingLiteral, .characterLiteral, .stringLiteral: return 16
        case .postfix, .call, .subscript: return 15
        case .unary, .cast, .sizeofType, .sizeofExpression: return 14
        case .binary(let op, _, _): return op.precedence
        case .conditional: return 3
        case .assignment: return 2
        case .comma: return 1
        }
    }

    /// True for the forms C accepts as the target of `=`, `+=`, `++`, ...: a name, `a[i]` or `*p`.
    public var isAssignable: Bool {
        switch self {
        case .identifier, .subscript, .unary(.dereference, _): return true
        default: return false
        }
    }

    /// Builds an integer literal from a non-negative value (decimal spelling, no suffix).
    public static func integer(_ value: UInt64) -> Expression { .integerLiteral(String(value)) }
}
