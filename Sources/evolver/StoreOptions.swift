import ArgumentParser
import EvolverCore
import Foundation
import RunStore

/// Where runs are recorded: `--store DIR`, else `EVOLVER_STORE`, else `.evolver` here.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The run store folder (default: $EVOLVER_STORE or ./.evolver).")
    var storePath: String?

    var directory: URL {
        if let storePath { return URL(fileURLWithPath: storePath) }
        if let env = ProcessInfo.processInfo.environment["EVOLVER_STORE"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".evolver")
    }

    /// Opens the store. - Throws: `RunStoreError` (newer schema, corrupted, locked...).
    func open() throws -> RunStore {
        try RunStore(directory: directory)
    }

    /// Opens an existing store only (reading commands never create one).
    func openExisting() throws -> RunStore {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("evolver.sqlite").path) else {
            throw EvolverError.invalidRun("no run store at \(directory.path) (start one with 'evolver run')")
        }
        return try open()
    }
}

/// The service over the store and sandboxes.
func service(_ store: RunStore, _ location: SandboxLocationOptions) throws -> EvolutionService {
    EvolutionService(store: store, catalog: try location.catalog(), workerPath: WorkerProcess.defaultExecutable())
}
