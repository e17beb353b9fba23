/// Declaration specifiers: storage class, `inline`, qualifiers and the basic type in any order.
extension Parser {
    mutating func parseDeclarationSpecifiers() throws -> DeclarationSpecifiers {
        let start = current.location
        var storage: StorageClass?
        var isTypedef = false
        var isInline = false
        var qualifiers: TypeQualifiers = []
        var words: [Keyword: Int] = [:]
        var typedefName: String?

        func setStorage(_ s: StorageClass?, typedef: Bool, at location: SourceLocation) throws {
            if storage != nil || isTypedef {
                throw SyntaxError.invalidDeclaration(location, "more than one storage class ('static', 'extern', 'typedef')")
            }
            storage = s
            isTypedef = typedef
        }

        loop: while true {
            let token = current
            switch token.kind {
            case .keyword(.static): try setStorage(.static, typedef: false, at: token.location)
            case .keyword(.extern): try setStorage(.extern, typedef: false, at: token.location)
            case .keyword(.typedef): try setStorage(nil, typedef: true, at: token.location)
            case .keyword(.inline): isInline = true
            case .keyword(let k) where k.isTypeQualifier:
                qualifiers.insert(Parser.qualifier(k)!)
            case .keyword(let k) where k.isTypeSpecifier:
                if typedefName != nil {
                    throw SyntaxError.invalidTypeSpecifiers(token.location, "'\(k.rawValue)' after typedef name '\(typedefName!)'")
                }
                words[k, default: 0] += 1
            case .identifier(let name) where typedefNames.contains(name) && typedefName == nil && words.isEmpty:
                typedefName = name
            default:
                break loop
            }
            advance()
        }
        let specifier = try Parser.resolveSpecifier(words, typedefName: typedefName, at: start)
        return DeclarationSpecifiers(storage: storage, isTypedef: isTypedef, isInline: isInline,
                                     specifier: specifier, qualifiers: qualifiers, location: start)
    }

    /// Maps a multiset of type keywords (`unsigned long long int`) to one canonical specifier.
    static func resolveSpecifier(
        _ words: [Keyword: Int], typedefName: String?, at location: SourceLocation
    ) throws -> TypeSpecifier {
        if let typedefName { return .typedefName(typedefName) }
        func fail(_ detail: String) -> SyntaxError { .invalidTypeSpecifiers(location, detail) }
        let spelled = Keyword.allCases.filter { words[$0] != nil }
            .flatMap { Array(repeating: $0.rawValue, count: words[$0]!) }.joined(separator: " ")
        if words.isEmpty { throw fail("missing type specifier (implicit int is not allowed)") }
        let signed = words[.signed] ?? 0, unsigned = words[.unsigned] ?? 0
        if signed + unsigned > 1 { throw fail("conflicting or repeated 'signed'/'unsigned' in '\(spelled)'") }
        let isUnsigned = unsigned == 1
        let long = words[.long] ?? 0, int = words[.int] ?? 0
        func only(_ allowed: Set<Keyword>) -> Bool { words.keys.allSatisfy { allowed.contains($0) } }
        for single in [Keyword.void, .char, .short, .int, .float, .double, .bool] where (words[single] ?? 0) > 1 {
            throw fail("repeated '\(single.rawValue)' in '\(spelled)'")
        }
        if words[.void] != nil {
            guard only([.void]) else { throw fail("'void' combined with other specifiers in '\(spelled)'") }
            return .void
        }
        if words[.bool] != nil {
            guard only([.bool]) else { throw fail("'_Bool' combined with other specifiers in '\(spelled)'") }
            return .bool
        }
        if words[.float] != nil {
            guard only([.float]) else { throw fail("'\(spelled)' is not a type") }
            return .float
        }
        if words[.double] != nil {
            guard only([.double, .long]), long <= 1 else { throw fail("'\(spelled)' is not a type") }
            return long == 1 ? .longDouble : .double
        }
        if words[.char] != nil {
            guard only([.char, .signed, .unsigned]) else { throw fail("'\(spelled)' is not a type") }
            return isUnsigned ? .unsignedChar : (signed == 1 ? .signedChar : .char)
        }
        if words[.short] != nil {
            guard only([.short, .int, .signed, .unsigned]), int <= 1 else { throw fail("'\(spelled)' is not a type") }
            return isUnsigned ? .unsignedShort : .short
        }
        guard only([.long, .int, .signed, .unsigned]), long <= 2, int <= 1 else {
            throw fail("'\(spelled)' is not a type")
        }
        switch long {
        case 0: return isUnsigned ? .unsignedInt : .int
        case 1: return isUnsigned ? .unsignedLong : .long
        default: return isUnsigned ? .unsignedLongLong : .longLong
        }
    }
}
