import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct ConstantTweakTests {
    static let kernel = """
        int run(int *out, int n) {
            if (n > 10) {
                out[0] = 0x10u;
            }
            switch (n) {
            case 3:
                return 1;
            }
            return 0;
        }
        """

    @Test func isNotSemanticsPreserving() throws {
        #expect(try T.op("constant-tweak").preservesSemantics == false)
    }

    @Test(arguments: [(0, "n > 11"), (1, "n > 9"), (2, "n > 20"), (3, "n > 5")])
    func tweaksAThreshold(change: Int, expected: String) throws {
        let out = try T.apply("constant-tweak", Self.kernel) { $0.params == ["change": change] }
        #expect(out.contains("if (\(expected)) {"), "\(out)")
    }

    @Test func keepsTheLiteralStyle() throws {
        let unit = try T.parse(Self.kernel)
        let sites = try T.op("constant-tweak").proposals(in: unit).filter { T.node(at: $0.site, in: unit, is: "0x10u") }
        #expect(sites.map(\.params) == [["change": 0], ["change": 1], ["change": 2], ["change": 3]])
        let doubled = try T.apply("constant-tweak", Self.kernel) { T.node(at: $0.site, in: unit, is: "0x10u") && $0.params == ["change": 2] }
        #expect(doubled.contains("out[0] = 0x20u;"))
    }

    @Test func skipsCaseLabelsIndicesAndNoOpChanges() throws {
        let unit = try T.parse(Self.kernel)
        let edits = try T.op("constant-tweak").proposals(in: unit)
        #expect(!edits.contains { T.node(at: $0.site, in: unit, is: "3") })   // case label
        let zeros = edits.filter { T.node(at: $0.site, in: unit, is: "0") }
        #expect(zeros.map(\.params) == [["change": 0]])                      // only `return 0` → 1; out[0] is an index
        let ones = edits.filter { T.node(at: $0.site, in: unit, is: "1") }
        #expect(ones.map(\.params) == [["change": 0], ["change": 1], ["change": 2]])  // 1/2 == 0 is offered by -1 only
    }
}
