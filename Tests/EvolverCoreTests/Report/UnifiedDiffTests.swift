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

    @Test func notesGoBeforeTheHeaderOfTheirHunkAndChangeNothingElse() {
        let old = (1...30).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n").replacingOccurrences(of: "line 25\n", with: "")
        let plain = UnifiedDiff.make(old: old, new: new, oldName: "a.c", newName: "b.c")
        let hunks = UnifiedDiff.hunks(old: old, new: new)
        #expect(hunks.map(\.oldLines) == [1..<8, 21..<28] && hunks.map(\.newLines) == [1..<8, 21..<27])
        let noted = UnifiedDiff.make(old: old, new: new, oldName: "a.c", newName: "b.c") { hunk in
            hunk.oldStart < 10 ? ["# first"] : ["# second", "# and more"]
        }
        #expect(noted.contains("+++ b.c\n# first\n@@ -2,7 +2,7 @@\n"))
        #expect(noted.contains("\n# second\n# and more\n@@ -22,7 +22,6 @@\n"))
        #expect(noted.split(separator: "\n").filter { !$0.hasPrefix("# ") } == plain.split(separator: "\n"))
    }
}
