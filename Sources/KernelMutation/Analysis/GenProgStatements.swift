import KernelSyntax

/// Statements that GenProg-style operators may delete, duplicate or move: items of a block that
/// are neither declarations (their removal or duplication would not compile), `case`/`default`
/// labels, nor empty statements.
enum GenProgStatements {
    static func isMovable(_ s: Statement) -> Bool { !s.isDeclaration && !s.isLabel && s != .empty }
}
