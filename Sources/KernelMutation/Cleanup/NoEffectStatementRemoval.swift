import KernelSyntax

/// Removes expression statements without effect, e.g. `bins_0[v_0];`, `x;`, `a + b;`, `(void)0;`.
///
/// An expression is without effect when its `EffectSummary` has no side effects: no assignment,
/// no `++`/`--` and no call. Conservative beyond that: a side effect written inside a `sizeof`
/// operand or an array size of a type name also keeps the statement (the summary skips them as
/// unevaluated, but the operand of a variable-length array type is evaluated). Reading memory is
/// not an effect: a read that could trap would be undefined behaviour, which a passing kernel
/// does not rely on. A statement removed from a block disappears; one that is the statement of
/// a `case`/`default` label becomes `;`.
struct NoEffectStatementRemoval: CleanupRule {
    func clean(_ unit: TranslationUnit, entry: String) -> CleanupResult {
        var result = CleanupResult(unit: unit)
        for context in rewritableFunctions(in: UnitAnalysis(unit)) {
            let name = context.function.name
            var steps: [CleanupStep] = []
            func removed(_ e: Expression) {
                steps.append(CleanupStep(kind: .noEffectStatement, description:
                    "removed statement without effect `\(CPrinter.print(e));` in `\(name)`"))
            }
            var function = context.function
            function.body = function.body?.mappingStatements { s in
                switch s {
                case .expression(let e) where Self.isWithoutEffect(e):
                    removed(e)
                    return []
                case .caseLabel(let value, .expression(let e)) where Self.isWithoutEffect(e):
                    removed(e)
                    return [.caseLabel(value, .empty)]
                case .defaultLabel(.expression(let e)) where Self.isWithoutEffect(e):
                    removed(e)
                    return [.defaultLabel(.empty)]
                default:
                    return nil
                }
            }
            guard !steps.isEmpty else { continue }
            result.unit.declarations[context.index] = .function(function)
            result.steps += steps
        }
        return result
    }

    /// True if evaluating `e` as a statement can have no effect (see the type's documentation).
    static func isWithoutEffect(_ e: Expression) -> Bool {
        guard !e.effects.hasSideEffects else { return false }
        var hidden = false
        func check(_ type: TypeName) {
            for case let size? in type.arrayDimensions where !isWithoutEffect(size) { hidden = true }
        }
        e.forEachNode { node in
            switch node {
            case .sizeofExpression(let operand): if operand.effects.hasSideEffects { hidden = true }
            case .sizeofType(let type), .cast(let type, _): check(type)
            default: break
            }
        }
        return !hidden
    }
}
