/// What precedes the declarators of a declaration: storage class, `inline`, qualifiers and the basic type.
struct DeclarationSpecifiers {
    var storage: StorageClass?
    var isTypedef = false
    var isInline = false
    var specifier: TypeSpecifier
    var qualifiers: TypeQualifiers
    var location: SourceLocation
}

/// File-scope declarations, declarators, parameters and type names.
extension Parser {
    mutating func parseTranslationUnit() throws -> TranslationUnit {
        var declarations: [ExternalDeclaration] = []
        while !atEnd { try parseExternalDeclaration(into: &declarations) }
        return TranslationUnit(declarations)
    }

    mutating func parseExternalDeclaration(into result: inout [ExternalDeclaration]) throws {
        if isPunct(.rightBrace) { throw SyntaxError.unmatchedDelimiter(current.location, delimiter: "}") }
        if isPunct(.rightParen) { throw SyntaxError.unmatchedDelimiter(current.location, delimiter: ")") }
        if case .identifier(let name) = current.kind, !typedefNames.contains(name), isPunct(.leftParen, offset: 1) {
            throw unsupported(current.location, "function '\(name)' without a return type",
                              "implicit int is not allowed; write the return type")
        }
        guard startsDeclaration() else { throw unexpected("a function definition, prototype or typedef") }
        let specs = try parseDeclarationSpecifiers()
        if specs.isTypedef {
            try parseTypedefs(specs, into: &result)
            return
        }
        let pointers = parsePointers()
        if isPunct(.leftParen) { throw parenthesizedDeclaratorError() }
        let (name, nameLocation) = try parseDeclaredName()
        if isPunct(.leftParen) {
            result.append(.function(try parseFunctionRest(specs, pointers: pointers, name: name)))
            return
        }
        guard specs.storage == .static, !specs.isInline else {
            throw SyntaxError.fileScopeVariable(nameLocation, name: name)
        }
        var declarators: [Declarator] = []
        var next = (try parseDeclaratorRest(name: name, pointers: pointers), nameLocation)
        while true {
            let (declarator, location) = next
            let type = TypeName(specs.specifier, qualifiers: specs.qualifiers, pointers: declarator.pointers,
                                arrayDimensions: declarator.arrayDimensions)
            guard type.isReadOnlyObject, declarator.initializer != nil else {
                throw SyntaxError.fileScopeVariable(location, name: declarator.name)
            }
            declarators.append(declarator)
            guard consume(.comma) else { break }
            next = try parseFullDeclarator()
        }
        try expect(.semicolon, "',' or ';' after a declarator")
        result.append(.constantTable(VariableDeclaration(
            storage: .static, specifier: specs.specifier, qualifiers: specs.qualifiers, declarators: declarators)))
    }

    mutating func parseFunctionRest(
        _ specs: DeclarationSpecifiers, pointers: [TypeQualifiers], name: String
    ) throws -> FunctionDeclaration {
        let (parameters, isVoidList) = try parseParameterList()
        if isPunct(.leftBracket) || isPunct(.leftParen) {
            throw SyntaxError.invalidDeclaration(current.location, "function '\(name)' cannot return an array or function")
        }
        let returnType = TypeName(specs.specifier, qualifiers: specs.qualifiers, pointers: pointers)
        var body: Block?
        if isPunct(.leftBrace) {
            if parameters.contains(where: { $0.name == nil }) {
                throw SyntaxError.invalidDeclaration(current.location, "every parameter of function '\(name)' needs a name")
            }
            body = try parseBlock()
        } else {
            try expect(.semicolon, "'{' to start the body of '\(name)' or ';' to end its prototype")
        }
        return FunctionDeclaration(storage: specs.storage, isInline: specs.isInline, returnType: returnType,
                                   name: name, parameters: parameters, hasVoidParameterList: isVoidList, body: body)
    }

    mutating func parseParameterList() throws -> ([Parameter], Bool) {
        let opener = try expect(.leftParen).location
        if consume(.rightParen) { return ([], false) }
        if isKeyword(.void), isPunct(.rightParen, offset: 1) {
            advance()
            advance()
            return ([], true)
        }
        var parameters: [Parameter] = []
        while true {
            if case .identifier(let name) = current.kind, !typedefNames.contains(name) {
                throw unsupported(current.location, "K&R-style parameter list",
                                  "every parameter needs a type ('\(name)' is not a known type name)")
            }
            guard startsDeclaration() else {
                if atEnd { throw SyntaxError.unclosedDelimiter(opener, delimiter: "(") }
                throw unexpected("a parameter type")
            }
            let specs = try parseDeclarationSpecifiers()
            if specs.storage != nil || specs.isTypedef || specs.isInline {
                throw SyntaxError.invalidDeclaration(specs.location, "storage class or 'inline' on a parameter")
            }
            let pointers = parsePointers()
            if isPunct(.leftParen) { throw parenthesizedDeclaratorError() }
            var name: String?
            if case .identifier = current.kind { name = try parseDeclaredName().name }
            if isPunct(.leftParen) {
                throw unsupported(current.location, "function-typed parameter", "function pointers are outside the kernel subset")
            }
            let type = TypeName(specs.specifier, qualifiers: specs.qualifiers, pointers: pointers,
                                arrayDimensions: try parseArrayDimensions())
            if type.specifier == .void, pointers.isEmpty {
                throw SyntaxError.invalidDeclaration(specs.location, "parameter of type 'void'")
            }
            parameters.append(Parameter(type: type, name: name))
            if consume(.comma) { continue }
            try expect(.rightParen, "',' or ')' in parameter list", opener: opener)
            return (parameters, false)
        }
    }

    mutating func parseTypedefs(_ specs: DeclarationSpecifiers, into result: inout [ExternalDeclaration]) throws {
        if specs.storage != nil || specs.isInline {
            throw SyntaxError.invalidDeclaration(specs.location, "'typedef' combined with a storage class or 'inline'")
        }
        repeat {
            let pointers = parsePointers()
            if isPunct(.leftParen) { throw parenthesizedDeclaratorError() }
            let (name, _) = try parseDeclaredName()
            if isPunct(.leftParen) {
                throw unsupported(current.location, "function type typedef", "only scalar, pointer and array typedefs are allowed")
            }
            let type = TypeName(specs.specifier, qualifiers: specs.qualifiers, pointers: pointers,
                                arrayDimensions: try parseArrayDimensions())
            if isPunct(.assign) {
                throw SyntaxError.invalidDeclaration(current.location, "typedef '\(name)' cannot have an initializer")
            }
            result.append(.typedef(TypedefDeclaration(type: type, name: name)))
            typedefNames.insert(name)
        } while consume(.comma)
        try expect(.semicolon, "',' or ';' after a typedef")
    }

    /// A local declaration including its `;`.
    mutating func parseLocalDeclaration() throws -> VariableDeclaration {
        let specs = try parseDeclarationSpecifiers()
        if specs.isTypedef {
            throw unsupported(specs.location, "local typedef", "typedefs must be declared at file scope")
        }
        if specs.isInline { throw SyntaxError.invalidDeclaration(specs.location, "'inline' on a variable") }
        if specs.storage == .extern {
            throw unsupported(specs.location, "'extern' variable", "kernels may not access global state")
        }
        var declarators: [Declarator] = []
        repeat {
            let (declarator, location) = try parseFullDeclarator()
            let type = TypeName(specs.specifier, qualifiers: specs.qualifiers, pointers: declarator.pointers,
                                arrayDimensions: declarator.arrayDimensions)
            if specs.storage == .static, !(type.isReadOnlyObject && declarator.initializer != nil) {
                throw unsupported(location, "static local variable '\(declarator.name)'",
                                  "kernels may not keep state between calls (only initialized 'static const' tables are allowed)")
            }
            if type.specifier == .void, type.pointers.isEmpty {
                throw SyntaxError.invalidDeclaration(location, "variable '\(declarator.name)' declared 'void'")
            }
            declarators.append(declarator)
        } while consume(.comma)
        try expect(.semicolon, "',' or ';' after a declarator")
        return VariableDeclaration(storage: specs.storage, specifier: specs.specifier,
                                   qualifiers: specs.qualifiers, declarators: declarators)
    }

    /// `*const p[3] = {...}` — pointers, name, array dimensions and optional initializer.
    mutating func parseFullDeclarator() throws -> (Declarator, SourceLocation) {
        let pointers = parsePointers()
        if isPunct(.leftParen) { throw parenthesizedDeclaratorError() }
        let (name, location) = try parseDeclaredName()
        if isPunct(.leftParen) {
            throw unsupported(current.location, "function declaration in a declarator list or function body",
                              "declare functions at file scope")
        }
        return (try parseDeclaratorRest(name: name, pointers: pointers), location)
    }

    mutating func parseDeclaratorRest(name: String, pointers: [TypeQualifiers]) throws -> Declarator {
        let dimensions = try parseArrayDimensions()
        var initializer: Initializer?
        if consume(.assign) { initializer = try parseInitializer() }
        return Declarator(name: name, pointers: pointers, arrayDimensions: dimensions, initializer: initializer)
    }

    mutating func parseDeclaredName() throws -> (name: String, location: SourceLocation) {
        guard case .identifier(let name) = current.kind else { throw unexpected("a declarator name") }
        if typedefNames.contains(name) {
            throw SyntaxError.invalidDeclaration(current.location, "'\(name)' is already a typedef name and cannot be redeclared")
        }
        return (name, advance().location)
    }
}
