import KernelSyntax

/// Building local declarations and locating the statements that contain a node.
enum Declarations {
    /// `T name = value;` (or without initializer) for a value type spelled by `type`.
    static func local(_ name: String, _ type: TypeName, _ value: Expression?) -> Statement {
        .declaration(VariableDeclaration(
            specifier: type.specifier, qualifiers: type.qualifiers,
            declarators: [Declarator(name: name, pointers: type.pointers, arrayDimensions: type.arrayDimensions,
                                     initializer: value.map(Initializer.expression))]))
    }

    /// The type of a parameter as a local variable: an array parameter is the pointer it denotes.
    static func parameterType(_ type: TypeName) -> TypeName {
        guard type.arrayDimensions.count == 1 else { return type }
        return TypeName(type.specifier, qualifiers: type.qualifiers, pointers: type.pointers + [[]])
    }
}

extension TranslationUnit {
    /// The nearest ancestor of `path` (or `path` itself) that is an item of a block.
    func enclosingBlockItem(of path: NodePath) -> BlockSite? {
        if let site = BlockSite(statementAt: path, in: self) { return site }
        for ancestor in path.ancestors {
            if case .statement? = node(at: ancestor), let site = BlockSite(statementAt: ancestor, in: self) { return site }
        }
        return nil
    }

    /// The first node equal to `target` in pre-order below (and including) `path`.
    func firstOccurrence(of target: Expression, under path: NodePath) -> NodePath? {
        func search(_ node: SyntaxNode, _ at: NodePath) -> NodePath? {
            if case .expression(target) = node { return at }
            for (index, child) in node.children {
                if let found = search(child, at.appending(index)) { return found }
            }
            return nil
        }
        return node(at: path).flatMap { search($0, path) }
    }

    /// True if the node at `path` lies inside a `sizeof` operand or is the operand of `&`.
    func isInsideSizeofOrAddress(_ path: NodePath) -> Bool {
        if let parent = path.parent, case .expression(.unary(.addressOf, _))? = node(at: parent) { return true }
        return path.ancestors.contains { ancestor in
            if case .expression(.sizeofExpression)? = node(at: ancestor) { return true }
            return false
        }
    }
}
