/// Any addressable node of the AST, as seen by `NodePath` traversal.
///
/// Child numbering (`children`):
/// - `.external`: a function definition has its body `.block` at 0; a constant table has its
///   declarators at 0...n-1; prototypes and typedefs have none.
/// - `.block` and `.statement(.compound)`: item `i` at `i`.
/// - `.statement`: `declaration` → declarators; `expression` → 0; `if` → 0 condition, 1 then,
///   2 else; `while` → 0 condition, 1 body; `do` → 0 body, 1 condition; `for` → 0 init (a
///   `.statement(.declaration)` or an `.expression`), 1 condition, 2 step, 3 body; `switch` →
///   0 value, 1 body; `case` → 0 value, 1 statement; `default` → 0 statement; `return` → 0 value.
/// - `.declarator`: its initializer at 0 (array dimensions are not addressable).
/// - `.initializer`: an expression initializer has the `.expression` at 0; a list has item `i` at `i`.
/// - `.expression`: operands left to right (call arguments at `i`; casts and `sizeof(type)`
///   expose only expression operands).
public enum SyntaxNode: Hashable, Sendable {
    /// A top-level declaration.
    case external(ExternalDeclaration)
    /// A function body or a control-statement body.
    case block(Block)
    /// A statement or local declaration.
    case statement(Statement)
    /// One declarator of a declaration.
    case declarator(Declarator)
    /// An initializer (expression or brace list).
    case initializer(Initializer)
    /// An expression.
    case expression(Expression)

    /// A short name of the node's kind, used in errors.
    public var kindName: String {
        switch self {
        case .external: return "a top-level declaration"
        case .block: return "a block"
        case .statement: return "a statement"
        case .declarator: return "a declarator"
        case .initializer: return "an initializer"
        case .expression: return "an expression"
        }
    }

    /// The statement, if this is one.
    public var asStatement: Statement? { if case .statement(let s) = self { return s } else { return nil } }
    /// The expression, if this is one.
    public var asExpression: Expression? { if case .expression(let e) = self { return e } else { return nil } }
    /// The block, if this is one.
    public var asBlock: Block? { if case .block(let b) = self { return b } else { return nil } }

    /// The child at `index`, if present.
    public func child(at index: Int) -> SyntaxNode? {
        children.first { $0.index == index }?.node
    }

    /// The direct children with their indices, in order.
    public var children: [(index: Int, node: SyntaxNode)] {
        func indexed(_ nodes: [SyntaxNode]) -> [(index: Int, node: SyntaxNode)] {
            nodes.enumerated().map { ($0.offset, $0.element) }
        }
        func slots(_ nodes: [SyntaxNode?]) -> [(index: Int, node: SyntaxNode)] {
            nodes.enumerated().compactMap { pair in pair.element.map { (pair.offset, $0) } }
        }
        switch self {
        case .external(.function(let f)):
            return slots([f.body.map(SyntaxNode.block)])
        case .external(.constantTable(let d)):
            return indexed(d.declarators.map(SyntaxNode.declarator))
        case .external(.typedef):
            return []
        case .block(let b):
            return indexed(b.items.map(SyntaxNode.statement))
        case .statement(let s):
            return slots(SyntaxNode.statementChildren(s))
        case .declarator(let d):
            return slots([d.initializer.map(SyntaxNode.initializer)])
        case .initializer(.expression(let e)):
            return [(0, .expression(e))]
        case .initializer(.list(let items)):
            return indexed(items.map(SyntaxNode.initializer))
        case .expression(let e):
            return indexed(SyntaxNode.operands(of: e).map(SyntaxNode.expression))
        }
    }

    static func statementChildren(_ s: Statement) -> [SyntaxNode?] {
        switch s {
        case .compound(let b): return b.items.map(SyntaxNode.statement)
        case .declaration(let d): return d.declarators.map(SyntaxNode.declarator)
        case .expression(let e): return [.expression(e)]
        case .empty, .breakStatement, .continueStatement: return []
        case .ifStatement(let c, let t, let e): return [.expression(c), .block(t), e.map(SyntaxNode.block)]
        case .whileLoop(let c, let b): return [.expression(c), .block(b)]
        case .doWhileLoop(let b, let c): return [.block(b), .expression(c)]
        case .forLoop(let i, let c, let step, let b):
            let initNode: SyntaxNode?
            switch i {
            case .declaration(let d)?: initNode = .statement(.declaration(d))
            case .expression(let e)?: initNode = .expression(e)
            case nil: initNode = nil
            }
            return [initNode, c.map(SyntaxNode.expression), step.map(SyntaxNode.expression), .block(b)]
        case .switchStatement(let v, let b): return [.expression(v), .block(b)]
        case .caseLabel(let v, let l): return [.expression(v), .statement(l)]
        case .defaultLabel(let l): return [.statement(l)]
        case .returnStatement(let v): return [v.map(SyntaxNode.expression)]
        }
    }

    /// The expression operands of `e`, left to right.
    static func operands(of e: Expression) -> [Expression] {
        switch e {
        case .identifier, .integerLiteral, .floatingLiteral, .characterLiteral, .stringLiteral, .sizeofType:
            return []
        case .unary(_, let x), .postfix(_, let x), .cast(_, let x), .sizeofExpression(let x):
            return [x]
        case .binary(_, let l, let r), .assignment(_, let l, let r), .comma(let l, let r), .subscript(let l, let r):
            return [l, r]
        case .conditional(let c, let t, let f):
            return [c, t, f]
        case .call(_, let arguments):
            return arguments
        }
    }
}
