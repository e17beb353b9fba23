import KernelTestSupport
import Testing
@testable import KernelSyntax

/// Random expression trees (as mutation operators might build them) must print to text that
/// parses back to exactly the same tree.
struct ExpressionGenerator {
    var rng: SplitMix64

    mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &rng) == 0 }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }

    mutating func leaf() -> Expression {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .integerLiteral(pick(["0", "1", "42", "0x1Fu", "7ULL", "017"]))
        case 1: return .floatingLiteral(pick(["1.0", ".5f", "2.", "1e-3"]))
        case 2: return .characterLiteral(pick(["'a'", #"'\n'"#, #"'\0'"#]))
        default: return .identifier(pick(["a", "b", "c", "p"]))
        }
    }

    mutating func type() -> TypeName {
        pick([TypeName(.int), TypeName(.unsignedLongLong), TypeName(.double, qualifiers: .const, pointers: [[]]),
              TypeName(.char, pointers: [[.const], []]), TypeName(.typedefName("T"))])
    }

    mutating func assignable(_ depth: Int) -> Expression {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return .identifier(pick(["a", "b", "c", "p"]))
        case 1: return .subscript(expression(depth - 1), expression(depth - 1))
        default: return .unary(.dereference, expression(depth - 1))
        }
    }

    mutating func expression(_ depth: Int) -> Expression {
        if depth <= 0 || chance(6) { return leaf() }
        let d = depth - 1
        switch Int.random(in: 0..<13, using: &rng) {
        case 0: return .unary(pick([.plus, .negate, .logicalNot, .bitwiseNot, .dereference, .addressOf]), expression(d))
        case 1: return .unary(pick([.preIncrement, .preDecrement]), assignable(d))
        case 2: return .postfix(pick([.increment, .decrement]), assignable(d))
        case 3, 4: return .binary(pick(BinaryOperator.allCases), expression(d), expression(d))
        case 5: return .assignment(pick(AssignmentOperator.allCases), assignable(d), expression(d))
        case 6: return .conditional(expression(d), expression(d), expression(d))
        case 7: return .comma(expression(d), expression(d))
        case 8: return .cast(type(), expression(d))
        case 9: return chance(2) ? .sizeofType(type()) : .sizeofExpression(expression(d))
        case 10: return .call(pick(["f", "g"]), (0..<Int.random(in: 0...3, using: &rng)).map { _ in expression(d) })
        case 11: return .subscript(expression(d), expression(d))
        default: return .stringLiteral(chance(2) ? ["\"s\""] : ["\"x\"", "\"y\""])
        }
    }
}

@Suite struct PropertyTests {
    @Test func randomExpressionTreesRoundTripThroughThePrinter() throws {
        var generator = ExpressionGenerator(rng: SplitMix64(state: 2024))
        var distinct: Set<Expression> = []
        for _ in 0..<3000 {
            let tree = generator.expression(6)
            distinct.insert(tree)
            let printed = CPrinter.print(tree)
            let reparsed = try CParser.parseExpression(printed, typedefNames: ["T"])
            #expect(reparsed == tree, "printed as: \(printed)")
        }
        #expect(distinct.count > 2000)
    }

    @Test func randomExpressionsInsideStatementsRoundTrip() throws {
        var generator = ExpressionGenerator(rng: SplitMix64(state: 99))
        for _ in 0..<300 {
            let body = Block([
                .expression(generator.expression(4)),
                .ifStatement(generator.expression(3), then: Block([.returnStatement(generator.expression(3))]), else: nil),
                .forLoop(.expression(generator.expression(2)), generator.expression(2), nil, Block([.breakStatement])),
                .switchStatement(generator.expression(2), Block([.caseLabel(generator.expression(2), .breakStatement)])),
                .declaration(VariableDeclaration(specifier: .int, declarators: [
                    Declarator(name: "v", initializer: .list([.expression(generator.expression(3))])),
                ])),
            ])
            let unit = TranslationUnit([
                .typedef(TypedefDeclaration(type: TypeName(.int), name: "T")),
                .function(FunctionDeclaration(returnType: TypeName(.int), name: "k", parameters: [], body: body)),
            ])
            let printed = CPrinter.print(unit)
            #expect(try CParser.parse(printed) == unit, "\(printed)")
        }
    }
}
