import Foundation

/// Every way the lexer or parser can reject a kernel source.
///
/// Each case carries the location of the offending text; `errorDescription`
/// is always formatted as `file:line:col: reason`.
public enum SyntaxError: LocalizedError, Hashable, Sendable {
    /// A `/* ... */` comment that is never closed (location of the opening `/*`).
    case unterminatedComment(SourceLocation)
    /// A character or string literal that runs into a newline or the end of input.
    case unterminatedLiteral(SourceLocation, kind: String)
    /// A character that cannot start any token (e.g. `@`, `$`, a backslash, non-ASCII).
    case invalidCharacter(SourceLocation, String)
    /// A numeric literal with a malformed body or suffix.
    case invalidNumber(SourceLocation, spelling: String, reason: String)
    /// A character or string literal with a bad escape or a bad length.
    case invalidLiteral(SourceLocation, spelling: String, reason: String)
    /// A preprocessor line (`#include`, `#define`, ...); kernels must be self-contained.
    case preprocessorDirective(SourceLocation, directive: String)
    /// A real C construct that lies outside the kernel subset (GNU extensions, `goto`, `struct`, ...).
    case unsupportedConstruct(SourceLocation, construct: String, reason: String)
    /// A variable at file scope that is not a `static const` table with an initializer.
    case fileScopeVariable(SourceLocation, name: String)
    /// An impossible or duplicated combination of type specifiers (e.g. `unsigned float`).
    case invalidTypeSpecifiers(SourceLocation, String)
    /// A declaration that is well-formed syntactically but not meaningful (e.g. a `void` variable).
    case invalidDeclaration(SourceLocation, String)
    /// A token that does not fit the grammar at this point.
    case unexpectedToken(SourceLocation, found: String, expected: String)
    /// The input ended while more was expected.
    case unexpectedEndOfInput(SourceLocation, expected: String)
    /// An opening `{`, `(` or `[` whose closing partner never appears (location of the opener).
    case unclosedDelimiter(SourceLocation, delimiter: String)
    /// A closing `}` or `)` with no opening partner.
    case unmatchedDelimiter(SourceLocation, delimiter: String)
    /// The operand of `=`, a compound assignment, `++` or `--` is not an lvalue.
    case notAssignable(SourceLocation, operation: String)
    /// Expressions, declarators or statements nested deeper than the parser allows.
    case nestingTooDeep(SourceLocation, limit: Int)

    /// Where the problem was found.
    public var location: SourceLocation {
        switch self {
        case .unterminatedComment(let l), .unterminatedLiteral(let l, _), .invalidCharacter(let l, _),
             .invalidNumber(let l, _, _), .invalidLiteral(let l, _, _), .preprocessorDirective(let l, _),
             .unsupportedConstruct(let l, _, _), .fileScopeVariable(let l, _), .invalidTypeSpecifiers(let l, _),
             .invalidDeclaration(let l, _), .unexpectedToken(let l, _, _), .unexpectedEndOfInput(let l, _),
             .unclosedDelimiter(let l, _), .unmatchedDelimiter(let l, _), .notAssignable(let l, _),
             .nestingTooDeep(let l, _):
            return l
        }
    }

    /// The human-readable reason, without the location prefix.
    public var reason: String {
        switch self {
        case .unterminatedComment:
            return "unterminated /* comment"
        case .unterminatedLiteral(_, let kind):
            return "unterminated \(kind) literal"
        case .invalidCharacter(_, let c):
            return "invalid character '\(c)' in source"
        case .invalidNumber(_, let spelling, let reason):
            return "invalid numeric literal '\(spelling)': \(reason)"
        case .invalidLiteral(_, let spelling, let reason):
            return "invalid literal \(spelling): \(reason)"
        case .preprocessorDirective(_, let directive):
            return "preprocessor directive '\(directive)' is not supported: kernels must be self-contained C without the preprocessor"
        case .unsupportedConstruct(_, let construct, let reason):
            return "\(construct) is not supported: \(reason)"
        case .fileScopeVariable(_, let name):
            return "file-scope variable '\(name)' is not supported: kernels may not keep state between calls (only 'static const' tables with initializers are allowed at file scope)"
        case .invalidTypeSpecifiers(_, let detail):
            return "invalid type specifiers: \(detail)"
        case .invalidDeclaration(_, let detail):
            return "invalid declaration: \(detail)"
        case .unexpectedToken(_, let found, let expected):
            return "expected \(expected) but found \(found)"
        case .unexpectedEndOfInput(_, let expected):
            return "unexpected end of input, expected \(expected)"
        case .unclosedDelimiter(_, let delimiter):
            return "unbalanced '\(delimiter)': no matching closing delimiter before end of input"
        case .unmatchedDelimiter(_, let delimiter):
            return "unbalanced '\(delimiter)': no matching opening delimiter"
        case .notAssignable(_, let operation):
            return "operand of '\(operation)' is not assignable (expected a variable, array element or dereference)"
        case .nestingTooDeep(_, let limit):
            return "nesting deeper than \(limit) levels"
        }
    }

    /// `file:line:col: reason`.
    public var errorDescription: String? { "\(location): \(reason)" }
}
