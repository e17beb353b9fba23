import Testing
@testable import EvolverCore

struct ToleranceTests {
    @Test func exactUnlessStated() {
        #expect(Tolerance.exact.agrees(expected: 1, actual: 1, type: .f64))
        #expect(Tolerance.exact.agrees(expected: 0, actual: -0.0, type: .f64))
        #expect(!Tolerance.exact.agrees(expected: 1, actual: 1.0.nextUp, type: .f64))
        #expect(!Tolerance.exact.allowsDifference)
    }

    @Test func absRelAndUlpsAreEachEnough() {
        let t = Tolerance(abs: 1e-6, rel: 1e-3, ulps: 4)
        #expect(t.agrees(expected: 0, actual: 5e-7, type: .f64))
        #expect(t.agrees(expected: 1000, actual: 1000.5, type: .f64))
        #expect(!t.agrees(expected: 1000, actual: 1002, type: .f64))
        let ulps = Tolerance(ulps: 2)
        let f = Float(1.5)
        #expect(ulps.agrees(expected: Double(f), actual: Double(f.nextUp.nextUp), type: .f32))
        #expect(!ulps.agrees(expected: Double(f), actual: Double(f.nextUp.nextUp.nextUp), type: .f32))
        #expect(Tolerance.ulpDistance(-0.0, 0, type: .f64) == 0)
        #expect(Tolerance.ulpDistance(Double(Float.leastNonzeroMagnitude), -Double(Float.leastNonzeroMagnitude), type: .f32) == 2)
    }

    @Test func nanAndInfinitiesAreExplicit() {
        let loose = Tolerance(abs: 1e300, rel: 1e300, ulps: Int.max / 2)
        #expect(loose.agrees(expected: .nan, actual: .nan, type: .f64))
        #expect(!loose.agrees(expected: 1, actual: .nan, type: .f64))
        #expect(!loose.agrees(expected: .nan, actual: 1, type: .f64))
        #expect(loose.agrees(expected: .infinity, actual: .infinity, type: .f32))
        #expect(!loose.agrees(expected: .infinity, actual: -.infinity, type: .f32))
        #expect(!loose.agrees(expected: 1e300, actual: .infinity, type: .f64))
    }

    @Test func theHeatSandboxAllowsFloatReassociationAndTheIntegerOnesDoNot() throws {
        #expect(try Fixtures.catalog.load("heat").harness.allowsFloatReassociation)
        #expect(try !Fixtures.score().harness.allowsFloatReassociation)
        #expect(try !Fixtures.smithWaterman().harness.allowsFloatReassociation)
    }
}
