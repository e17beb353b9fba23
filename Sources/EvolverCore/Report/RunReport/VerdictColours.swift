import Foundation

/// The colour of each verdict in the report's plots and legends (none of them is a plot line's colour).
enum VerdictColours {
    static let known: [String: String] = [
        "passed": "#2e7d32", "screened_out": "#a5a5a5", "wrong_output": "#ef6c00", "compile_error": "#5e35b1",
        "timeout": "#1e88e5", "crashed": "#c62828", "rejected_source": "#6d4c41", "link_error": "#00838f",
        "resource_limit": "#f9a825", "memory_violation": "#e57373", "input_modified": "#ff8a65",
        "sandbox_violation": "#212121", "internal_error": "#78909c",
    ]
    static let spare = ["#827717", "#4527a0", "#00695c", "#bf360c", "#37474f", "#9e9d24"]

    /// The colour of `verdict`; a verdict this version does not know gets a spare colour by name.
    static func colour(_ verdict: String) -> String {
        if let c = known[verdict] { return c }
        let hash = verdict.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        return spare[hash % spare.count]
    }
}
