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
        printer.unit(unit)
        return printer.output
    }

    /// Prints a whole translation unit exactly as `print(_:)` does, and records the lines on
    /// which each statement and top-level declaration is printed.
    public static func printWithLines(_ unit: TranslationUnit) -> PrintedUnit {
        var printer = LinePrinter()
        printer.spans = [:]
        printer.unit(unit)
        return PrintedUnit(source: printer.output, spans: printer.spans ?? [:])
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

/// Accumulates indented lines; when `spans` is set, also the lines of each node printed with a path.
struct LinePrinter {
    var output = ""
    /// Lines emitted so far (the number of the last one).
    var lineCount = 0
    /// First and last line of each statement and top-level declaration, by path (nil: not recorded).
    var spans: [NodePath: ClosedRange<Int>]?

    mutating func line(_ level: Int, _ text: String) {
        output += String(repeating: "    ", count: max(0, level)) + text + "\n"
        lineCount += 1
    }

    mutating func blankLine() {
        output += "\n"
        lineCount += 1
    }

    /// Records that the node at `path` (when paths are tracked) occupies lines `first...` up to the last one emitted.
    mutating func record(_ path: NodePath?, from first: Int) {
        record(path, lines: first...max(first, lineCount))
    }

    /// Records that the node at `path` (when paths are tracked) occupies `lines`.
    mutating func record(_ path: NodePath?, lines: ClosedRange<Int>) {
        guard let path, spans != nil else { return }
        spans![path] = lines
    }

    mutating func unit(_ unit: TranslationUnit) {
        var previousWasDefinition: Bool?
        for (index, declaration) in unit.declarations.enumerated() {
            var isDefinition = false
            if case .function(let f) = declaration { isDefinition = f.body != nil }
            if let previous = previousWasDefinition, previous || isDefinition { blankLine() }
            let first = lineCount + 1
            external(declaration, path: spans == nil ? nil : NodePath([index]))
            record(spans == nil ? nil : NodePath([index]), from: first)
            previousWasDefinition = isDefinition
        }
    }

    func expr(_ e: Expression) -> String { ExpressionPrinter.render(e, minimumPrecedence: 1) }

    mutating func external(_ declaration: ExternalDeclaration, path: NodePath? = nil) {
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
            items(body, level: 1, path: path?.appending(0))
            line(0, "}")
        }
    }

    /// Prints the block's items; `path` is the block's own path (items are its children).
    mutating func items(_ block: Block, level: Int, path: NodePath? = nil) {
        for (index, item) in block.items.enumerated() { statement(item, level: level, path: path?.appending(index)) }
    }

    /// Prints `prefix {`, the block's items one level deeper, and leaves the closing brace to the caller.
    mutating func open(_ prefix: String, _ block: Block, level: Int, path: NodePath? = nil) {
        line(level, prefix + "{")
        items(block, level: level + 1, path: path)
    }

    mutating func statement(_ s: Statement, level: Int, path: NodePath? = nil) {
        let first = lineCount + 1
        defer { record(path, from: first) }
        switch s {
        case .compound(let block):
            open("", block, level: level, path: path)
            line(level, "}")
        case .declaration(let d):
            line(level, ExpressionPrinter.declaration(d) + ";")
        case .expression(let e):
            line(level, expr(e) + ";")
        case .empty:
            line(level, ";")
        case .ifStatement(let condition, let then, let otherwise):
            record(path?.appending(0), lines: first...first)
            open("if (\(expr(condition))) ", then, level: level, path: path?.appending(1))
            var rest = otherwise
            var elsePath = path?.appending(2)
            // An `else if` is the one `if` of an else block: it starts on its `} else if` line and
            // ends on the chain's closing brace.
            var chained: [(path: NodePath?, first: Int)] = []
            while let elseBlock = rest {
                if elseBlock.items.count == 1, case .ifStatement(let c, let t, let e) = elseBlock.items[0] {
                    let ifPath = elsePath?.appending(0)
                    chained.append((ifPath, lineCount + 1))
                    record(ifPath?.appending(0), lines: (lineCount + 1)...(lineCount + 1))
                    line(level, "} else if (\(expr(c))) {")
                    items(t, level: level + 1, path: ifPath?.appending(1))
                    rest = e
                    elsePath = ifPath?.appending(2)
                } else {
                    line(level, "} else {")
                    items(elseBlock, level: level + 1, path: elsePath)
                    rest = nil
                }
            }
            line(level, "}")
            for link in chained { record(link.path, from: link.first) }
        case .whileLoop(let condition, let body):
            record(path?.appending(0), lines: first...first)
            open("while (\(expr(condition))) ", body, level: level, path: path?.appending(1))
            line(level, "}")
        case .doWhileLoop(let body, let condition):
            open("do ", body, level: level, path: path?.appending(0))
            line(level, "} while (\(expr(condition)));")
            // The condition is printed on the loop's last line.
            record(path?.appending(1), lines: lineCount...lineCount)
        case .forLoop(let initializer, let condition, let step, let body):
            var header = "for ("
            switch initializer {
            case .declaration(let d)?: header += ExpressionPrinter.declaration(d)
            case .expression(let e)?: header += expr(e)
            case nil: break
            }
            header += ";" + (condition.map { " " + expr($0) } ?? "")
            header += ";" + (step.map { " " + expr($0) } ?? "") + ") "
            open(header, body, level: level, path: path?.appending(3))
            line(level, "}")
            // The header's clauses are printed on its first line.
            for slot in 0..<3 { record(path?.appending(slot), lines: first...first) }
        case .switchStatement(let value, let body):
            record(path?.appending(0), lines: first...first)
            line(level, "switch (\(expr(value))) {")
            items(body, level: level + 2, path: path?.appending(1))
            line(level, "}")
        case .caseLabel(let value, let labeled):
            record(path?.appending(0), lines: first...first)
            line(level - 1, "case \(ExpressionPrinter.render(value, minimumPrecedence: 3)):")
            statement(labeled, level: level, path: path?.appending(1))
        case .defaultLabel(let labeled):
            line(level - 1, "default:")
            statement(labeled, level: level, path: path?.appending(0))
        case .breakStatement:
            line(level, "break;")
        case .continueStatement:
            line(level, "continue;")
        case .returnStatement(let value):
            line(level, value.map { "return \(expr($0));" } ?? "return;")
        }
    }
}
