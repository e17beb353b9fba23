import KernelSyntax

/// Replaces a binary operator by a related one; the parameter `to` is the new operator's index
/// in `BinaryOperator.allCases`. NOT semantics-preserving.
///
/// Related operators: `<` ↔ `<=`, `>` ↔ `>=`, `<` ↔ `>`, `<=` ↔ `>=`, `==` ↔ `!=`, `+` ↔ `-`,
/// `*` → `+`, `/` → `*`, `&&` ↔ `||`, `&` ↔ `|`, `|` ↔ `^`, `<<` ↔ `>>`. `+`/`-` are only
/// exchanged on arithmetic operands or `pointer ± integer` (other pointer forms would not compile).
struct OperatorReplace: SiteOperator {
    let name = "operator-replace"
    let preservesSemantics = false

    /// The replacements offered for each operator, in a fixed order.
    static let related: [BinaryOperator: [BinaryOperator]] = [
        .less: [.lessEqual, .greater], .lessEqual: [.less, .greaterEqual],
        .greater: [.greaterEqual, .less], .greaterEqual: [.greater, .lessEqual],
        .equal: [.notEqual], .notEqual: [.equal],
        .add: [.subtract], .subtract: [.add], .multiply: [.add], .divide: [.multiply],
        .logicalAnd: [.logicalOr], .logicalOr: [.logicalAnd],
        .bitwiseAnd: [.bitwiseOr], .bitwiseOr: [.bitwiseAnd, .bitwiseXor], .bitwiseXor: [.bitwiseOr],
        .shiftLeft: [.shiftRight], .shiftRight: [.shiftLeft],
    ]

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .expression(.binary) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .binary(let op, let l, let r) = try expression(at: site, in: analysis),
              let targets = OperatorReplace.related[op] else { throw wrongSite(site, "a binary operator with related ones") }
        let context = try anyContext(site, analysis)
        if op == .add || op == .subtract {
            let x = context.valueType(of: l), y = context.valueType(of: r)
            let arithmetic = x?.arithmetic != nil && y?.arithmetic != nil
            let pointerOffset = x?.isPointer == true && y?.isInteger == true
            try require(arithmetic || pointerOffset, site, "the operands are not arithmetic or pointer + integer")
        }
        return targets.map { target in
            Plan(["to": BinaryOperator.allCases.firstIndex(of: target)!]) {
                try unit.replacing(site, with: Expression.binary(target, l, r))
            }
        }
    }
}
