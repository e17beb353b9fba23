import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct OperatorReplaceTests {
    static let kernel = "long long run(int *p, int *q, int n) { if (n < 3 && p + 1 != q) { return p - q; } return n + 1; }"

    @Test func isNotSemanticsPreserving() throws {
        #expect(try T.op("operator-replace").preservesSemantics == false)
    }

    @Test func replacesByRelatedOperators() throws {
        let unit = try T.parse(Self.kernel)
        let edits = try T.op("operator-replace").proposals(in: unit)
        func targets(_ text: String) -> [String] {
            edits.filter { T.node(at: $0.site, in: unit, is: text) }.map { BinaryOperator.allCases[$0.params["to"]!].rawValue }
        }
        #expect(targets("n < 3") == ["<=", ">"])
        #expect(targets("n < 3 && p + 1 != q") == ["||"])
        #expect(targets("p + 1 != q") == ["=="])
        #expect(targets("p + 1") == ["-"])      // pointer + integer
        #expect(targets("p - q").isEmpty)       // pointer - pointer would not compile as +
        #expect(targets("n + 1") == ["-"])
        let out = try T.apply("operator-replace", Self.kernel) { T.node(at: $0.site, in: unit, is: "n < 3") && $0.params["to"] == BinaryOperator.allCases.firstIndex(of: .lessEqual) }
        #expect(out.contains("if (n <= 3 && p + 1 != q) {"))
    }
}
