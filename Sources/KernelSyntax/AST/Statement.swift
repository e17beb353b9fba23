/// A `{ ... }` sequence of block items (statements and declarations).
///
/// The bodies of `if`, `else`, `while`, `do`, `for` and `switch` are always blocks: the parser
/// wraps a single unbraced statement in a one-item block, which C semantics make equivalent.
public struct Block: Hashable, Sendable, Codable {
    /// The items in order.
    public var items: [Statement]

    /// Creates a block.
    public init(_ items: [Statement] = []) { self.items = items }
}

/// The first clause of a `for` statement.
public enum ForInitializer: Hashable, Sendable, Codable {
    /// `for (int i = 0; ...)`.
    case declaration(VariableDeclaration)
    /// `for (i = 0; ...)`.
    case expression(Expression)
}

/// A statement or local declaration.
public indirect enum Statement: Hashable, Sendable, Codable {
    /// A nested `{ ... }` block.
    case compound(Block)
    /// A local variable declaration, possibly with several declarators.
    case declaration(VariableDeclaration)
    /// An expression followed by `;`.
    case expression(Expression)
    /// A lone `;`.
    case empty
    /// `if (condition) then else otherwise`; an `else if` is an else-block holding one `if`.
    case ifStatement(Expression, then: Block, else: Block?)
    /// `while (condition) body`.
    case whileLoop(Expression, Block)
    /// `do body while (condition);`.
    case doWhileLoop(Block, Expression)
    /// `for (initializer; condition; step) body`; every clause may be absent.
    case forLoop(ForInitializer?, Expression?, Expression?, Block)
    /// `switch (value) body`.
    case switchStatement(Expression, Block)
    /// `case value: statement` (a labeled statement, as in the C grammar).
    case caseLabel(Expression, Statement)
    /// `default: statement`.
    case defaultLabel(Statement)
    /// `break;`.
    case breakStatement
    /// `continue;`.
    case continueStatement
    /// `return;` or `return value;`.
    case returnStatement(Expression?)
}
