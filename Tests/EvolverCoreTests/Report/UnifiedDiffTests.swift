import Testing
@testable import EvolverCore

struct UnifiedDiffTests {
    @Test func showsChangedLinesWithContextAndHeaders() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 10", with: "line ten")
        let diff = UnifiedDiff.make(old: old, new: new, oldName: "a.c", newName: "b.c")
        #expect(diff.hasPrefix("--- a.c\n+++ b.c\n@@ -7,7 +7,7 @@"))
        #expect(diff.contains("\n-line 10\n+line ten\n"))
        #expect(!diff.contains("line 3\n"))
    }

    @Test func identicalTextsGiveNothingAndColourIsOptional() {
        #expect(UnifiedDiff.make(old: "a\nb", new: "a\nb", oldName: "x", newName: "y").isEmpty)
        let coloured = UnifiedDiff.make(old: "a", new: "b", oldName: "x", newName: "y", color: true)
        #expect(coloured.contains("\u{1B}[31m-a") && coloured.contains("\u{1B}[32m+b"))
    }
}
