import KernelSyntax

/// A statement that is an item of a block (a function body, a control-statement body or a
/// nested `{ }`), together with that block, so operators can insert, remove and replace items.
struct BlockSite {
    /// The path of the block node (`.block` or `.statement(.compound)`).
    var blockPath: NodePath
    /// The item index of the statement within the block.
    var index: Int
    /// The block's items.
    var block: Block
    /// True if the block node is a compound statement rather than a body slot.
    var isCompound: Bool
    /// True if the block is the body of a `switch` (whose items carry case labels).
    var isSwitchBody: Bool

    /// The statement at the site.
    var statement: Statement { block.items[index] }

    /// The path of the item at `index`.
    func path(ofItem index: Int) -> NodePath { blockPath.appending(index) }

    /// The block context of the statement at `path`, or `nil` if its parent is not a block.
    init?(statementAt path: NodePath, in unit: TranslationUnit) {
        self.init(statementAt: path, lookup: unit.node(at:))
    }

    /// The same, looking nodes up with `lookup`.
    init?(statementAt path: NodePath, lookup: (NodePath) -> SyntaxNode?) {
        guard let parent = path.parent, let index = path.indices.last, parent.indices.count >= 2 else { return nil }
        switch lookup(parent) {
        case .block(let b)?:
            block = b
            isCompound = false
        case .statement(.compound(let b))?:
            block = b
            isCompound = true
        default:
            return nil
        }
        guard block.items.indices.contains(index) else { return nil }
        blockPath = parent
        self.index = index
        var switchBody = false
        if !isCompound, let grandparent = parent.parent, case .statement(.switchStatement)? = lookup(grandparent) {
            switchBody = true
        }
        isSwitchBody = switchBody
    }

    /// Returns `unit` with the items in `range` replaced by `items`.
    func replacing(_ range: Range<Int>, with items: [Statement], in unit: TranslationUnit) throws -> TranslationUnit {
        guard case .some(let node) = unit.node(at: blockPath) else { throw NodePathError.noNode(blockPath) }
        var current: Block
        switch node {
        case .block(let b): current = b
        case .statement(.compound(let b)): current = b
        default: throw NodePathError.noNode(blockPath)
        }
        guard range.lowerBound >= 0, range.upperBound <= current.items.count else { throw NodePathError.noNode(blockPath) }
        current.items.replaceSubrange(range, with: items)
        let replacement: SyntaxNode = isCompound ? .statement(.compound(current)) : .block(current)
        return try unit.replacing(blockPath, with: replacement)
    }

    /// Returns `unit` with `items` inserted before the item at `index`.
    func inserting(_ items: [Statement], before index: Int, in unit: TranslationUnit) throws -> TranslationUnit {
        try replacing(index..<index, with: items, in: unit)
    }
}

extension TranslationUnit {
    /// Returns the unit with the statement at `path` replaced by `statements`: spliced into the
    /// enclosing block when there is one, otherwise wrapped in a compound statement.
    func replacingStatement(at path: NodePath, with statements: [Statement]) throws -> TranslationUnit {
        if let site = BlockSite(statementAt: path, in: self) {
            return try site.replacing(site.index..<(site.index + 1), with: statements, in: self)
        }
        let single = statements.count == 1 ? statements[0] : .compound(Block(statements))
        return try replacing(path, with: single)
    }
}
