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

        enum CodingKeys: String, CodingKey {
            case name, description, entry, lock, cases
            case mismatchedFile = "mismatched_file"
        }
    }

    func run() throws {
        try reportingErrors {
            let catalog = try location.catalog()
            var entries: [Entry] = []
            for name in catalog.names() {
                let status = try catalog.lockStatus(name)
                let sandbox = try? catalog.load(name, verifyLock: false, expectedOutputs: .ifPresent)
                var entry = Entry(name: name, description: sandbox?.manifest.description ?? "(unreadable manifest)", entry: sandbox?.manifest.entry ?? "?", lock: "locked", cases: sandbox?.cases.count)
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
            for e in entries {
                let lock = e.lock == "mismatch" ? "LOCK MISMATCH (\(e.mismatchedFile ?? "?"))" : e.lock == "missing" ? "NO LOCK" : "locked"
                print("\(e.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(lock.padding(toLength: 10, withPad: " ", startingAt: 0)) \(e.entry)()  \(e.cases.map { "\($0) cases" } ?? "")  \(e.description)")
            }
        }
    }
}
