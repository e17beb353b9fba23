import Foundation
import TestSupport
@testable import EvolverCore

/// A sandbox written to a temporary folder from its parts, recorded and locked like a user's.
struct ScratchSandbox {
    let folder: TempDirectory
    let catalog: SandboxCatalog
    let name: String

    /// Writes the sandbox; `workload` is the JSON of `benchmark.workload`.
    init(name: String = "k", entry: String, harness: String, seed: String, cases: [String], workload: String, extraManifest: String = "") throws {
        folder = try TempDirectory("scratch-sandbox")
        self.name = name
        catalog = SandboxCatalog(root: folder.url)
        try folder.write("""
        {"name": "\(name)", "description": "test kernel", "entry": "\(entry)", "allowed_symbols": [],
         "deadline_ms": 1000, "compile_deadline_ms": 2000, "memory_limit_mb": 256, "max_source_bytes": 65536, "max_image_bytes": 1048576,
         \(extraManifest)
         "benchmark": {"warmup_pairs": 0, "samples": 6, "screen_samples": 4, "children": 2, "window_ms": 2, "max_reps": 1000, "workload": \(workload)}}
        """, to: "\(name)/manifest.json")
        try folder.write(harness, to: "\(name)/harness.json")
        try folder.write(seed, to: "\(name)/seed.c")
        try folder.write(cases.joined(separator: "\n") + "\n", to: "\(name)/suite/cases.jsonl")
    }

    var directory: URL { folder.url.appendingPathComponent(name) }

    /// Records the expected outputs from the seed and locks the sandbox; returns it loaded.
    @discardableResult
    func record() throws -> Sandbox {
        let unrecorded = try catalog.load(name, verifyLock: false, expectedOutputs: .ignored)
        let results = try ExpectedRecorder.record(sandbox: unrecorded, worker: WorkerProcess(executable: TestPaths.worker))
        try JSONLines.encode(results).write(to: directory.appendingPathComponent(Sandbox.Files.expected))
        try catalog.writeLock(name)
        return try catalog.load(name)
    }

    /// The error loading the sandbox (without its lock) gives, as text; nil when it loads.
    func loadError() -> String? {
        do {
            _ = try catalog.load(name, verifyLock: false, expectedOutputs: .ifPresent)
            return nil
        } catch {
            return (error as? EvolverError)?.localizedDescription ?? "\(error)"
        }
    }
}
