import KernelSyntax

/// The printed form of a node shortened to one line: whitespace collapsed, a compound statement's
/// header without its body (`for (j = 0; j < m; j++)`, `if (x > y)`, `do … while (c)`), cut at
/// `limit` characters with "…".
enum CodeSnippet {
    /// Snippets longer than this are cut.
    static let limit = 60

    /// The one-line form of `node`; a function is shown by its name.
    static func of(_ node: SyntaxNode) -> String {
        switch node {
        case .external(.function(let f)): return f.name
        case .external(.typedef(let t)): return shortened("typedef " + t.name)
        case .external(.constantTable(let d)): return shortened(firstLine(CPrinter.print(TranslationUnit([.constantTable(d)]))))
        case .statement(let s): return of(s)
        case .expression(let e): return shortened(CPrinter.print(e))
        case .block: return "{ … }"
        case .declarator(let d): return shortened(d.name)
        case .initializer(.expression(let e)): return shortened(CPrinter.print(e))
        case .initializer(.list): return "{ … }"
        }
    }

    /// The one-line form of a statement.
    static func of(_ statement: Statement) -> String {
        switch statement {
        case .compound: return "{ … }"
        case .doWhileLoop(_, let condition): return shortened("do … while (\(CPrinter.print(condition)))")
        default:
            var head = firstLine(CPrinter.print(statement))
            if head.hasSuffix(" {") { head.removeLast(2) }
            return shortened(head)
        }
    }

    /// `text` with runs of whitespace made one space, cut to `limit` characters with "…".
    static func shortened(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        return String(collapsed.prefix(limit - 1)) + "…"
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first ?? "")
    }
}
