import Foundation
import Testing
@testable import EvolverCore

/// Workload generators: independent arrays of equal length, lengths over ints, reals, skew.
struct WorkloadGeneratorTests {
    static func harness(_ type: ElementType = .i32) throws -> HarnessSpec {
        let c = type.cSpelling
        let h = HarnessSpec(prototype: "long long f(const \(c) *a, const \(c) *b, int n, int rows, int cols, const \(c) *grid);", params: [
            .init(name: "a", kind: .input, type: type, length: try LengthExpression("n")),
            .init(name: "b", kind: .input, type: type, length: try LengthExpression("n")),
            .init(name: "n", kind: .int, range: [try LengthExpression("0"), try LengthExpression("100000")]),
            .init(name: "rows", kind: .int, range: [try LengthExpression("0"), try LengthExpression("64")]),
            .init(name: "cols", kind: .int, range: [try LengthExpression("0"), try LengthExpression("64")]),
            .init(name: "grid", kind: .input, type: type, length: try LengthExpression("rows*cols")),
        ])
        try h.validate()
        return h
    }

    static func workload(_ json: String) throws -> [WorkloadClass] {
        try JSONDecoder().decode([WorkloadClass].self, from: Data(json.utf8))
    }

    static let classes = #"""
    [{"name": "w", "count": 5, "args": {
      "a": {"array": {"length": [10, 300], "zipf": {"values": [0, 1000], "s": 1.3}}},
      "b": {"array": {"length": {"same_as": "a"}, "values": [-5, 5]}},
      "n": {"length_of": "a"}, "rows": {"int": [1, 9]}, "cols": {"int": [1, 9]},
      "grid": {"array": {"length": "rows*cols", "values": [0, 3]}}}}]
    """#

    @Test func sameAsAndLengthExpressionsHoldInEveryPass() throws {
        let cases = try WorkloadGenerator.generate(try Self.workload(Self.classes), passes: 4, seed: 9, harness: try Self.harness())
        #expect(cases.count == 20)
        for c in cases {
            #expect(c.args["a"]?.count == c.args["b"]?.count)
            guard case .int(let rows)? = c.args["rows"], case .int(let cols)? = c.args["cols"] else { Issue.record("no ints"); continue }
            #expect(c.args["grid"]?.count == Int(rows * cols))
        }
        // Later passes keep the first pass's lengths (and the ints those lengths are computed from).
        #expect(cases[5].args["grid"]?.count == cases[0].args["grid"]?.count && cases[5].args["a"]?.count == cases[0].args["a"]?.count)
    }

    @Test func zipfValuesAreSkewedTowardTheLowEnd() throws {
        var rng = SplitMix64(seed: 4)
        let ranks = (0..<20_000).map { _ in WorkloadGenerator.zipfRank(size: 1001, exponent: 1.3, rng: &rng) }
        #expect(ranks.allSatisfy { (0...1000).contains($0) })
        let zeros = ranks.filter { $0 == 0 }.count, high = ranks.filter { $0 >= 500 }.count
        #expect(zeros > 20_000 / 10, "the most frequent value holds \(zeros) of 20000")
        #expect(zeros > 5 * ranks.filter { $0 == 10 }.count)
        #expect(high > 0 && high < 20_000 / 10)
    }

    @Test func realArraysAndScalarsForFloatingPointParameters() throws {
        let harness = try Self.harness(.f32)
        let json = Self.classes.replacingOccurrences(of: #""values": [-5, 5]"#, with: #""values": [-0.5, 0.5]"#)
        let cases = try WorkloadGenerator.generate(try Self.workload(json), seed: 2, harness: harness)
        for c in cases {
            guard case .reals(let b)? = c.args["b"] else { Issue.record("b is not real"); continue }
            #expect(b.allSatisfy { (-0.5...0.5).contains($0) && Double(Float($0)) == $0 })
            #expect(b.contains { $0 != $0.rounded() })
        }
        // Real values on an integer buffer are refused with a plain reason.
        #expect(throws: HarnessFailure.self) { try WorkloadGenerator.generate(try Self.workload(json), seed: 2, harness: try Self.harness()) }
    }
}
