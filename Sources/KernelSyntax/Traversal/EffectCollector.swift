/// Walks expressions and statements, accumulating an `EffectSummary`.
struct EffectCollector {
    var summary = EffectSummary()
    var loopDepth = 0
    var breakableDepth = 0

    mutating func visit(_ e: Expression) {
        switch e {
        case .identifier(let name):
            summary.reads.insert(name)
        case .integerLiteral, .floatingLiteral, .characterLiteral, .stringLiteral, .sizeofType, .sizeofExpression:
            break
        case .unary(.addressOf, let operand):
            visitAddress(operand)
        case .unary(.dereference, let operand):
            summary.readsMemory = true
            visit(operand)
        case .unary(let op, let operand) where op.modifiesOperand:
            visitTarget(operand, alsoReads: true)
        case .postfix(_, let operand):
            visitTarget(operand, alsoReads: true)
        case .assignment(let op, let target, let value):
            visitTarget(target, alsoReads: op != .assign)
            visit(value)
        case .subscript(let base, let index):
            summary.readsMemory = true
            visit(base)
            visit(index)
        case .call(let name, let arguments):
            summary.calledFunctions.insert(name)
            summary.readsMemory = true
            summary.writesMemory = true
            for argument in arguments { visit(argument) }
        case .unary(_, let x), .cast(_, let x):
            visit(x)
        case .binary(_, let l, let r), .comma(let l, let r):
            visit(l)
            visit(r)
        case .conditional(let c, let t, let f):
            visit(c)
            visit(t)
            visit(f)
        }
    }

    /// An assignment or increment target; `alsoReads` for compound assignment and `++`/`--`.
    mutating func visitTarget(_ e: Expression, alsoReads: Bool) {
        switch e {
        case .identifier(let name):
            summary.writes.insert(name)
            if alsoReads { summary.reads.insert(name) }
        case .subscript(let base, let index):
            summary.writesMemory = true
            if alsoReads { summary.readsMemory = true }
            if let name = EffectCollector.baseName(base) { summary.memoryWriteBases.insert(name) }
            visit(base)
            visit(index)
        case .unary(.dereference, let pointer):
            summary.writesMemory = true
            if alsoReads { summary.readsMemory = true }
            if let name = EffectCollector.baseName(pointer) { summary.memoryWriteBases.insert(name) }
            visit(pointer)
        default:
            summary.writesMemory = true
            visit(e)
        }
    }

    mutating func visitAddress(_ e: Expression) {
        switch e {
        case .identifier(let name):
            summary.addressTaken.insert(name)
        case .subscript(let base, let index):
            if let name = EffectCollector.baseName(base) { summary.addressTaken.insert(name) }
            visit(base)
            visit(index)
        case .unary(.dereference, let pointer):
            visit(pointer)
        default:
            visit(e)
        }
    }

    /// The variable at the root of `a`, `a[i]`, `p + 1`, `*p`, `(T *)p`, if any.
    static func baseName(_ e: Expression) -> String? {
        switch e {
        case .identifier(let name): return name
        case .subscript(let b, _), .unary(.dereference, let b), .cast(_, let b), .postfix(_, let b),
             .binary(.add, let b, _), .binary(.subtract, let b, _):
            return baseName(b)
        case .unary(let op, let b) where op.modifiesOperand: return baseName(b)
        case .assignment(_, let target, _): return baseName(target)
        default: return nil
        }
    }

    mutating func visit(_ d: VariableDeclaration) {
        for declarator in d.declarators {
            summary.declares.insert(declarator.name)
            for case let size? in declarator.arrayDimensions { visit(size) }
            if let initializer = declarator.initializer {
                summary.writes.insert(declarator.name)
                visit(initializer)
            }
        }
    }

    mutating func visit(_ initializer: Initializer) {
        switch initializer {
        case .expression(let e): visit(e)
        case .list(let items): for item in items { visit(item) }
        }
    }

    mutating func visit(_ block: Block) {
        for item in block.items { visit(item) }
    }

    mutating func visitLoopBody(_ block: Block) {
        loopDepth += 1
        breakableDepth += 1
        visit(block)
        loopDepth -= 1
        breakableDepth -= 1
    }

    mutating func visit(_ s: Statement) {
        switch s {
        case .compound(let b): visit(b)
        case .declaration(let d): visit(d)
        case .expression(let e): visit(e)
        case .empty: break
        case .ifStatement(let c, let t, let e):
            visit(c)
            visit(t)
            if let e { visit(e) }
        case .whileLoop(let c, let b):
            visit(c)
            visitLoopBody(b)
        case .doWhileLoop(let b, let c):
            visitLoopBody(b)
            visit(c)
        case .forLoop(let i, let c, let step, let b):
            switch i {
            case .declaration(let d)?: visit(d)
            case .expression(let e)?: visit(e)
            case nil: break
            }
            if let c { visit(c) }
            if let step { visit(step) }
            visitLoopBody(b)
        case .switchStatement(let v, let b):
            visit(v)
            breakableDepth += 1
            visit(b)
            breakableDepth -= 1
        case .caseLabel(let v, let l):
            visit(v)
            visit(l)
        case .defaultLabel(let l): visit(l)
        case .breakStatement: if breakableDepth == 0 { summary.hasEscapingBreak = true }
        case .continueStatement: if loopDepth == 0 { summary.hasEscapingContinue = true }
        case .returnStatement(let v):
            summary.containsReturn = true
            if let v { visit(v) }
        }
    }
}
