import KernelTestSupport
import KernelSyntax
@testable import KernelMutation

/// Adds dead code of every kind the clean-up removes to a kernel, without changing what it
/// computes: a never-called copy of every `static` helper (calling each other's copies; all at
/// the end, after their prototypes), a `(void)0;` at the start of every block, and a copy of
/// every parameter of the entry function that all its uses then name (plus a statement reading
/// the copy).
enum DeadCode {
    static func injected(into unit: TranslationUnit, entry: String) -> TranslationUnit {
        var names = FreshNames(unit)
        var deadNames: [String: String] = [:]
        for f in unit.functions where f.storage == .static && f.body != nil && deadNames[f.name] == nil {
            deadNames[f.name] = names.make(f.name + "_dead")
        }
        func retargeted(_ e: Expression) -> Expression? {
            guard case .call(let name, let arguments) = e, let target = deadNames[name] else { return nil }
            return .call(target, arguments.map { $0.rewritten(retargeted) })
        }
        var result = TranslationUnit([])
        var prototypes: [ExternalDeclaration] = []
        var definitions: [ExternalDeclaration] = []
        for declaration in unit.declarations {
            guard case .function(var f) = declaration, let body = f.body else {
                result.declarations.append(declaration)
                continue
            }
            if f.name == entry { f.body = copyingParameters(of: f, body, &names) }
            f.body = padded(f.body!)
            result.declarations.append(.function(f))
            if let dead = deadNames[f.name] {
                var copy = f
                copy.name = dead
                copy.body = padded(body.rewritingExpressions(retargeted))
                definitions.append(.function(copy))
                copy.body = nil
                prototypes.append(.function(copy))
            }
        }
        result.declarations += prototypes + definitions
        return result
    }

    /// `T p_copy = p;` for every named parameter, the body's uses of `p` renamed to the copy.
    private static func copyingParameters(of f: FunctionDeclaration, _ body: Block, _ names: inout FreshNames) -> Block {
        var copies: [Statement] = []
        var reads: [Statement] = []
        var renaming: [String: String] = [:]
        for parameter in f.parameters {
            guard let name = parameter.name else { continue }
            let copy = names.make(name + "_copy")
            renaming[name] = copy
            copies.append(Declarations.local(copy, Declarations.parameterType(parameter.type), .identifier(name)))
            reads.append(.expression(.identifier(copy)))
        }
        let map = renaming
        let renamed = body.renaming(map) { node in node.identifierName.flatMap { map[$0] }.map(Expression.identifier) }
        return Block(copies + reads + renamed.items)
    }

    /// The block with `(void)0;` first in it and in every nested block.
    private static func padded(_ block: Block) -> Block {
        Block([.expression(.cast(TypeName(.void), .integer(0)))] + block.items.map(padded))
    }

    private static func padded(_ s: Statement) -> Statement {
        switch s {
        case .compound(let b): return .compound(padded(b))
        case .ifStatement(let c, let t, let e): return .ifStatement(c, then: padded(t), else: e.map(padded))
        case .whileLoop(let c, let b): return .whileLoop(c, padded(b))
        case .doWhileLoop(let b, let c): return .doWhileLoop(padded(b), c)
        case .forLoop(let i, let c, let step, let b): return .forLoop(i, c, step, padded(b))
        case .switchStatement(let v, let b): return .switchStatement(v, padded(b))
        case .caseLabel(let v, let x): return .caseLabel(v, padded(x))
        case .defaultLabel(let x): return .defaultLabel(padded(x))
        default: return s
        }
    }
}
