import KernelTestSupport
import Testing
@testable import KernelSyntax

@Suite struct ParserTests {
    let a = Expression.identifier("a"), b = Expression.identifier("b"), c = Expression.identifier("c")

    @Test func binaryOperatorsAreLeftAssociative() throws {
        #expect(try CParser.parseExpression("a - b - c") == .binary(.subtract, .binary(.subtract, a, b), c))
        #expect(try CParser.parseExpression("a / b * c") == .binary(.multiply, .binary(.divide, a, b), c))
        #expect(try CParser.parseExpression("a, b, c") == .comma(.comma(a, b), c))
    }

    @Test func assignmentAndConditionalAreRightAssociative() throws {
        #expect(try CParser.parseExpression("a = b += c") == .assignment(.assign, a, .assignment(.add, b, c)))
        let d = Expression.identifier("d"), e = Expression.identifier("e")
        #expect(try CParser.parseExpression("a ? b : c ? d : e") == .conditional(a, b, .conditional(c, d, e)))
        #expect(try CParser.parseExpression("a ? b, c : d") == .conditional(a, .comma(b, c), d))
    }

    @Test func precedenceLadder() throws {
        #expect(try CParser.parseExpression("a || b && c") == .binary(.logicalOr, a, .binary(.logicalAnd, b, c)))
        #expect(try CParser.parseExpression("a | b ^ c") == .binary(.bitwiseOr, a, .binary(.bitwiseXor, b, c)))
        #expect(try CParser.parseExpression("a ^ b & c") == .binary(.bitwiseXor, a, .binary(.bitwiseAnd, b, c)))
        #expect(try CParser.parseExpression("a & b == c") == .binary(.bitwiseAnd, a, .binary(.equal, b, c)))
        #expect(try CParser.parseExpression("a == b < c") == .binary(.equal, a, .binary(.less, b, c)))
        #expect(try CParser.parseExpression("a < b << c") == .binary(.less, a, .binary(.shiftLeft, b, c)))
        #expect(try CParser.parseExpression("a << b + c") == .binary(.shiftLeft, a, .binary(.add, b, c)))
        #expect(try CParser.parseExpression("a + b % c") == .binary(.add, a, .binary(.remainder, b, c)))
        #expect(try CParser.parseExpression("-a * b") == .binary(.multiply, .unary(.negate, a), b))
        #expect(try CParser.parseExpression("a = b || c") == .assignment(.assign, a, .binary(.logicalOr, b, c)))
    }

    @Test func unaryPostfixCastAndSizeof() throws {
        let p = Expression.identifier("p")
        #expect(try CParser.parseExpression("*p++") == .unary(.dereference, .postfix(.increment, p)))
        #expect(try CParser.parseExpression("++*p") == .unary(.preIncrement, .unary(.dereference, p)))
        #expect(try CParser.parseExpression("!~-+a") == .unary(.logicalNot, .unary(.bitwiseNot, .unary(.negate, .unary(.plus, a)))))
        #expect(try CParser.parseExpression("(unsigned long long)a + b")
                == .binary(.add, .cast(TypeName(.unsignedLongLong), a), b))
        #expect(try CParser.parseExpression("(a) + b") == .binary(.add, a, b))
        #expect(try CParser.parseExpression("sizeof a + 1") == .binary(.add, .sizeofExpression(a), .integer(1)))
        #expect(try CParser.parseExpression("sizeof(int) * 2") == .binary(.multiply, .sizeofType(TypeName(.int)), .integer(2)))
        #expect(try CParser.parseExpression("sizeof (a)[0]") == .sizeofExpression(.subscript(a, .integer(0))))
        #expect(try CParser.parseExpression("(T)a", typedefNames: ["T"]) == .cast(TypeName(.typedefName("T")), a))
        #expect(try CParser.parseExpression("f(a, (b, c))[1]") == .subscript(.call("f", [a, .comma(b, c)]), .integer(1)))
        #expect(try CParser.parseExpression("&m[1][2]") == .unary(.addressOf, .subscript(.subscript(.identifier("m"), .integer(1)), .integer(2))))
    }

    @Test(arguments: [
        ("char", TypeSpecifier.char), ("signed char", .signedChar), ("char unsigned", .unsignedChar),
        ("short", .short), ("short int", .short), ("signed short int", .short), ("unsigned short", .unsignedShort),
        ("int", .int), ("signed", .int), ("signed int", .int), ("unsigned", .unsignedInt),
        ("long", .long), ("long int", .long), ("int long signed", .long), ("unsigned long", .unsignedLong),
        ("long long", .longLong), ("long long int", .longLong), ("unsigned long long", .unsignedLongLong),
        ("long unsigned long int", .unsignedLongLong), ("float", .float), ("double", .double),
        ("long double", .longDouble), ("_Bool", .bool), ("void", .void),
    ])
    func typeSpellingsMapToCanonicalSpecifiers(spelling: String, expected: TypeSpecifier) throws {
        #expect(try CParser.parseExpression("(\(spelling) *)a") == .cast(TypeName(expected, pointers: [[]]), a))
    }

    @Test(arguments: ["unsigned float", "long long long", "short long", "signed unsigned", "int int", "void int", "_Bool char"])
    func impossibleSpecifierCombinationsAreRejected(spelling: String) {
        #expect(throws: SyntaxError.self) { try CParser.parseStatement("\(spelling) x;") }
    }

    @Test func qualifiersPointersAndArraysInDeclarations() throws {
        let statement = try CParser.parseStatement("int const *const p = 0, q[2][3] = {{1, 2, 3}, {4}}, *r;")
        guard case .declaration(let d) = statement else {
            Issue.record("not a declaration")
            return
        }
        #expect(d.specifier == .int && d.qualifiers == .const)
        #expect(d.declarators.map(\.name) == ["p", "q", "r"])
        #expect(d.declarators[0].pointers == [.const])
        #expect(d.type(of: d.declarators[0]).isReadOnlyObject)
        #expect(d.declarators[1].arrayDimensions == [.integer(2), .integer(3)])
        #expect(d.declarators[1].initializer == .list([
            .list([.expression(.integer(1)), .expression(.integer(2)), .expression(.integer(3))]),
            .list([.expression(.integer(4))]),
        ]))
        #expect(d.declarators[2].pointers == [[]] && d.declarators[2].initializer == nil)
    }

    @Test func functionsPrototypesTypedefsAndTables() throws {
        let unit = try CParser.parse("""
        typedef double real, *real_ptr;
        static const real kHalf = 0.5;
        extern int helper(int, const real a[]);
        static inline real_ptr pick(real_ptr p, int i) { return p + i; }
        int zero() { return 0; }
        """)
        #expect(unit.declarations.count == 6)
        #expect(unit.declarations[1] == .typedef(TypedefDeclaration(type: TypeName(.double, pointers: [[]]), name: "real_ptr")))
        guard case .constantTable(let table) = unit.declarations[2] else {
            Issue.record("expected a constant table")
            return
        }
        #expect(table.storage == .static && table.qualifiers == .const)
        let helper = unit.functions[0]
        #expect(helper.storage == .extern && helper.body == nil && helper.parameters.count == 2)
        #expect(helper.parameters[0].name == nil)
        #expect(helper.parameters[1].type == TypeName(.typedefName("real"), qualifiers: .const, arrayDimensions: [nil]))
        let pick = try #require(unit.definition(of: "pick"))
        #expect(pick.isInline && pick.storage == .static && pick.returnType.specifier == .typedefName("real_ptr"))
        let zero = try #require(unit.definition(of: "zero"))
        #expect(!zero.hasVoidParameterList && zero.parameters.isEmpty)
    }

    @Test func unbracedBodiesAreWrappedAndElseIfNests() throws {
        let unbraced = try CParser.parseStatement("if (a) b = 1; else if (c) b = 2; else b = 3;")
        let braced = try CParser.parseStatement("if (a) { b = 1; } else { if (c) { b = 2; } else { b = 3; } }")
        #expect(unbraced == braced)
        guard case .ifStatement(_, let then, let otherwise?) = unbraced else {
            Issue.record("not an if/else")
            return
        }
        #expect(then.items == [.expression(.assignment(.assign, b, .integer(1)))])
        #expect(otherwise.items.count == 1)
        // Dangling else binds to the nearest if.
        let dangling = try CParser.parseStatement("if (a) if (b) c = 1; else c = 2;")
        guard case .ifStatement(_, let outerThen, nil) = dangling, case .ifStatement(_, _, .some) = outerThen.items[0] else {
            Issue.record("dangling else bound wrongly: \(dangling)")
            return
        }
    }

    @Test func switchCaseLabelsAreLabeledStatements() throws {
        let statement = try CParser.parseStatement("switch (a) { case 1: case 2: b++; break; default: ; }")
        #expect(statement == .switchStatement(a, Block([
            .caseLabel(.integer(1), .caseLabel(.integer(2), .expression(.postfix(.increment, b)))),
            .breakStatement,
            .defaultLabel(.empty),
        ])))
    }

    @Test func forLoopClauses() throws {
        let full = try CParser.parseStatement("for (int i = 0, j = n; i < j; i++, j--) s += i;")
        guard case .forLoop(.declaration(let d)?, .some, .comma?, let body) = full else {
            Issue.record("unexpected shape \(full)")
            return
        }
        #expect(d.declarators.count == 2 && body.items.count == 1)
        #expect(try CParser.parseStatement("for (;;) {}") == .forLoop(nil, nil, nil, Block()))
        #expect(try CParser.parseStatement("for (i = 0; ; ) ;")
                == .forLoop(.expression(.assignment(.assign, .identifier("i"), .integer(0))), nil, nil, Block([.empty])))
    }

    @Test func literalsKeepTheirSpelling() throws {
        for spelling in ["0", "42", "0x1Fu", "0XffULL", "017", "10l", "7LL", "3uL", "9llu", "1LLU", "0u"] {
            #expect(try CParser.parseExpression(spelling) == .integerLiteral(spelling))
        }
        for spelling in ["1.0", "1e-3", ".5f", "2.", "1.5L", "0x1p-2", "6.02E+23", "0x.8p1f"] {
            #expect(try CParser.parseExpression(spelling) == .floatingLiteral(spelling))
        }
        for spelling in [#"'a'"#, #"'\n'"#, #"'\0'"#, #"'\x41'"#, #"'\''"#, #"'\\'"#, #"'\177'"#, #"'"'"#] {
            #expect(try CParser.parseExpression(spelling) == .characterLiteral(spelling))
        }
        #expect(try CParser.parseExpression(#""a\tb" "c""#) == .stringLiteral([#""a\tb""#, #""c""#]))
    }
}
