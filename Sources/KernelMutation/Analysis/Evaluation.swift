import KernelSyntax

/// Questions about when and whether evaluating an expression can go wrong.
enum Evaluation {
    /// True if evaluating `e` one extra time, or earlier than written, cannot trap or change
    /// state: it is built only from variables, constants, casts and arithmetic, with division,
    /// remainder and shifts only by literal amounts that are safe (non-zero divisors, shift
    /// counts below 31). Memory reads and calls are excluded because the original program might
    /// never have performed them (e.g. a loop that runs zero times). Integer overflow in a value
    /// that is computed speculatively and then never used is accepted as harmless: gcc and
    /// TinyCC compile signed arithmetic to wrapping machine instructions.
    static func isSpeculationSafe(_ e: Expression) -> Bool {
        switch e {
        case .identifier, .integerLiteral, .floatingLiteral, .characterLiteral:
            return true
        case .unary(let op, let x):
            return [.plus, .negate, .bitwiseNot, .logicalNot].contains(op) && isSpeculationSafe(x)
        case .cast(_, let x):
            return isSpeculationSafe(x)
        case .binary(let op, let l, let r):
            switch op {
            case .divide, .remainder:
                guard let divisor = r.integerValue, divisor != 0 else { return false }
            case .shiftLeft, .shiftRight:
                guard let count = r.integerValue, count < 31 else { return false }
            default:
                break
            }
            return isSpeculationSafe(l) && isSpeculationSafe(r)
        case .conditional(let c, let t, let f):
            return isSpeculationSafe(c) && isSpeculationSafe(t) && isSpeculationSafe(f)
        default:
            return false
        }
    }

    /// The sub-expressions of `e` that are evaluated whenever `e` is: everything except the
    /// right operands of `&&`/`||`, the branches of `?:` and the operands of `sizeof`.
    static func unconditionalNodes(of e: Expression) -> [Expression] {
        var result: [Expression] = []
        func visit(_ x: Expression) {
            result.append(x)
            switch x {
            case .binary(.logicalAnd, let l, _), .binary(.logicalOr, let l, _), .conditional(let l, _, _):
                visit(l)
            case .sizeofExpression, .sizeofType:
                break
            default:
                x.operands.forEach(visit)
            }
        }
        visit(e)
        return result
    }

    /// The expressions a statement always evaluates when it starts executing: an expression
    /// statement's expression, a declaration's initializers, the value of `return`, and the
    /// condition of `if`, `while`, `switch` and `for` (whose initializer also runs).
    static func unconditionalNodes(of s: Statement) -> [Expression] {
        var roots: [Expression] = []
        switch s {
        case .expression(let e): roots = [e]
        case .declaration(let d):
            for declarator in d.declarators {
                if case .expression(let e)? = declarator.initializer { roots.append(e) }
            }
        case .returnStatement(let e?): roots = [e]
        case .ifStatement(let c, _, _), .whileLoop(let c, _), .switchStatement(let c, _): roots = [c]
        case .forLoop(let i, let c, _, _):
            if case .expression(let e)? = i { roots.append(e) }
            if case .declaration(let d)? = i {
                for declarator in d.declarators {
                    if case .expression(let e)? = declarator.initializer { roots.append(e) }
                }
            }
            if let c { roots.append(c) }
        default: break
        }
        return roots.flatMap(unconditionalNodes)
    }
}
