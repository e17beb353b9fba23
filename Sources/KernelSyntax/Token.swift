/// The reserved words of C11 that the lexer recognises (some are refused later by the parser).
public enum Keyword: String, CaseIterable, Hashable, Sendable {
    case auto, `break`, `case`, char, const, `continue`, `default`, `do`, double, `else`, `enum`
    case extern, float, `for`, goto, `if`, inline, int, long, register, restrict, `return`
    case short, signed, sizeof, `static`, `struct`, `switch`, typedef, union, unsigned, void
    case volatile, `while`
    case bool = "_Bool"
    case complex = "_Complex"
    case imaginary = "_Imaginary"
    case alignas = "_Alignas"
    case alignof = "_Alignof"
    case atomic = "_Atomic"
    case generic = "_Generic"
    case noreturn = "_Noreturn"
    case staticAssert = "_Static_assert"
    case threadLocal = "_Thread_local"

    /// Keywords that name a basic type (`int`, `unsigned`, `_Bool`, ...).
    public var isTypeSpecifier: Bool {
        switch self {
        case .void, .char, .short, .int, .long, .float, .double, .signed, .unsigned, .bool: return true
        default: return false
        }
    }

    /// Keywords that qualify a type (`const`, `volatile`, `restrict`).
    public var isTypeQualifier: Bool { self == .const || self == .volatile || self == .restrict }
}

/// Operators and punctuation, spelled exactly as in C.
public enum Punctuator: String, CaseIterable, Hashable, Sendable {
    case leftBracket = "[", rightBracket = "]", leftParen = "(", rightParen = ")"
    case leftBrace = "{", rightBrace = "}", dot = ".", arrow = "->"
    case plusPlus = "++", minusMinus = "--", ampersand = "&", star = "*", plus = "+", minus = "-"
    case tilde = "~", bang = "!", slash = "/", percent = "%", shiftLeft = "<<", shiftRight = ">>"
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">=", equalEqual = "==", bangEqual = "!="
    case caret = "^", pipe = "|", ampAmp = "&&", pipePipe = "||", question = "?", colon = ":"
    case semicolon = ";", ellipsis = "...", assign = "=", starAssign = "*=", slashAssign = "/="
    case percentAssign = "%=", plusAssign = "+=", minusAssign = "-=", shiftLeftAssign = "<<="
    case shiftRightAssign = ">>=", ampAssign = "&=", caretAssign = "^=", pipeAssign = "|="
    case comma = ",", hash = "#", hashHash = "##"
}

/// What a token is, with its exact spelling where the spelling matters.
public enum TokenKind: Hashable, Sendable {
    /// An identifier that is not a keyword.
    case identifier(String)
    /// A C keyword.
    case keyword(Keyword)
    /// An integer constant, spelled as written (e.g. `0x1Fu`, `10ULL`).
    case integerLiteral(String)
    /// A floating constant, spelled as written (e.g. `.5f`, `1e-3`).
    case floatingLiteral(String)
    /// A character constant including its quotes (e.g. `'\n'`).
    case characterLiteral(String)
    /// A string literal including its quotes.
    case stringLiteral(String)
    /// An operator or punctuation mark.
    case punctuator(Punctuator)
    /// The end of the input.
    case endOfFile
}

/// One lexical token and where it starts.
public struct Token: Hashable, Sendable {
    /// The token's category and spelling.
    public var kind: TokenKind
    /// Where the token starts.
    public var location: SourceLocation

    /// Creates a token.
    public init(kind: TokenKind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The token as it would appear in a diagnostic, e.g. `'while'` or `end of input`.
    public var displayText: String {
        switch kind {
        case .identifier(let s), .integerLiteral(let s), .floatingLiteral(let s):
            return "'\(s)'"
        case .characterLiteral(let s), .stringLiteral(let s):
            return s
        case .keyword(let k):
            return "'\(k.rawValue)'"
        case .punctuator(let p):
            return "'\(p.rawValue)'"
        case .endOfFile:
            return "end of input"
        }
    }
}
