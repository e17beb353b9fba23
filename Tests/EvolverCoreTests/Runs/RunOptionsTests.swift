import Foundation
import KernelMutation
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// What a run records about its search must keep meaning the same thing in later versions.
struct RunOptionsTests {
    func record(_ optionsJSON: String, in tmp: TempDirectory) throws -> RunRecord {
        let store = try RunStore(directory: tmp.url.appendingPathComponent("store"))
        let manifest = RunManifest(sandbox: "score", seed: 1, lockDigest: "x", lockFiles: [:], evolverVersion: "test",
                                   generator: "splitmix64", budget: [:], options: ["evolution": optionsJSON])
        return try store.createRun(manifest: manifest)
    }

    /// Runs recorded before the speed screen and the stored operator list replay as they ran:
    /// no screen, and only the operators that existed then.
    @Test func olderRunsKeepTheirScreenlessSearchAndOperatorList() throws {
        let tmp = try TempDirectory()
        var old = EvolutionOptions.defaults(seed: 5, jobs: 2)
        old.screen = nil
        let json = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        #expect(!json.contains("screen") && !json.contains("operators"))
        let options = try EvolutionService.options(of: try record(json, in: tmp))
        #expect(options.screen == nil)
        let names = try #require(options.operators)
        #expect(names.count == MutationRegistry.operators.count - EvolutionService.operatorsAddedLater.count)
        #expect(!names.contains("if-to-arithmetic") && names.contains("if-to-select"))
        #expect(names == MutationRegistry.operators.map(\.name).filter { names.contains($0) }, "registry order")
    }

    @Test func newRunsRecordTheScreenAndEveryOperator() throws {
        let tmp = try TempDirectory()
        var new = EvolutionOptions.defaults(seed: 5, jobs: 2)
        new.operators = MutationRegistry.operators.map(\.name)
        let json = String(decoding: try JSONEncoder().encode(new), as: UTF8.self)
        let options = try EvolutionService.options(of: try record(json, in: tmp))
        #expect(options == new)
        #expect(options.screen == .standard)
    }
}
