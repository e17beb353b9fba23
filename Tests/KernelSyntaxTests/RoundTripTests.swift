import KernelTestSupport
import Testing
@testable import KernelSyntax

@Suite struct RoundTripTests {
    @Test func corpusHasAtLeastTenKernels() {
        #expect(Corpus.all.count >= 10)
        #expect(Set(Corpus.all.map(\.name)).count == Corpus.all.count)
    }

    @Test(arguments: Corpus.all)
    func parsePrintParseIsIdentity(kernel: Kernel) throws {
        let unit = try CParser.parse(kernel.source, fileName: kernel.name + ".c")
        #expect(!unit.declarations.isEmpty)
        let printed = CPrinter.print(unit)
        let reparsed = try CParser.parse(printed, fileName: "printed.c")
        #expect(reparsed == unit)
        #expect(reparsed.hashValue == unit.hashValue)
        // Printing is a fixed point: canonical text does not drift.
        #expect(CPrinter.print(reparsed) == printed)
    }

    @Test(arguments: Corpus.all)
    func printedFormIsCanonical(kernel: Kernel) throws {
        let printed = CPrinter.print(try CParser.parse(kernel.source))
        #expect(!printed.contains("\t"))
        #expect(!printed.contains("/*") && !printed.contains("//"))
        #expect(printed.hasSuffix("}\n"))
        for line in printed.split(separator: "\n", omittingEmptySubsequences: true) {
            let indent = line.prefix { $0 == " " }.count
            #expect(indent % 4 == 0, "odd indentation: \(line)")
            #expect(!line.hasSuffix(" "), "trailing space: \(line)")
        }
    }

    @Test func formattingDifferencesParseToTheSameTree() throws {
        let compact = "int f(int a,int b){if(a>b)return a;else return ((b));}"
        let spread = """
        int f(int a, int b)
        {
            // comment
            if (a > b) { return a; }
            else { return b; }
        }
        """
        #expect(try CParser.parse(compact) == CParser.parse(spread))
    }

    @Test func codableRoundTripOfTheTree() throws {
        let unit = try CParser.parse(Corpus.castsAndSizeof.source)
        let data = try JSONEncoder().encode(unit)
        #expect(try JSONDecoder().decode(TranslationUnit.self, from: data) == unit)
    }
}

import Foundation
