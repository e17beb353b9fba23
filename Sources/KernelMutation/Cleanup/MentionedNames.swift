import KernelSyntax

/// The names code mentions: variables, tables and functions, in evaluated code or not.
///
/// Unlike `EffectSummary`, which leaves out the operands of `sizeof` (they are not evaluated),
/// this counts every spelling, including those inside `sizeof` and in the array sizes of type
/// names: whatever is mentioned must still be declared for the kernel to compile.
extension Expression {
    /// Every identifier and called function in the expression.
    var mentionedNames: Set<String> {
        var names: Set<String> = []
        forEachNode { node in
            switch node {
            case .identifier(let name), .call(let name, _): names.insert(name)
            case .cast(let type, _), .sizeofType(let type): names.formUnion(type.mentionedNames)
            default: break
            }
        }
        return names
    }
}

extension TypeName {
    /// The names mentioned in the type's array sizes.
    var mentionedNames: Set<String> {
        arrayDimensions.reduce(into: []) { names, size in names.formUnion(size?.mentionedNames ?? []) }
    }
}

extension Statement {
    /// Every name mentioned by the expressions of the statement and its nested statements.
    var mentionedNames: Set<String> {
        var names: Set<String> = []
        forEachExpression { names.formUnion($0.mentionedNames) }
        return names
    }
}

extension FunctionDeclaration {
    /// Every name mentioned by the body and by the array sizes in the signature.
    var mentionedNames: Set<String> {
        var names = returnType.mentionedNames
        for parameter in parameters { names.formUnion(parameter.type.mentionedNames) }
        for item in body?.items ?? [] { names.formUnion(item.mentionedNames) }
        return names
    }
}
