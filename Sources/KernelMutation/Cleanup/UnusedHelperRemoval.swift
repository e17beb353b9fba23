import KernelSyntax

/// Removes `static` functions that the entry function no longer calls, directly or through
/// other functions: every declaration of such a helper (definition and prototypes) goes.
///
/// Reachability is syntactic and conservative: a function is used when its name is mentioned at
/// all (`mentionedNames`, which includes `sizeof` operands, since they must still compile) by a
/// used function, a file-scope table or a typedef. The roots are the entry function and every
/// function with a declaration that is not `static` (external linkage: someone else may call
/// it), so only names all of whose declarations are `static` are ever removed. Nothing is
/// removed when `entry` has no definition in the unit.
struct UnusedHelperRemoval: CleanupRule {
    func clean(_ unit: TranslationUnit, entry: String) -> CleanupResult {
        guard unit.definition(of: entry) != nil else { return CleanupResult(unit: unit) }
        var mentions: [String: Set<String>] = [:]
        var internalNames: Set<String> = []
        var externalNames: Set<String> = []
        var roots: Set<String> = [entry]
        for declaration in unit.declarations {
            switch declaration {
            case .function(let f):
                mentions[f.name, default: []].formUnion(f.mentionedNames)
                if f.storage == .static { internalNames.insert(f.name) } else { externalNames.insert(f.name) }
            case .constantTable(let d):
                roots.formUnion(Statement.declaration(d).mentionedNames)
            case .typedef(let t):
                roots.formUnion(t.type.mentionedNames)
            }
        }
        roots.formUnion(externalNames)
        var used: Set<String> = []
        var pending = Array(roots)
        while let name = pending.popLast() {
            guard used.insert(name).inserted else { continue }
            pending += (mentions[name] ?? []).subtracting(used)
        }
        let unused = internalNames.subtracting(externalNames).subtracting(used)
        guard !unused.isEmpty else { return CleanupResult(unit: unit) }
        var result = CleanupResult(unit: TranslationUnit([]))
        var reported: Set<String> = []
        for declaration in unit.declarations {
            guard case .function(let f) = declaration, unused.contains(f.name) else {
                result.unit.declarations.append(declaration)
                continue
            }
            if reported.insert(f.name).inserted {
                result.steps.append(CleanupStep(kind: .unusedHelper, description: "removed unused static helper `\(f.name)`"))
            }
        }
        return result
    }
}
