import Foundation
import KernelMutation
import KernelSyntax

/// The edit of a candidate an outside proposer wrote: the whole kernel replaced by source `source`
/// of the run's proposal `proposal` (journaled with its raw reply, so it is rebuilt without
/// calling the proposer again).
public enum ExternalEdit {
    /// The edit's operator name.
    public static let op = "external"

    /// The edit standing for source `source` of proposal `proposal`.
    public static func edit(proposal: Int, source: Int) -> Edit {
        Edit(op: op, site: NodePath([]), params: ["proposal": proposal, "source": source])
    }

    /// The proposal and source an external edit stands for (nil for any other edit).
    public static func reference(_ edit: Edit) -> (proposal: Int, source: Int)? {
        guard edit.op == op, let p = edit.params["proposal"], let s = edit.params["source"] else { return nil }
        return (p, s)
    }
}
