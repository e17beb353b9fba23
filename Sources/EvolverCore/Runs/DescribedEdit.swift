import KernelMutation
import RunStore

/// An edit in its recorded form beside its description, as `show --json` prints it.
public struct DescribedEdit: Codable, Sendable, Equatable {
    /// The operator's name.
    public var op: String
    /// The path of the node it rewrote, in the unit it was applied to.
    public var site: [Int]
    /// The operator's parameters.
    public var params: [String: Int]
    /// What it did, for a person (see `EditDescriber`).
    public var description: String
    /// First and last line of the printed source it was applied to that it rewrote; nil when it did not apply.
    public var lines: [Int]?

    init(op: String, site: [Int], params: [String: Int], description: String, lines: [Int]?) {
        self.op = op
        self.site = site
        self.params = params
        self.description = description
        self.lines = lines
    }

    /// The step of an edit trace in this form.
    init(_ step: EditTrace.Step) {
        op = step.edit.op
        site = step.edit.site.indices
        params = step.edit.params
        description = step.description.text
        lines = step.description.lines.map { [$0.lowerBound, $0.upperBound] }
    }
}
