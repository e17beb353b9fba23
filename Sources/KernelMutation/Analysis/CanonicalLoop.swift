import KernelSyntax

/// A counted loop `for (i = a; i < b; i++) body`, also with `int i = a`, `<=`, `++i`,
/// `i += 1` or `i = i + 1`. Recognition is purely syntactic; `checkCounted` adds the semantic
/// checks that make `i` run exactly through `a, a+1, ...` while `b` stays fixed.
struct CanonicalLoop {
    /// The loop variable.
    var variable: String
    /// The start value `a`.
    var start: Expression
    /// The whole `for` initializer (kept verbatim when rebuilding loops).
    var initializer: ForInitializer
    /// The bound `b`.
    var bound: Expression
    /// True for `i <= b`.
    var inclusive: Bool
    /// The condition and step as written.
    var condition: Expression
    var step: Expression
    /// The body.
    var body: Block

    /// Recognises the canonical shape.
    init?(_ statement: Statement) {
        guard case .forLoop(let initializer?, let condition?, let step?, let body) = statement else { return nil }
        switch initializer {
        case .expression(.assignment(.assign, .identifier(let name), let a)):
            variable = name
            start = a
        case .declaration(let d):
            guard d.storage == nil, d.declarators.count == 1, let declarator = d.declarators.first,
                  declarator.pointers.isEmpty, declarator.arrayDimensions.isEmpty,
                  case .expression(let a)? = declarator.initializer else { return nil }
            variable = declarator.name
            start = a
        default:
            return nil
        }
        switch condition {
        case .binary(.less, .identifier(variable), let b): inclusive = false; bound = b
        case .binary(.lessEqual, .identifier(variable), let b): inclusive = true; bound = b
        default: return nil
        }
        let i = Expression.identifier(variable)
        switch step {
        case .postfix(.increment, i), .unary(.preIncrement, i): break
        case .assignment(.add, i, let one) where one.integerValue == 1: break
        case .assignment(.assign, i, .binary(.add, i, let one)) where one.integerValue == 1: break
        default: return nil
        }
        self.initializer = initializer
        self.condition = condition
        self.step = step
        self.body = body
    }

    /// Rebuilds a `for` statement with this loop's header and another body.
    func with(body newBody: Block) -> Statement { .forLoop(initializer, condition, step, newBody) }

    /// Why the loop does not count `i = a, a+1, ...` up to a fixed bound, or `nil` if it does:
    /// the body neither writes nor redeclares `i`, `i` never has its address taken, and the bound
    /// has no side effects and reads nothing the body may change (variables or, if it reads
    /// memory, any memory).
    func countingViolation(in context: FunctionContext) -> String? {
        let body = context.effects(of: self.body)
        let bound = context.effects(of: self.bound)
        if body.writes.contains(variable) { return "the body writes the loop variable '\(variable)'" }
        if body.declares.contains(variable) { return "the body redeclares the loop variable '\(variable)'" }
        if context.addressTaken.contains(variable) { return "the address of '\(variable)' is taken" }
        if bound.hasSideEffects { return "the loop bound has side effects" }
        if bound.reads.contains(variable) { return "the loop bound depends on the loop variable" }
        if !bound.reads.isDisjoint(with: body.writes) { return "the body writes a variable of the loop bound" }
        if bound.readsMemory && body.writesMemory { return "the bound reads memory that the body may write" }
        return nil
    }

    /// Why the body may leave an iteration early (`return`, or `break`/`continue` of this loop).
    func controlViolation(in context: FunctionContext) -> String? {
        let body = context.effects(of: self.body)
        if body.containsReturn { return "the body contains a return" }
        if body.hasEscapingBreak { return "the body breaks out of the loop" }
        if body.hasEscapingContinue { return "the body continues the loop" }
        return nil
    }

    /// The value type of the loop variable.
    func variableType(in context: FunctionContext) -> ValueType? { context.types.valueType(of: variable) }
}
