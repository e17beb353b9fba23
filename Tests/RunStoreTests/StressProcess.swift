import Foundation

/// The `store-stress` helper running as a child process, read line by line.
final class StressProcess {
    private let process = Process()
    private let output = Pipe()
    private var buffer = Data()
    private let watchdog: DispatchWorkItem
    /// File receiving the child's standard error, for failure messages.
    let stderrFile: URL

    /// Starts `store-stress mode directory`; a watchdog kills it after `limit` seconds.
    init(mode: String, directory: URL, limit: TimeInterval = 120) throws {
        stderrFile = directory.deletingLastPathComponent()
            .appendingPathComponent("stress-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = try Self.helperURL()
        process.arguments = [mode, directory.path]
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        let pid = process.processIdentifier
        watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
    }

    /// The next line the child printed, or nil at end of output (the child died).
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    /// Sends SIGKILL and waits for the child to be gone; returns whether a signal ended it.
    @discardableResult
    func kill9() -> Bool {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        watchdog.cancel()
        return process.terminationReason == .uncaughtSignal
    }

    /// What the child wrote to standard error.
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// `store-stress`, built next to the test bundle (`swift build` / `swift test` build it).
    static func helperURL() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["STORE_STRESS"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("store-stress"))
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/store-stress"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "store-stress not found in \(candidates.map(\.path))"])
    }
}
