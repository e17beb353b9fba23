import Foundation

/// The measured figures, printed as a table and written as JSON.
struct BenchFigures {
    struct Figure: Codable {
        var name: String
        var value: Double
        var goal: String
        var note: String
    }

    private(set) var figures: [Figure] = []

    mutating func add(_ name: String, _ value: Double, goal: String, note: String) {
        figures.append(Figure(name: name, value: value, goal: goal, note: note))
        FileHandle.standardError.write(Data(String(format: "  %@ = %.4g  (%@)\n", name, value, note).utf8))
    }

    /// Writes `{"figures": {name: value}, "details": [...]}`, merging with figures already in the file.
    func write(to url: URL) throws {
        var values: [String: Double] = [:]
        if let data = try? Data(contentsOf: url),
           let old = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let oldFigures = old["figures"] as? [String: Double] {
            values = oldFigures
        }
        for f in figures { values[f.name] = f.value }
        let details = figures.map { ["name": $0.name, "value": $0.value, "goal": $0.goal, "note": $0.note] as [String: Any] }
        let object: [String: Any] = ["figures": values, "details": details, "measured_at": ISO8601DateFormatter().string(from: Date())]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    func table() -> String {
        var lines = ["figure                          value       goal        note"]
        for f in figures {
            lines.append(f.name.padding(toLength: 31, withPad: " ", startingAt: 0) + " " + String(format: "%-11.4g", f.value) + " " + f.goal.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + f.note)
        }
        return lines.joined(separator: "\n")
    }
}
