/// Which edits produced which hunk of a diff: an edit produced a hunk when the lines it touched,
/// followed into the diff's old and new texts, overlap the hunk.
struct HunkAttribution {
    /// One edit as a diff sees it.
    struct Edit {
        /// What the hunk's heading says about it.
        var label: String
        /// The printed source the edit was applied to.
        var before: String
        /// The lines of `before` it rewrote (1-based), from its description.
        var touched: ClosedRange<Int>?
        /// The printed source after it; nil when it did not apply.
        var after: String?
        /// True when the diff goes from after the edit back to before it (an edit of the old side's lineage only).
        var undone: Bool
    }

    /// Per edit, its lines in the diff's old text and in its new text.
    private let places: [(label: String, old: [Range<Int>], new: [Range<Int>])]

    /// Follows every edit's lines into `old` and `new`.
    init(_ edits: [Edit], old: String, new: String) {
        places = edits.map { edit in
            let touched = edit.touched.map { [($0.lowerBound - 1)..<$0.upperBound] } ?? []
            // The lines the edit wrote: where its result differs from its parent.
            let written = edit.after.map { LineMapping(from: edit.before, to: $0).changedTargetRanges } ?? []
            let (beforeSide, afterSide) = edit.undone ? (new, old) : (old, new)
            let fromBefore = LineMapping(from: edit.before, to: beforeSide)
            let fromAfter = edit.after.map { LineMapping(from: $0, to: afterSide) }
            let beforeRanges = touched.map(fromBefore.map)
            let afterRanges = fromAfter.map { mapping in written.map(mapping.map) } ?? []
            return edit.undone ? (edit.label, afterRanges, beforeRanges) : (edit.label, beforeRanges, afterRanges)
        }
    }

    /// The labels of the edits that produced `hunk`, in edit order.
    func labels(for hunk: UnifiedDiff.Hunk) -> [String] {
        places.filter { place in
            place.old.contains { Self.overlaps($0, hunk.oldLines) } || place.new.contains { Self.overlaps($0, hunk.newLines) }
        }.map(\.label)
    }

    /// True when `range` shares a line with `lines`, or is a position inside or at the edge of them.
    static func overlaps(_ range: Range<Int>, _ lines: Range<Int>) -> Bool {
        range.isEmpty ? lines.lowerBound <= range.lowerBound && range.lowerBound <= lines.upperBound : range.overlaps(lines)
    }
}
