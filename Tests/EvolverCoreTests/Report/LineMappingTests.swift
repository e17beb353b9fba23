import Testing
@testable import EvolverCore

/// Following lines of one text into another, and the hunks edits are credited with.
struct LineMappingTests {
    static let base = (1...12).map { "line \($0)" }.joined(separator: "\n")

    @Test func matchedLinesMapToTheirPlaceAndRewrittenOnesToWhatReplacedThem() {
        let target = Self.base.replacingOccurrences(of: "line 4\n", with: "four\nfour again\n")
            .replacingOccurrences(of: "line 1\n", with: "inserted\nline 1\n")
        let mapping = LineMapping(from: Self.base, to: target)
        #expect(mapping.map(0..<1) == 0..<2, "an insertion next to a line goes with it")
        #expect(mapping.map(1..<2) == 2..<3)
        #expect(mapping.map(3..<4) == 4..<6, "the rewritten line 4")
        #expect(mapping.map(11..<12) == 13..<14)
        #expect(mapping.changedTargetRanges == [0..<1, 4..<6])
    }

    @Test func deletedLinesMapToThePositionTheyLeft() {
        let target = Self.base.replacingOccurrences(of: "line 6\nline 7\n", with: "")
        let mapping = LineMapping(from: Self.base, to: target)
        #expect(mapping.map(5..<7) == 5..<5)
        #expect(mapping.changedTargetRanges == [5..<5])
        #expect(HunkAttribution.overlaps(5..<5, 2..<5) && !HunkAttribution.overlaps(5..<5, 6..<9))
    }

    @Test func aDeletionIsCreditedWithTheHunkThatShowsIt() {
        let after = Self.base.replacingOccurrences(of: "line 10\n", with: "")
        let attribution = HunkAttribution([
            .init(label: "# delete line 10", before: Self.base, touched: 10...10, after: after, undone: false),
            .init(label: "# touch nothing shown", before: Self.base, touched: 2...2, after: Self.base, undone: false),
        ], old: Self.base, new: after)
        let hunks = UnifiedDiff.hunks(old: Self.base, new: after)
        #expect(hunks.count == 1 && attribution.labels(for: hunks[0]) == ["# delete line 10"])
    }
}
