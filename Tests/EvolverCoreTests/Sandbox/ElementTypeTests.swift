import Testing
@testable import EvolverCore

struct ElementTypeTests {
    @Test(arguments: ElementType.allCases)
    func roundTripsItsWholeRange(_ type: ElementType) {
        let values: [Int64] = [type.range.lowerBound, type.range.upperBound, 0, 1, type.range.lowerBound == 0 ? 7 : -1]
        var bytes: [UInt8] = []
        type.encode(values, into: &bytes)
        #expect(bytes.count == values.count * type.size)
        #expect(type.decode(bytes[...]) == values)
    }

    @Test func signExtendsSignedTypes() {
        #expect(ElementType.i8.decode([0xFF][...]) == [-1])
        #expect(ElementType.u8.decode([0xFF][...]) == [255])
        #expect(ElementType.i32.decode([0, 0, 0, 0x80][...]) == [Int64(Int32.min)])
    }
}
