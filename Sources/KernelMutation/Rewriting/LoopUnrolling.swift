import KernelSyntax

/// Construction shared by the operators that unroll a counted loop: a main loop running `k`
/// body copies per trip, then the original loop as a remainder from wherever `i` stopped.
enum LoopUnrolling {
    /// Why the main-loop test `(long long)i + (k - 1) < b` would not be exact, or `nil`.
    ///
    /// The test is computed in `long long`, so it cannot overflow, and it equals "the next `k`
    /// values of `i` all pass `i < b`" when `i` is an `int` (or `unsigned int`) and `b` has the
    /// same type after promotion, so that the original comparison is an ordinary comparison of
    /// two values of that type.
    static func typeViolation(_ loop: CanonicalLoop, in context: FunctionContext) -> String? {
        guard let variable = loop.variableType(in: context)?.arithmetic,
              variable == .int || variable == .unsignedInt else {
            return "the loop variable is not an int or unsigned int"
        }
        guard let bound = context.valueType(of: loop.bound)?.arithmetic, bound.isInteger,
              bound.promoted == variable else {
            return "the bound's type differs from the loop variable's"
        }
        return nil
    }

    /// The statements replacing `loop`: main loop plus remainder loop (wrapped together with the
    /// declaration of `i` in a compound statement when the loop declared it). `copy(j, body)`
    /// gives the body for the `j`-th copy of an iteration, `j` in `0..<factor`; the remainder runs
    /// `copy(0, body)`.
    static func unrolled(_ loop: CanonicalLoop, factor: Int, copy: (Int, Block) -> Block) -> [Statement] {
        let i = Expression.identifier(loop.variable)
        let widened = Expression.binary(.add, .cast(TypeName(.longLong), i), .integer(UInt64(factor - 1)))
        let mainCondition = Expression.binary(loop.inclusive ? .lessEqual : .less, widened, loop.bound)
        let mainStep = Expression.assignment(.add, i, .integer(UInt64(factor)))
        let copies = (0..<factor).map { copy($0, loop.body) }
        let mainItems: [Statement] = loop.body.hasTopLevelDeclarations
            ? copies.map { Statement.compound($0) }
            : copies.flatMap { $0.items }
        let remainder = Statement.forLoop(nil, loop.condition, loop.step, copy(0, loop.body))
        switch loop.initializer {
        case .declaration(let d):
            let main = Statement.forLoop(nil, mainCondition, mainStep, Block(mainItems))
            return [.compound(Block([.declaration(d), main, remainder]))]
        case .expression:
            return [.forLoop(loop.initializer, mainCondition, mainStep, Block(mainItems)), remainder]
        }
    }

    /// The body with the loop variable advanced by `offset` (`i` becomes `i + offset`).
    static func shifted(_ body: Block, variable: String, by offset: Int) -> Block {
        guard offset > 0 else { return body }
        let replacement = Expression.binary(.add, .identifier(variable), .integer(UInt64(offset)))
        return body.rewritingExpressions { node in
            if case .identifier(variable) = node { return replacement }
            return nil
        }
    }
}
