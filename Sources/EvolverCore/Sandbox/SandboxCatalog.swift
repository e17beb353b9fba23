import Foundation

/// The folder of sandboxes (`Sandboxes/`), and how the CLI finds it.
public struct SandboxCatalog: Sendable {
    /// The folder holding one subfolder per sandbox.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Finds the Sandboxes folder: an explicit path, else `EVOLVER_SANDBOXES`, else `./Sandboxes`,
    /// else a `Sandboxes` folder beside or above the running executable.
    /// - Throws: `EvolverError.sandboxesNotFound`.
    public static func locate(explicit: String?, environment: [String: String], currentDirectory: String, executablePath: String) throws -> SandboxCatalog {
        let fm = FileManager.default
        func isDir(_ path: String) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &d) && d.boolValue
        }
        if let explicit {
            let url = URL(fileURLWithPath: explicit, relativeTo: URL(fileURLWithPath: currentDirectory)).standardizedFileURL
            guard isDir(url.path) else { throw EvolverError.sandboxesNotFound("\(explicit) is not a folder") }
            return SandboxCatalog(root: url)
        }
        if let env = environment["EVOLVER_SANDBOXES"], !env.isEmpty {
            guard isDir(env) else { throw EvolverError.sandboxesNotFound("EVOLVER_SANDBOXES=\(env) is not a folder") }
            return SandboxCatalog(root: URL(fileURLWithPath: env))
        }
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent("Sandboxes")
        if isDir(local.path) { return SandboxCatalog(root: local) }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("Sandboxes")
            if isDir(candidate.path) { return SandboxCatalog(root: candidate) }
            dir = dir.deletingLastPathComponent()
        }
        throw EvolverError.sandboxesNotFound("no ./Sandboxes here or above the executable; pass --sandboxes DIR or set EVOLVER_SANDBOXES")
    }

    /// Names of the sandboxes (subfolders with a manifest), sorted.
    public func names() -> [String] {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return items.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent(Sandbox.Files.manifest).path) }.sorted()
    }

    /// The folder of a named sandbox. - Throws: `EvolverError.unknownSandbox`.
    public func directory(of name: String) throws -> URL {
        guard names().contains(name) else { throw EvolverError.unknownSandbox(name, known: names()) }
        return root.appendingPathComponent(name)
    }

    /// Loads and lock-verifies a named sandbox.
    public func load(_ name: String, verifyLock: Bool = true, expectedOutputs: Sandbox.ExpectedOutputs = .required) throws -> Sandbox {
        try Sandbox(directory: try directory(of: name), verifyLock: verifyLock, expectedOutputs: expectedOutputs)
    }

    /// The sandbox whose manifest declares it the evolver's judge (`"judge": true`).
    /// - Throws: `EvolverError.invalidSandbox` when none or more than one declares it.
    public func judge() throws -> Sandbox {
        var found: [String] = []
        for name in names() {
            let url = root.appendingPathComponent(name).appendingPathComponent(Sandbox.Files.manifest)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let manifest = try? JSONDecoder().decode(JudgeDeclaration.self, from: data), manifest.judge == true else { continue }
            found.append(name)
        }
        guard found.count == 1 else {
            throw EvolverError.invalidSandbox(sandbox: found.first ?? "judge", reason: found.isEmpty
                ? "no sandbox in \(root.path) declares \"judge\": true in its manifest.json; the evolver needs exactly one scoring kernel"
                : "sandboxes \(found.joined(separator: ", ")) all declare \"judge\": true; exactly one may")
        }
        return try load(found[0])
    }

    private struct JudgeDeclaration: Decodable {
        var judge: Bool?
    }

    /// Whether a sandbox's fixed files match its lock.
    public enum LockStatus: Sendable, Equatable {
        case locked
        case missing
        case mismatch(file: String)
    }

    /// The lock status of a named sandbox.
    public func lockStatus(_ name: String) throws -> LockStatus {
        let dir = try directory(of: name)
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(SandboxLock.fileName).path),
              let lock = try? JSONDecoder().decode(SandboxLock.self, from: data) else { return .missing }
        if let file = lock.firstMismatch(against: try SandboxLock.compute(directory: dir)) { return .mismatch(file: file) }
        return .locked
    }

    /// (Re)writes a sandbox's lock after a deliberate change. Returns the lock written.
    @discardableResult
    public func writeLock(_ name: String) throws -> SandboxLock {
        let dir = try directory(of: name)
        let lock = try SandboxLock.compute(directory: dir)
        try lock.encoded().write(to: dir.appendingPathComponent(SandboxLock.fileName), options: .atomic)
        return lock
    }
}
