import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct CompoundAssignmentTests {
    static let kernel = "long long run(int *a, int n) { long long s = 0; s = s + a[n]; a[n] -= 2; return s; }"

    @Test func bothDirections() throws {
        let toCompound = try T.apply("compound-assign", Self.kernel, at: "s = s + a[n]")
        #expect(toCompound.contains("    s += a[n];\n"), "\(toCompound)")
        let toSimple = try T.apply("compound-assign", Self.kernel, at: "a[n] -= 2")
        #expect(toSimple.contains("    a[n] = a[n] - 2;\n"), "\(toSimple)")
        let roundTrip = try T.apply("compound-assign", toCompound, at: "s += a[n]")
        #expect(roundTrip == CPrinter.print(try T.parse(Self.kernel)))
    }

    @Test func keepsTheOperandTogether() throws {
        let out = try T.apply("compound-assign", "int f(int x, int y) { x -= y - 1; return x; }", at: "x -= y - 1")
        #expect(out.contains("x = x - (y - 1);"), "\(out)")
    }

    @Test(arguments: [
        ("int f(int *a, int i) { a[i++] = a[i++] + 1; return i; }", "a[i++] = a[i++] + 1"),  // target has a side effect
        ("int f(int *a, int k) { a[k] += (k = 2); return k; }", "a[k] += (k = 2)"),           // operand moves the target
        ("int f(int x) { x = 1 + x; return x; }", "x = 1 + x"),                                // not x = x op y
    ])
    func refusesWhenTheTargetIsNotStable(source: String, expression: String) throws {
        #expect(try T.proposals("compound-assign", Self.kernel).count == 2)
        #expect(try T.proposals("compound-assign", source, at: expression).isEmpty, "\(source)")
    }
}
