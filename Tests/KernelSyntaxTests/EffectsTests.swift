import KernelTestSupport
import Testing
@testable import KernelSyntax

@Suite struct EffectsTests {
    func effects(_ source: String) throws -> EffectSummary { try CParser.parseStatement(source).effects }

    @Test func assignmentReadsAndWrites() throws {
        let e = try effects("x = a[i] + y * 2;")
        #expect(e.writes == ["x"] && e.reads == ["a", "i", "y"])
        #expect(e.readsMemory && !e.writesMemory && !e.hasUnknownSideEffects)
        let compound = try effects("x += y;")
        #expect(compound.writes == ["x"] && compound.reads == ["x", "y"])
    }

    @Test func memoryWritesThroughPointersAndArrays() throws {
        let e = try effects("*p++ = v;")
        #expect(e.writesMemory && e.writes == ["p"] && e.reads == ["p", "v"] && e.memoryWriteBases == ["p"])
        let element = try effects("out[i + 1] = 0;")
        #expect(element.writesMemory && element.writes.isEmpty && element.reads == ["out", "i"])
        #expect(element.memoryWriteBases == ["out"])
        let incremented = try effects("counts[k]++;")
        #expect(incremented.writesMemory && incremented.readsMemory)
    }

    @Test func callsAreUnknownSideEffects() throws {
        let e = try effects("s = f(a, b);")
        #expect(e.hasUnknownSideEffects && e.calledFunctions == ["f"] && e.writesMemory && e.readsMemory)
        #expect(e.reads == ["a", "b"] && e.writes == ["s"])
        #expect(e.conflicts(with: try effects("t = 1;")))
    }

    @Test func declarationsAddressesAndSizeof() throws {
        let d = try effects("int t = u, w;")
        #expect(d.declares == ["t", "w"] && d.writes == ["t"] && d.reads == ["u"])
        let address = try effects("p = &x;")
        #expect(address.addressTaken == ["x"] && address.writes == ["p"] && !address.reads.contains("x"))
        let size = try effects("n = sizeof(x[0]);")
        #expect(size.reads.isEmpty && !size.readsMemory)
    }

    @Test func controlTransferIsTrackedRelativeToTheNode() throws {
        let loop = try effects("for (i = 0; i < n; i++) { if (a[i]) break; continue; }")
        #expect(!loop.hasEscapingBreak && !loop.hasEscapingContinue && !loop.containsReturn)
        #expect(loop.writes == ["i"] && loop.reads == ["i", "n", "a"])
        let body = try effects("{ if (a[i]) break; }")
        #expect(body.hasEscapingBreak && body.transfersControl)
        let inSwitch = try effects("switch (x) { case 1: break; default: continue; }")
        #expect(!inSwitch.hasEscapingBreak && inSwitch.hasEscapingContinue)
        #expect(try effects("if (x) return y;").containsReturn)
    }

    @Test func pureExpressionsAndConflicts() throws {
        let pure = try CParser.parseExpression("a * b + (c ? d : 1)").effects
        #expect(!pure.hasSideEffects && pure.reads == ["a", "b", "c", "d"])
        let swapA = try effects("t = a;"), swapB = try effects("a = b;"), other = try effects("c = d;")
        #expect(swapA.conflicts(with: swapB))
        #expect(!swapA.conflicts(with: other))
        let store = try effects("out[i] = 1;"), load = try effects("x = in[j];")
        #expect(store.conflicts(with: load))
        #expect(!load.conflicts(with: try effects("y = in[k];")))
    }
}
