import KernelTestSupport
import Foundation
import Testing
@testable import KernelSyntax

@Suite struct TraversalTests {
    @Test(arguments: Corpus.all)
    func everyAddressResolvesAndSelfReplacementIsIdentity(kernel: Kernel) throws {
        let unit = try CParser.parse(kernel.source)
        let nodes = unit.allNodes()
        #expect(nodes.map(\.path) == nodes.map(\.path).sorted())  // pre-order == path order
        #expect(Set(nodes.map(\.path)).count == nodes.count)
        for entry in nodes {
            #expect(unit.node(at: entry.path) == entry.node)
            #expect(try unit.replacing(entry.path, with: entry.node) == unit)
        }
        let statements = unit.allStatements()
        let expressions = unit.allExpressions()
        #expect(!statements.isEmpty && !expressions.isEmpty)
        #expect(statements.count + expressions.count < nodes.count)
        for entry in statements { #expect(unit.statement(at: entry.path) == entry.node) }
        for entry in expressions { #expect(unit.expression(at: entry.path) == entry.node) }
    }

    @Test func pathNumberingFollowsTheDocumentedSlots() throws {
        let unit = try CParser.parse("""
        typedef int T;
        int f(int n) {
            int s = 0, t;
            for (int i = 0; i < n; i++) s += i;
            return s;
        }
        """)
        // [1] is f, [1, 0] its body, [1, 0, k] the body items.
        #expect(unit.statement(at: [1, 0, 2]) == .returnStatement(.identifier("s")))
        #expect(unit.node(at: [1, 0, 0, 0]) == .declarator(Declarator(name: "s", initializer: .expression(.integer(0)))))
        #expect(unit.expression(at: [1, 0, 0, 0, 0, 0]) == .integer(0))
        #expect(unit.node(at: [1, 0, 0, 1, 0]) == nil)  // `t` has no initializer
        #expect(unit.expression(at: [1, 0, 1, 1]) == .binary(.less, .identifier("i"), .identifier("n")))
        #expect(unit.expression(at: [1, 0, 1, 2]) == .postfix(.increment, .identifier("i")))
        #expect(unit.statement(at: [1, 0, 1, 3, 0]) == .expression(.assignment(.add, .identifier("s"), .identifier("i"))))
        #expect(unit.expression(at: [1, 0, 1, 1, 1]) == .identifier("n"))
        #expect(unit.node(at: [0, 0]) == nil)
        #expect(unit.node(at: []) == nil)
        #expect(unit.node(at: [7]) == nil)
    }

    @Test func replacingAnExpressionYieldsAParsableNewUnit() throws {
        let unit = try CParser.parse(Corpus.insertionSort.source)
        let comparison = try #require(unit.allExpressions().first {
            $0.node == .binary(.greater, .subscript(.identifier("a"), .identifier("j")), .identifier("key"))
        })
        let flipped = Expression.binary(.less, .subscript(.identifier("a"), .identifier("j")), .identifier("key"))
        let mutated = try unit.replacing(comparison.path, with: flipped)
        #expect(mutated != unit)
        #expect(mutated.expression(at: comparison.path) == flipped)
        let printed = CPrinter.print(mutated)
        #expect(printed.contains("a[j] < key"))
        #expect(!printed.contains("a[j] > key"))
        #expect(try CParser.parse(printed) == mutated)
        // Everything outside the replaced subtree is unchanged.
        for entry in unit.allNodes() where !entry.path.isDescendant(of: comparison.path) && !comparison.path.isDescendant(of: entry.path) {
            #expect(mutated.node(at: entry.path) == entry.node)
        }
    }

    @Test func replacingStatementsBlocksAndForClauses() throws {
        let unit = try CParser.parse("int f(int n) { int s = 0; for (int i = 0; i < n; i++) { s += i; } return s; }")
        let emptied = try unit.replacing([0, 0, 1, 3], with: SyntaxNode.block(Block([.breakStatement])))
        #expect(CPrinter.print(emptied).contains("for (int i = 0; i < n; i++) {\n        break;\n    }"))
        let exprInit = try unit.replacing([0, 0, 1, 0], with: Expression.assignment(.assign, .identifier("s"), .integer(1)))
        #expect(CPrinter.print(exprInit).contains("for (s = 1; i < n; i++) {"))
        let deleted = try unit.replacing([0, 0, 2], with: Statement.empty)
        #expect(CPrinter.print(deleted).contains("    ;\n}"))
        #expect(try CParser.parse(CPrinter.print(deleted)) == deleted)
    }

    @Test func invalidReplacementsThrow() throws {
        let unit = try CParser.parse("int f(int n) { return n + 1; }")
        #expect(throws: NodePathError.noNode([0, 0, 5])) { try unit.replacing([0, 0, 5], with: Statement.empty) }
        #expect(throws: NodePathError.noNode([3])) { try unit.replacing([3], with: Statement.empty) }
        #expect(throws: NodePathError.kindMismatch([0, 0, 0, 0], expected: "an expression", found: "a statement")) {
            try unit.replacing([0, 0, 0, 0], with: Statement.empty)
        }
        #expect(throws: NodePathError.self) { try unit.replacing([0, 0, 0], with: Expression.integer(1)) }
        #expect(throws: NodePathError.self) { try unit.replacing([0], with: Expression.integer(1)) }
        #expect(throws: NodePathError.self) { try unit.replacing([], with: Expression.integer(1)) }
    }

    @Test func nodePathIsCodableComparableAndDescribable() throws {
        let path: NodePath = [0, 3, 1]
        let data = try JSONEncoder().encode(path)
        #expect(String(decoding: data, as: UTF8.self) == "[0,3,1]")
        #expect(try JSONDecoder().decode(NodePath.self, from: data) == path)
        #expect(path.description == "/0/3/1" && NodePath.root.description == "/")
        #expect(path.parent == [0, 3] && NodePath.root.parent == nil)
        #expect(path.appending(2) == [0, 3, 1, 2])
        #expect(NodePath([0, 2]) < NodePath([0, 3, 0]) && NodePath([0]) < NodePath([0, 0]))
        #expect(path.isDescendant(of: [0, 3]) && !path.isDescendant(of: [0, 2]))
    }
}
