/// Emits canonical, deterministic C source from the AST.
///
/// Layout: 4-space indentation, one statement per line, opening braces at the end of the
/// line that opens them, braces on every control-statement body, `} else if (...) {` chains,
/// case labels one level left of the statements they label, a blank line around function
/// definitions, and parentheses only where precedence needs them.
public enum CPrinter {
    /// Prints a whole translation unit, ending with a newline.
    public static func print(_ unit: TranslationUnit) -> String {
        var printer = LinePrinter()
        var previousWasDefinition: Bool?
        for declaration in unit.declarations {
            var isDefinition = false
            if case .function(let f) = declaration { isDefinition = f.body != nil }
            if let previous = previousWasDefinition, previous || isDefinition { printer.blankLine() }
            printer.external(declaration)
            previousWasDefinition = isDefinition
        }
        return printer.output
    }

    /// Prints one statement at indentation level 0, ending with a newline.
    public static func print(_ statement: Statement) -> String {
        var printer = LinePrinter()
        printer.statement(statement, level: 0)
        return printer.output
    }

    /// Prints one expression with the minimal parentheses.
    public static func print(_ expression: Expression) -> String {
        ExpressionPrinter.render(expression, minimumPrecedence: 1)
    }

    /// Prints an abstract type name as in a cast, e.g. `const unsigned char *`.
    public static func print(_ type: TypeName) -> String {
        ExpressionPrinter.declaration(of: type, name: "")
    }
}

/// Accumulates indented lines.
struct LinePrinter {
    var output = ""

    mutating func line(_ level: Int, _ text: String) {
        output += String(repeating: "    ", count: max(0, level)) + text + "\n"
    }

    mutating func blankLine() { output += "\n" }

    func expr(_ e: Expression) -> String { ExpressionPrinter.render(e, minimumPrecedence: 1) }

    mutating func external(_ declaration: ExternalDeclaration) {
        switch declaration {
        case .typedef(let t):
            line(0, "typedef " + ExpressionPrinter.declaration(of: t.type, name: t.name) + ";")
        case .constantTable(let d):
            line(0, ExpressionPrinter.declaration(d) + ";")
        case .function(let f):
            var words: [String] = []
            if let storage = f.storage { words.append(storage.rawValue) }
            if f.isInline { words.append("inline") }
            let parameters: String
            if f.parameters.isEmpty {
                parameters = f.hasVoidParameterList ? "void" : ""
            } else {
                parameters = f.parameters.map {
                    ExpressionPrinter.declaration(of: $0.type, name: $0.name ?? "")
                }.joined(separator: ", ")
            }
            words.append(ExpressionPrinter.declaration(of: f.returnType, name: "\(f.name)(\(parameters))"))
            let header = words.joined(separator: " ")
            guard let body = f.body else {
                line(0, header + ";")
                return
            }
            line(0, header + " {")
            items(body, level: 1)
            line(0, "}")
        }
    }

    mutating func items(_ block: Block, level: Int) {
        for item in block.items { statement(item, level: level) }
    }

    /// Prints `prefix {`, the block's items one level deeper, and leaves the closing brace to the caller.
    mutating func open(_ prefix: String, _ block: Block, level: Int) {
        line(level, prefix + "{")
        items(block, level: level + 1)
    }

    mutating func statement(_ s: Statement, level: Int) {
        switch s {
        case .compound(let block):
            open("", block, level: level)
            line(level, "}")
        case .declaration(let d):
            line(level, ExpressionPrinter.declaration(d) + ";")
        case .expression(let e):
            line(level, expr(e) + ";")
        case .empty:
            line(level, ";")
        case .ifStatement(let condition, let then, let otherwise):
            open("if (\(expr(condition))) ", then, level: level)
            var rest = otherwise
            while let elseBlock = rest {
                if elseBlock.items.count == 1, case .ifStatement(let c, let t, let e) = elseBlock.items[0] {
                    line(level, "} else if (\(expr(c))) {")
                    items(t, level: level + 1)
                    rest = e
                } else {
                    line(level, "} else {")
                    items(elseBlock, level: level + 1)
                    rest = nil
                }
            }
            line(level, "}")
        case .whileLoop(let condition, let body):
            open("while (\(expr(condition))) ", body, level: level)
            line(level, "}")
        case .doWhileLoop(let body, let condition):
            open("do ", body, level: level)
            line(level, "} while (\(expr(condition)));")
        case .forLoop(let initializer, let condition, let step, let body):
            var header = "for ("
            switch initializer {
            case .declaration(let d)?: header += ExpressionPrinter.declaration(d)
            case .expression(let e)?: header += expr(e)
            case nil: break
            }
            header += ";" + (condition.map { " " + expr($0) } ?? "")
            header += ";" + (step.map { " " + expr($0) } ?? "") + ") "
            open(header, body, level: level)
            line(level, "}")
        case .switchStatement(let value, let body):
            line(level, "switch (\(expr(value))) {")
            items(body, level: level + 2)
            line(level, "}")
        case .caseLabel(let value, let labeled):
            line(level - 1, "case \(ExpressionPrinter.render(value, minimumPrecedence: 3)):")
            statement(labeled, level: level)
        case .defaultLabel(let labeled):
            line(level - 1, "default:")
            statement(labeled, level: level)
        case .breakStatement:
            line(level, "break;")
        case .continueStatement:
            line(level, "continue;")
        case .returnStatement(let value):
            line(level, value.map { "return \(expr($0));" } ?? "return;")
        }
    }
}
