import KernelSyntax

/// An edit together with the unit it is applied to, and the phrases its description is made
/// of: code snippets, line numbers of the unit's printed source, enclosing functions.
struct DescriptionSite {
    /// The edit being described.
    let edit: Edit
    /// The unit the edit applies to (its parent).
    let unit: TranslationUnit
    /// The parent's printed source with the lines of its nodes.
    let printed: PrintedUnit
    /// What the harness tells about the kernel.
    let facts: KernelFacts
    /// Analyses of the parent, shared with the operators' own checks.
    let analysis: UnitAnalysis
    /// The unit after the edit, when the caller already applied it.
    private let knownResult: TranslationUnit?

    init(edit: Edit, unit: TranslationUnit, printed: PrintedUnit, facts: KernelFacts, result: TranslationUnit? = nil) {
        self.edit = edit
        self.unit = unit
        self.printed = printed
        self.facts = facts
        analysis = UnitAnalysis(unit, facts: facts)
        knownResult = result
    }

    /// The edit's site.
    var site: NodePath { edit.site }

    /// The node at `path` of the parent.
    func node(_ path: NodePath) -> SyntaxNode? { analysis.node(at: path) }

    /// The node at `path`, quoted as code: `` `for (i = 0; i < n; i++)` ``.
    func code(_ path: NodePath) -> String { node(path).map(code) ?? "`?`" }

    /// A node quoted as code.
    func code(_ node: SyntaxNode) -> String { "`" + CodeSnippet.of(node) + "`" }

    /// A statement quoted as code.
    func code(_ statement: Statement) -> String { "`" + CodeSnippet.of(statement) + "`" }

    /// An expression quoted as code.
    func code(_ expression: Expression) -> String { "`" + CodeSnippet.of(SyntaxNode.expression(expression)) + "`" }

    /// The lines of the node at `path`.
    func lines(_ path: NodePath) -> ClosedRange<Int>? { printed.lines(of: path) }

    /// The first line of the node at `path` (0 when it has none).
    func line(_ path: NodePath) -> Int { printed.line(of: path) ?? 0 }

    /// "line 12", or "lines 12–14" for a range of several lines.
    static func lineWord(_ lines: ClosedRange<Int>) -> String {
        lines.count == 1 ? "line \(lines.lowerBound)" : "lines \(lines.lowerBound)–\(lines.upperBound)"
    }

    /// "at line 12": where the node at `path` starts.
    func at(_ path: NodePath) -> String { "at line \(line(path))" }

    /// The smallest range covering both.
    static func union(_ a: ClosedRange<Int>?, _ b: ClosedRange<Int>?) -> ClosedRange<Int>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// The nearest statement at or above `path`.
    func statementPath(containing path: NodePath) -> NodePath? {
        ([path] + path.ancestors).first { node($0)?.asStatement != nil }
    }

    /// The name of the function whose definition contains `path`.
    func function(containing path: NodePath) -> String? {
        guard let index = path.indices.first, unit.declarations.indices.contains(index),
              case .function(let f) = unit.declarations[index] else { return nil }
        return f.name
    }

    /// The unit after the edit, or nil when it does not apply.
    func applied() -> TranslationUnit? { knownResult ?? (try? MutationRegistry.apply(edit, to: unit, facts: facts)) }

    /// The block item at `path` with its block.
    func blockSite(_ path: NodePath) -> BlockSite? { analysis.blockSite(at: path) }

    /// The items of the enclosing block, `first...`, that the edit changed: from the site's item to
    /// the last item that differs in `result` once `inserted` items put before the site are counted.
    func changedItems(of block: BlockSite, in result: TranslationUnit?, inserted: Int) -> ClosedRange<Int> {
        guard let result, let after = BlockSite(statementAt: block.path(ofItem: block.index), in: result) else {
            return block.index...block.index
        }
        let before = block.block.items, now = after.block.items
        var last = block.index
        for k in block.index..<before.count where k + inserted < now.count && now[k + inserted] != before[k] { last = k }
        return block.index...last
    }
}
