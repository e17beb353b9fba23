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
