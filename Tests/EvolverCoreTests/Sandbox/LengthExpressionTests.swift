import Testing
@testable import EvolverCore

struct LengthExpressionTests {
    @Test func evaluatesPrecedenceAndParentheses() throws {
        #expect(try LengthExpression("n*m+n+m").evaluate(["n": 3, "m": 4]) == 19)
        #expect(try LengthExpression("3*(m+1)").evaluate(["m": 9]) == 30)
        #expect(try LengthExpression("k*k").evaluate(["k": 20]) == 400)
        #expect(try LengthExpression("4").evaluate([:]) == 4)
        #expect(try LengthExpression("10 - 2 - 3").evaluate([:]) == 5)
        #expect(try LengthExpression("-128").evaluate([:]) == -128)
        #expect(try LengthExpression("k-1").evaluate(["k": 20]) == 19)
    }

    @Test func unboundNamesAndOverflowGiveNil() throws {
        #expect(try LengthExpression("n+1").evaluate([:]) == nil)
        #expect(try LengthExpression("n*n").evaluate(["n": Int64.max]) == nil)
        #expect(try LengthExpression("n*m+q").names == ["n", "m", "q"])
    }

    @Test(arguments: ["", "n+", "(n", "n)", "n/2", "2 n"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: (any Error).self) { try LengthExpression(text) }
    }
}
