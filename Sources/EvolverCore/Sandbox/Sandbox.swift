import Foundation
import KernelSyntax

/// A loaded, lock-verified sandbox: one evolvable kernel and everything that judges it.
public struct Sandbox: Sendable {
    /// Folder name.
    public let name: String
    /// The sandbox folder.
    public let directory: URL
    public let manifest: SandboxManifest
    public let harness: HarnessSpec
    /// The seed kernel's source.
    public let seedSource: String
    /// The fixed validation suite's inputs.
    public let cases: [KernelCase]
    /// Expected outputs recorded from the seed, aligned with `cases` (nil before they are recorded).
    public let expected: [ExpectedResult]?
    /// SHA-256 of `lock.json`: identifies the exact fixed files a result was judged by.
    public let lockDigest: String

    /// File names inside a sandbox folder.
    public enum Files {
        public static let manifest = "manifest.json"
        public static let harness = "harness.json"
        public static let seed = "seed.c"
        public static let cases = "suite/cases.jsonl"
        public static let expected = "suite/expected.jsonl"
    }

    /// What to do with `suite/expected.jsonl` when loading.
    public enum ExpectedOutputs: Sendable {
        /// Refuse the sandbox when it is missing or inconsistent.
        case required
        /// Load it when present (listing, locking).
        case ifPresent
        /// Do not read it (recording it anew).
        case ignored
    }

    /// Loads a sandbox folder.
    /// - Parameters:
    ///   - verifyLock: refuse the sandbox when a fixed file does not match `lock.json`.
    ///   - expectedOutputs: how to treat `suite/expected.jsonl`.
    /// - Throws: `EvolverError` naming the file at fault.
    public init(directory: URL, verifyLock: Bool = true, expectedOutputs: ExpectedOutputs = .required) throws {
        let name = directory.lastPathComponent
        self.name = name
        self.directory = directory
        let lockURL = directory.appendingPathComponent(SandboxLock.fileName)
        var lockDigest = ""
        if verifyLock {
            guard let lockData = FileManager.default.contents(atPath: lockURL.path) else { throw EvolverError.missingLock(name) }
            let lock: SandboxLock
            do { lock = try JSONDecoder().decode(SandboxLock.self, from: lockData) } catch {
                throw EvolverError.invalidSandbox(sandbox: name, reason: "lock.json is malformed")
            }
            if let file = lock.firstMismatch(against: try SandboxLock.compute(directory: directory)) {
                throw EvolverError.lockMismatch(sandbox: name, file: file)
            }
            lockDigest = Hashing.sha256Hex(lockData)
        }
        self.lockDigest = lockDigest
        func read(_ relative: String) throws -> Data {
            let url = directory.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw EvolverError.unreadableFile(url.path) }
            return data
        }
        func invalid(_ reason: String) -> EvolverError { .invalidSandbox(sandbox: name, reason: reason) }
        func decode<T: Decodable>(_ type: T.Type, _ file: String, _ schema: JSONSchema) throws -> T {
            let data = try read(file)
            do { try schema.check(data, file: file) } catch { throw invalid("\(error)") }
            do { return try JSONDecoder().decode(T.self, from: data) } catch { throw invalid("\(file): \(DecodingFailure.describe(error))") }
        }
        manifest = try decode(SandboxManifest.self, Files.manifest, SandboxSchemas.manifest)
        harness = try decode(HarnessSpec.self, Files.harness, SandboxSchemas.harness)
        guard manifest.name == name else { throw invalid("manifest.json: name '\(manifest.name)' differs from the folder name '\(name)'") }
        do { try manifest.validate() } catch { throw invalid("manifest.json: \(error)") }
        do { try harness.validate() } catch { throw invalid("harness.json: \(error)") }
        let prototype = harness.parsedPrototype
        guard prototype.name == manifest.entry else {
            throw invalid("manifest.json: entry is `\(manifest.entry)` but harness.json's prototype declares `\(prototype.name)`")
        }
        do {
            for cls in manifest.benchmark.workload { try WorkloadGenerator.validate(cls, harness: harness) }
        } catch { throw invalid("manifest.json: benchmark.workload: \(error)") }
        guard let seed = String(data: try read(Files.seed), encoding: .utf8) else { throw invalid("seed.c is not UTF-8") }
        if let reason = Self.definitionMismatch(seed, harness: harness, entry: manifest.entry) { throw invalid("seed.c: \(reason)") }
        seedSource = seed
        do {
            cases = try JSONLines.decode(KernelCase.self, from: try read(Files.cases), file: Files.cases, schema: SandboxSchemas.suiteCase)
            var ids = Set<String>()
            for (line, c) in cases.enumerated() {
                guard ids.insert(c.id).inserted else { throw HarnessFailure("\(Files.cases): duplicate case id \(c.id)") }
                do { _ = try c.bufferLengths(for: harness) } catch { throw HarnessFailure("\(Files.cases):\(line + 1): \(error)") }
            }
            let expectedURL = directory.appendingPathComponent(Files.expected)
            if expectedOutputs != .ignored, FileManager.default.fileExists(atPath: expectedURL.path) {
                let results = try JSONLines.decode(ExpectedResult.self, from: try read(Files.expected), file: Files.expected, schema: SandboxSchemas.expected)
                guard results.map(\.id) == cases.map(\.id) else { throw HarnessFailure("\(Files.expected) does not list the cases of \(Files.cases) in order (run 'evolver sandbox record \(name)')") }
                let outputs = Set(harness.outputParams.map(\.name))
                for r in results where Set(r.outputs.keys) != outputs {
                    throw HarnessFailure("\(Files.expected): case \(r.id) does not list exactly the outputs \(outputs.sorted().joined(separator: ", "))")
                }
                expected = results
            } else if expectedOutputs == .required {
                throw HarnessFailure("suite/expected.jsonl is missing (run 'evolver sandbox record \(name)')")
            } else {
                expected = nil
            }
        } catch let e as EvolverError {
            throw e
        } catch {
            throw invalid("\(error)")
        }
    }

    /// Why a kernel's definition of the entry does not match the harness's prototype (nil when it
    /// does, or when the source does not parse: compiling it will say why).
    public static func definitionMismatch(_ source: String, harness: HarnessSpec, entry: String) -> String? {
        definitionMismatch(source, prototype: harness.parsedPrototype, harness: harness, entry: entry)
    }

    /// The same, with the prototype already parsed.
    static func definitionMismatch(_ source: String, prototype: KernelPrototype, harness: HarnessSpec, entry: String) -> String? {
        guard let unit = try? CParser.parse(source) else { return nil }
        guard let definition = unit.definition(of: entry) else { return "defines no function `\(entry)` (the manifest's entry)" }
        if definition.storage == .static { return "`\(entry)` is static: the entry must have external linkage (the harness calls it by name)" }
        return prototype.mismatch(with: definition).map { "\($0) (harness.json: \(harness.prototype))" }
    }

    /// One pass of the benchmark workload drawn from `seed`. Benchmarks draw their inputs fresh from
    /// a seed of their own (see `BenchmarkInputs`); the manifest's `workload_seed` is only the
    /// default here, for tools that want one fixed, reproducible pass.
    public func workload(seed: UInt64? = nil) throws -> [KernelCase] {
        try workload(passes: 1, seed: seed ?? manifest.benchmark.workloadSeed ?? 1)
    }

    /// `passes` passes of the benchmark workload drawn from one generator seeded with `seed`, in a row.
    public func workload(passes: Int, seed: UInt64) throws -> [KernelCase] {
        do {
            return try WorkloadGenerator.generate(manifest.benchmark.workload, passes: passes, seed: seed, harness: harness)
        } catch {
            throw EvolverError.invalidSandbox(sandbox: name, reason: "workload: \(error)")
        }
    }
}
