import Foundation
import Testing
import TestSupport

/// End-to-end: after a short real run, `show` and `diff` say in words what each edit did and where.
@Suite(.serialized)
struct EditDescriptionCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func showAndDiffDescribeTheEditsOfARealRun() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let run = try CommandRunner.evolver(["run", "score", "--time", "20s", "--seed", "1", "--store", store, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try json(run.stdout) as? [String: Any])
        let id = try #require(summary["run"] as? String)
        try #require((summary["promotions"] as? Int ?? 0) >= 1, "a 20 s run of score with seed 1 promotes")

        let show = try CommandRunner.evolver(["show", id, "--store", store])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("promotion 1  candidate "))
        #expect(show.stdout.contains("    edits relative to the seed:\n"), "\(show.stdout)")
        #expect(show.stdout.range(of: #"lines? [0-9]+"#, options: .regularExpression) != nil, "every edit names its line: \(show.stdout)")
        #expect(!show.stdout.contains("@/"), "no edit is shown by its path: \(show.stdout)")

        let shown = try CommandRunner.evolver(["show", id, "--json", "--store", store])
        #expect(shown.status == 0)
        let entries = try #require(try json(shown.stdout) as? [[String: Any]])
        #expect(entries.count == (summary["promotions"] as? Int ?? 0) + 1)
        var descriptions: Set<String> = []
        for entry in entries.dropFirst() {
            #expect(entry["relative_to"] is Int, "\(entry)")
            let edits = try #require(entry["described_edits"] as? [[String: Any]])
            #expect(edits.count == (entry["edits"] as? [String])?.count, "one description per new edit")
            for edit in edits {
                #expect(edit["op"] is String && edit["site"] is [Int] && edit["params"] is [String: Int], "\(edit)")
                let description = try #require(edit["description"] as? String)
                #expect(description.contains("line") && !description.contains("@/"), "\(description)")
                descriptions.insert(description)
            }
        }

        let diff = try CommandRunner.evolver(["diff", id, "--color", "never", "--store", store])
        #expect(diff.status == 0, "\(diff.stderr)")
        let lines = diff.stdout.split(separator: "\n").map(String.init)
        let headers = lines.indices.filter { lines[$0].hasPrefix("@@ ") }
        #expect(!headers.isEmpty)
        let notes = headers.flatMap { header in
            lines[..<header].reversed().prefix { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
        }
        #expect(!notes.isEmpty, "hunks are headed by the edits that produced them: \(diff.stdout)")
        for note in notes { #expect(descriptions.contains(note), "\(note) is one of the run's edits") }
        #expect(lines.contains { $0.hasPrefix("# edit: ") })
    }
}
