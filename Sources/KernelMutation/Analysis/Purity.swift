import KernelSyntax

/// Which functions of a unit are pure: calling them writes no memory and changes no caller
/// variable, so a call is equivalent to evaluating its arguments (plus a memory read when the
/// function reads through pointers).
///
/// A defined function is pure when its body writes no memory (effect summary), declares no
/// `static` object, and calls only functions already known to be pure. The analysis is a least
/// fixed point, so recursive functions are never pure. Kernels have no mutable file-scope
/// state (the parser only admits read-only tables), so these checks cover every side effect a
/// callee could have on its caller.
struct Purity {
    /// Pure functions, mapped to whether they may read memory.
    private(set) var readsMemory: [String: Bool] = [:]

    init(_ unit: TranslationUnit) {
        let definitions = unit.declarations.compactMap { d -> FunctionDeclaration? in
            if case .function(let f) = d, f.body != nil { return f }
            return nil
        }
        var changed = true
        while changed {
            changed = false
            for f in definitions where readsMemory[f.name] == nil {
                let body = f.body!
                let summary = EffectSummary(of: body)
                guard !summary.writesMemory, !Purity.hasStaticObject(body),
                      summary.calledFunctions.allSatisfy({ readsMemory[$0] != nil }) else { continue }
                readsMemory[f.name] = summary.readsMemory || summary.calledFunctions.contains { readsMemory[$0]! }
                changed = true
            }
        }
    }

    /// True if `name` is a pure function of the unit.
    func isPure(_ name: String) -> Bool { readsMemory[name] != nil }

    private static func hasStaticObject(_ block: Block) -> Bool {
        var found = false
        func visit(_ s: Statement) {
            switch s {
            case .declaration(let d) where d.storage != nil: found = true
            case .compound(let b), .whileLoop(_, let b), .doWhileLoop(let b, _), .switchStatement(_, let b):
                b.items.forEach(visit)
            case .ifStatement(_, let t, let e):
                t.items.forEach(visit)
                e?.items.forEach(visit)
            case .forLoop(_, _, _, let b): b.items.forEach(visit)
            case .caseLabel(_, let x), .defaultLabel(let x): visit(x)
            default: break
            }
        }
        block.items.forEach(visit)
        return found
    }

    /// `e` with every call of a pure function replaced by a stand-in with the same effects: its
    /// arguments (as a comma chain) and, if the function reads memory, a memory read.
    func erasingPureCalls(_ e: Expression) -> Expression {
        e.rewritten { node in
            guard case .call(let name, let arguments) = node, let reads = readsMemory[name] else { return nil }
            var parts = arguments.map(erasingPureCalls)
            if reads { parts.append(.unary(.dereference, .integer(0))) }
            guard var chain = parts.first else { return .integer(0) }
            for part in parts.dropFirst() { chain = .comma(chain, part) }
            return chain
        }
    }

    /// `s` with pure calls erased (see `erasingPureCalls(_:)` for expressions).
    func erasingPureCalls(_ s: Statement) -> Statement {
        s.rewritingExpressions { node in
            if case .call = node { return erasingPureCalls(node) }
            return nil
        }
    }
}
