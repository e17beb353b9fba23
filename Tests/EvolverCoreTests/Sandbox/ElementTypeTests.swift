import Testing
@testable import EvolverCore

struct ElementTypeTests {
    @Test(arguments: ElementType.allCases.filter { !$0.isReal })
    func roundTripsItsWholeRange(_ type: ElementType) {
        let values: [Int64] = [type.range.lowerBound, type.range.upperBound, 0, 1, type.range.lowerBound == 0 ? 7 : -1]
        var bytes: [UInt8] = []
        type.encode(values, into: &bytes)
        #expect(bytes.count == values.count * type.size)
        #expect(type.decode(bytes[...]) == values)
    }

    @Test(arguments: [ElementType.f32, .f64])
    func roundTripsFloatingPointIncludingNaNAndInfinities(_ type: ElementType) {
        let values: [Double] = [0, -0.0, 1.5, -2.25, type.realRange.upperBound, type.realRange.lowerBound, .infinity, -.infinity, 1e-30]
        var bytes: [UInt8] = []
        type.encode(reals: values + [.nan], into: &bytes)
        #expect(bytes.count == (values.count + 1) * type.size)
        let decoded = type.decodeReals(bytes[...])
        #expect(Array(decoded.prefix(values.count)) == values.map { type == .f32 ? Double(Float($0)) : $0 })
        #expect(decoded.last!.isNaN)
        #expect(ElementType.f32.decodeReals([0, 0, 0x80, 0x3F][...]) == [1.0])
    }

    @Test func signExtendsSignedTypes() {
        #expect(ElementType.i8.decode([0xFF][...]) == [-1])
        #expect(ElementType.u8.decode([0xFF][...]) == [255])
        #expect(ElementType.i32.decode([0, 0, 0, 0x80][...]) == [Int64(Int32.min)])
    }
}
