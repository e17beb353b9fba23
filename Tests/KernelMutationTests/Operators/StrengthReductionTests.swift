import KernelTestSupport
import Foundation
import Testing
@testable import KernelMutation

@Suite struct StrengthReductionTests {
    static let kernel = """
        unsigned int run(unsigned int x, int n) {
            unsigned int y = x * 8 + x / 4 + x % 16;
            for (int i = 0; i < n; i++) {
                y += i * 2;
            }
            return y;
        }
        """

    @Test(arguments: [
        ("x * 8", "(x << 3)"), ("x / 4", "(x >> 2)"), ("x % 16", "(x & 15)"), ("i * 2", "i << 1"),
    ])
    func rewritesPowersOfTwo(before: String, after: String) throws {
        let out = try T.apply("strength-reduce", Self.kernel, at: before)
        #expect(out == Self.kernel.replacingFirst(before, with: after) + "\n", "\(out)")
    }

    @Test(arguments: [
        ("int run(int x) { return x * 8; }", "x * 8"),                                  // may be negative
        ("unsigned int run(unsigned int x) { return x * 8ULL; }", "x * 8ULL"),          // computed wider
        ("int run(int *a, int n) { int s = 0; for (int i = n; i < 9; i++) { s += i * 2; } return s; }", "i * 2"), // counter may be negative
        ("int run(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) { s += i * 2; i--; } return s; }", "i * 2"), // counter written
        ("unsigned int run(unsigned int x) { return x * 6; }", "x * 6"),                // not a power of two
    ])
    func refusesWhenTheOperandMayBeNegativeOrWidened(source: String, expression: String) throws {
        #expect(try T.proposals("strength-reduce", Self.kernel).count == 4)
        #expect(try T.proposals("strength-reduce", source, at: expression).isEmpty, "\(source)")
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
