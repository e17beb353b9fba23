/// Constructs that are real C (or GNU C) but outside the kernel subset, refused up front with a reason.
extension Parser {
    typealias Refusal = (construct: String, reason: String)

    static let refusedKeywords: [Keyword: Refusal] = {
        let c11 = "this C11 feature is outside the kernel subset"
        return [
            .goto: ("'goto'", "kernels must use structured control flow (labels and goto are outside the subset)"),
            .struct: ("'struct'", "aggregate types are outside the kernel subset; pass arrays and scalars"),
            .union: ("'union'", "aggregate types are outside the kernel subset; pass arrays and scalars"),
            .enum: ("'enum'", "enumerations are outside the kernel subset; use integer constants"),
            .auto: ("'auto' storage class", "only plain local declarations are allowed"),
            .register: ("'register' storage class", "only plain local declarations are allowed"),
            .alignas: ("'_Alignas'", c11), .alignof: ("'_Alignof'", c11), .atomic: ("'_Atomic'", c11),
            .complex: ("'_Complex'", c11), .imaginary: ("'_Imaginary'", c11), .generic: ("'_Generic'", c11),
            .noreturn: ("'_Noreturn'", c11), .staticAssert: ("'_Static_assert'", c11),
            .threadLocal: ("'_Thread_local'", c11),
        ]
    }()

    static let refusedIdentifiers: [String: Refusal] = {
        var table: [String: Refusal] = [:]
        func add(_ names: [String], _ construct: String, _ reason: String) {
            for name in names { table[name] = (construct, reason) }
        }
        let gnu = "GNU extensions are outside the kernel subset (TinyCC and portability)"
        add(["__attribute__", "__attribute"], "GNU '__attribute__'", gnu)
        add(["asm", "__asm__", "__asm"], "GNU inline assembly 'asm'", "kernels must be portable C")
        add(["typeof", "__typeof__", "__typeof"], "GNU 'typeof'", "write the type explicitly")
        add(["__extension__"], "GNU '__extension__'", gnu)
        add(["__label__"], "GNU local label '__label__'", "labels and goto are outside the kernel subset")
        add(["__auto_type"], "GNU '__auto_type'", "write the type explicitly")
        add(["__inline", "__inline__"], "GNU '__inline__'", "write 'inline'")
        add(["__restrict", "__restrict__"], "GNU '__restrict__'", "write 'restrict'")
        add(["__const", "__volatile", "__volatile__", "__signed", "__signed__"], "GNU alternate keyword", gnu)
        add(["__int128", "__int128_t", "__uint128_t"], "GNU '__int128'", "128-bit integers are not portable to TinyCC")
        add(["__alignof__", "__alignof"], "GNU '__alignof__'", gnu)
        add(["__real__", "__imag__"], "GNU complex part operator", gnu)
        add(["__builtin_va_start", "__builtin_va_arg", "__builtin_va_end", "__builtin_va_list"],
            "variadic argument access", "variadic functions are outside the kernel subset")
        return table
    }()

    static let refusedPunctuators: [Punctuator: Refusal] = [
        .dot: ("member access '.'", "struct and union types are outside the kernel subset"),
        .arrow: ("member access '->'", "struct and union types are outside the kernel subset"),
        .ellipsis: ("'...' (variadic function or GNU case range)",
                    "parameter lists must be fixed and case labels must be single values"),
        .hash: ("'#' operator", "the preprocessor is not supported"),
        .hashHash: ("'##' operator", "the preprocessor is not supported"),
    ]

    /// Throws for the first token that belongs to a refused construct.
    static func refuseUnsupportedTokens(_ tokens: [Token]) throws {
        for token in tokens {
            let refusal: Refusal?
            switch token.kind {
            case .keyword(let k): refusal = refusedKeywords[k]
            case .identifier(let name): refusal = refusedIdentifiers[name]
            case .punctuator(let p): refusal = refusedPunctuators[p]
            default: refusal = nil
            }
            if let refusal {
                throw SyntaxError.unsupportedConstruct(token.location, construct: refusal.construct, reason: refusal.reason)
            }
        }
    }

    /// The error for `(` where a declarator name is expected.
    func parenthesizedDeclaratorError() -> SyntaxError {
        unsupported(current.location, "function pointer or parenthesized declarator",
                    "declarators such as '(*f)(int)' or '(*p)[N]' are outside the kernel subset")
    }
}
