import Foundation
import Testing
@testable import EvolverCore

/// Every mistake in a sandbox's files is one plain line naming the file, the key path and what
/// was expected — never a Swift decoding error.
struct SandboxSchemaTests {
    static func harness(aC: String = "int", aType: String = "i32", aValues: String = "[-100, 100]", extraProto: String = "", extraParam: String = "") -> String {
        #"{"prototype": "long long dot(const \#(aC) *a, const int *b, int n\#(extraProto));", "params": ["#
            + #"{"name": "a", "kind": "input", "type": "\#(aType)", "length": "n", "values": \#(aValues)}, "#
            + #"{"name": "b", "kind": "input", "type": "i32", "length": "n", "values": [-100, 100]}, "#
            + #"{"name": "n", "kind": "int", "range": [0, 64]}\#(extraParam)]}"#
    }
    static let harness = harness()
    static let seed = "long long dot(const int *a, const int *b, int n) {\n    long long s = 0;\n    int i;\n    for (i = 0; i < n; i++) {\n        s += a[i] * b[i];\n    }\n    return s;\n}\n"
    static let workload = #"[{"name": "w", "count": 2, "args": {"a": {"array": {"length": [8, 16], "values": [-100, 100]}}, "b": {"array": {"length": {"same_as": "a"}, "values": [-100, 100]}}, "n": {"length_of": "a"}}}]"#
    static let cases = [#"{"id": "one", "args": {"a": [1], "b": [2], "n": 1}}"#]

    func error(harness: String = Self.harness, workload: String = Self.workload, cases: [String] = Self.cases, extra: String = "") throws -> String {
        let sandbox = try ScratchSandbox(entry: "dot", harness: harness, seed: Self.seed, cases: cases, workload: workload, extraManifest: extra)
        return sandbox.loadError() ?? ""
    }

    static func noSwift(_ message: String) {
        for word in ["DecodingError", "keyed decoding container", "CodingKeys", "Debug description", "Swift."] {
            #expect(!message.contains(word), "\(message)")
        }
        #expect(!message.contains("\n"), "\(message)")
    }

    @Test func theValidSandboxLoads() throws {
        #expect(try error() == "")
    }

    @Test func misspeltKeysAreErrorsWithASuggestion() throws {
        let rnage = try error(harness: Self.harness.replacingOccurrences(of: #""range": [0, 64]"#, with: #""rnage": [0, 64]"#))
        #expect(rnage.contains("harness.json params[2]: unknown key `rnage`; did you mean `range`?"), "\(rnage)")
        let sampels = try error(extra: #""benchmark_x": 1,"#)
        #expect(sampels.contains("manifest.json: unknown key `benchmark_x`; did you mean `benchmark`?"), "\(sampels)")
        let screen = try error(workload: Self.workload + #", "screen_sampels": 4"#)
        #expect(screen.contains("manifest.json benchmark: unknown key `screen_sampels`; did you mean `screen_samples`?"), "\(screen)")
        let array = try error(workload: Self.workload.replacingOccurrences(of: #""values": [-100, 100]}}, "n""#, with: #""valeus": [-100, 100]}}, "n""#))
        #expect(array.contains("manifest.json benchmark.workload[0].args.b.array: unknown key `valeus`; did you mean `values`?"), "\(array)")
        for m in [rnage, sampels, screen, array] { Self.noSwift(m) }
    }

    @Test func missingKeysAndWrongKindsNameFileAndPath() throws {
        let sandbox = try ScratchSandbox(entry: "dot", harness: Self.harness, seed: Self.seed, cases: Self.cases, workload: Self.workload)
        let url = sandbox.directory.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: #""warmup_pairs": 0, "#, with: "").write(to: url, atomically: true, encoding: .utf8)
        let missing = sandbox.loadError() ?? ""
        #expect(missing.contains("manifest.json benchmark: missing key `warmup_pairs` (an integer)"), "\(missing)")
        try text.replacingOccurrences(of: #""samples": 6"#, with: #""samples": "six""#).write(to: url, atomically: true, encoding: .utf8)
        let kind = sandbox.loadError() ?? ""
        #expect(kind.contains(#"manifest.json benchmark.samples: expected an integer, found the string "six""#), "\(kind)")
        let type = try error(harness: Self.harness(aType: "int32"))
        #expect(type.contains("harness.json params[0].type: expected one of i8, u8, i16, i32, i64, f32, f64"), "\(type)")
        for m in [missing, kind, type] { Self.noSwift(m) }
    }

    @Test func workloadErrorsSayWhatIsWrong() throws {
        let unknown = try error(workload: Self.workload.replacingOccurrences(of: #""length_of": "a""#, with: #""length_of": "q""#))
        #expect(unknown.contains("the generator of `n` names `q`, which is not a parameter (parameters: a, b, n)"), "\(unknown)")
        #expect(!unknown.contains("cycle"))
        let notArray = try error(workload: Self.workload.replacingOccurrences(of: #""length_of": "a""#, with: #""length_of": "n""#))
        #expect(notArray.contains("names `n`, which is not an input array"), "\(notArray)")
        let stray = try error(workload: Self.workload.replacingOccurrences(of: #""n": {"length_of": "a"}"#, with: #""n": {"length_of": "a"}, "zz": {"const": 1}"#))
        #expect(stray.contains("has a generator for `zz`, which is not a parameter"), "\(stray)")
        let missing = try error(workload: Self.workload.replacingOccurrences(of: #", "n": {"length_of": "a"}"#, with: ""))
        #expect(missing.contains("has no generator for `n`"), "\(missing)")
    }

    @Test func valuesOutsideTheElementTypeAndCasesGivingOutputsAreRefused() throws {
        let values = try error(harness: Self.harness(aC: "unsigned char", aType: "u8", aValues: "[0, 300]"))
        #expect(values.contains("harness.json: a: values [0, 300] do not fit u8 [0, 255]"), "\(values)")
        let withOut = Self.harness(extraProto: ", long long *out", extraParam: #", {"name": "out", "kind": "output", "type": "i64", "length": "1"}"#)
        let supplied = try ScratchSandbox(entry: "dot", harness: withOut, seed: Self.seed.replacingOccurrences(of: "int n) {", with: "int n, long long *out) {"),
                                          cases: [#"{"id": "one", "args": {"a": [1], "b": [2], "n": 1, "out": [3]}}"#], workload: Self.workload).loadError() ?? ""
        #expect(supplied.contains("case one gives `out`, an output buffer: cases give only ints, reals and inputs"), "\(supplied)")
        let stray = try error(cases: [#"{"id": "one", "args": {"a": [1], "b": [2], "n": 1, "m": 3}}"#])
        #expect(stray.contains("case one gives `m`, which is not a parameter"), "\(stray)")
    }

    @Test func placeholdersAreRefusedUntilFilledIn() throws {
        let placeholder = try error(harness: Self.harness.replacingOccurrences(of: #""range": [0, 64]"#, with: #""range": ["TODO lo", "TODO hi"]"#))
        #expect(placeholder.contains(#"harness.json params[2].range[0]: still a placeholder ("TODO lo"): fill it in"#), "\(placeholder)")
    }

    @Test func theEntryMustMatchThePrototypeAndTheSeed() throws {
        let other = try error(harness: Self.harness.replacingOccurrences(of: "long long dot(", with: "long long dotp("))
        #expect(other.contains("entry is `dot` but harness.json's prototype declares `dotp`"), "\(other)")
        let seed = try ScratchSandbox(entry: "dot", harness: Self.harness, seed: Self.seed.replacingOccurrences(of: "long long dot(", with: "int dot("),
                                      cases: Self.cases, workload: Self.workload).loadError() ?? ""
        #expect(seed.contains("seed.c: `dot` returns int, the prototype long long"), "\(seed)")
    }

    @Test func suggestionsPickTheClosestKnownKey() {
        #expect(JSONSchema.suggestion(for: "childern", among: ["children", "samples"]) == "children")
        #expect(JSONSchema.suggestion(for: "screen_sampels", among: ["samples", "screen_samples"]) == "screen_samples")
        #expect(JSONSchema.suggestion(for: "zzzzzz", among: ["children", "samples"]) == nil)
    }
}
