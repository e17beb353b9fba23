import ArgumentParser
import EvolverCore
import Foundation

/// `evolver sandboxes`: the sandboxes and whether their fixed files match their locks.
struct SandboxesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandboxes", abstract: "List the sandboxes with their lock status.")

    @OptionGroup var location: SandboxLocationOptions
    @Flag(help: "Print JSON.") var json = false

    struct Entry: Encodable {
        var name: String
        var description: String
        var entry: String
        var lock: String
        var mismatchedFile: String?
        var cases: Int?
        /// Why the sandbox cannot be used as it is (nil when it can).
        var problem: String?

        enum CodingKeys: String, CodingKey {
            case name, description, entry, lock, cases, problem
            case mismatchedFile = "mismatched_file"
        }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try location.catalog()
            var entries: [Entry] = []
            for name in catalog.names() {
                let status = try catalog.lockStatus(name)
                var entry = Entry(name: name, description: "", entry: "", lock: "locked")
                do {
                    let sandbox = try catalog.load(name, verifyLock: false, expectedOutputs: .required)
                    entry.description = sandbox.manifest.description
                    entry.entry = sandbox.manifest.entry
                    entry.cases = sandbox.cases.count
                } catch {
                    entry.problem = (error as? EvolverError).map { "\($0.localizedDescription)" } ?? "\(error)"
                    entry.problem = entry.problem?.replacingOccurrences(of: "sandbox '\(name)': ", with: "")
                    // The manifest alone may still say what the sandbox is.
                    let url = try catalog.directory(of: name).appendingPathComponent(Sandbox.Files.manifest)
                    if let data = FileManager.default.contents(atPath: url.path), let m = try? JSONDecoder().decode(SandboxManifest.self, from: data) {
                        entry.description = m.description
                        entry.entry = m.entry
                    }
                }
                switch status {
                case .locked: break
                case .missing: entry.lock = "missing"
                case .mismatch(let file):
                    entry.lock = "mismatch"
                    entry.mismatchedFile = file
                }
                entries.append(entry)
            }
            if json {
                print(try jsonString(entries))
                return
            }
            let rows = entries.map { e -> [String] in
                [e.name, e.lock, e.entry.isEmpty ? "-" : e.entry, e.cases.map { "\($0) cases" } ?? "-", e.description]
            }
            let header = ["SANDBOX", "LOCK", "ENTRY", "SUITE", "DESCRIPTION"]
            let widths = (0..<4).map { k in ([header] + rows).map { $0[k].count }.max()! }
            func line(_ r: [String]) -> String {
                (0..<4).map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + r[4]
            }
            print(line(header))
            for (e, r) in zip(entries, rows) {
                print(line(r))
                if let file = e.mismatchedFile { print("  \(file) differs from lock.json (after a deliberate change: evolver sandbox lock \(e.name))") }
                if e.lock == "missing" { print("  no lock.json yet (evolver sandbox record \(e.name), or sandbox lock)") }
                if let problem = e.problem, e.mismatchedFile == nil || !problem.contains("does not match lock.json") { print("  problem: \(problem)") }
            }
        }
    }
}
