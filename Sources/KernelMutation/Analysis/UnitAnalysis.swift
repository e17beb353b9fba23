import KernelSyntax

/// The unit being mutated plus analyses computed once and shared by every site an operator
/// examines (purity of the unit's functions, and each function's context).
final class UnitAnalysis {
    /// The unit.
    let unit: TranslationUnit
    /// Which functions are pure.
    private(set) lazy var purity = Purity(unit)
    private var contexts: [Int: FunctionContext?] = [:]

    /// Every node by path (lookups through `TranslationUnit.node(at:)` rebuild child lists at
    /// each level, which dominates when every site of a unit is examined).
    private lazy var nodes: [NodePath: SyntaxNode] = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.node) })

    /// Every node with its path, in pre-order.
    private(set) lazy var entries: [NodeEntry<SyntaxNode>] = unit.allNodes()

    /// What the harness tells about the kernel's parameters.
    let facts: KernelFacts

    init(_ unit: TranslationUnit, facts: KernelFacts = .none) {
        self.unit = unit
        self.facts = facts
    }

    /// The node at `path`.
    func node(at path: NodePath) -> SyntaxNode? { nodes[path] }

    /// The statement at `path`, if that node is one.
    func statement(at path: NodePath) -> Statement? { nodes[path]?.asStatement }

    /// The expression at `path`, if that node is one.
    func expression(at path: NodePath) -> Expression? { nodes[path]?.asExpression }

    /// The block context of the statement at `path`.
    func blockSite(at path: NodePath) -> BlockSite? { BlockSite(statementAt: path, lookup: node(at:)) }

    /// The nearest ancestor of `path` (or `path` itself) that is an item of a block.
    func enclosingBlockItem(of path: NodePath) -> BlockSite? {
        if let site = blockSite(at: path) { return site }
        for ancestor in path.ancestors {
            if case .statement? = node(at: ancestor), let site = blockSite(at: ancestor) { return site }
        }
        return nil
    }

    /// The first node equal to `target` in pre-order below (and including) `path`.
    func firstOccurrence(of target: Expression, under path: NodePath) -> NodePath? {
        func search(_ node: SyntaxNode, _ at: NodePath) -> NodePath? {
            if case .expression(target) = node { return at }
            for (index, child) in node.children {
                if let found = search(child, at.appending(index)) { return found }
            }
            return nil
        }
        return node(at: path).flatMap { search($0, path) }
    }

    /// True if the node at `path` lies inside a `sizeof` operand or is the operand of `&`.
    func isInsideSizeofOrAddress(_ path: NodePath) -> Bool {
        if let parent = path.parent, case .expression(.unary(.addressOf, _))? = node(at: parent) { return true }
        return path.ancestors.contains { ancestor in
            if case .expression(.sizeofExpression)? = node(at: ancestor) { return true }
            return false
        }
    }

    /// The context of the function definition containing `site`, or `nil` outside definitions.
    func context(at site: NodePath) -> FunctionContext? {
        guard let index = site.indices.first else { return nil }
        if let cached = contexts[index] { return cached }
        let context = FunctionContext(unit: unit, index: index, purity: purity)
        contexts[index] = context
        return context
    }
}
