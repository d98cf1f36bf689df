import XCTest
@testable import Synapse

final class ProgressFormattingTests: XCTestCase {
    func testDurationUnderAMinuteIsWholeSeconds() {
        XCTAssertEqual(ProgressFormatting.duration(0), "0s")
        XCTAssertEqual(ProgressFormatting.duration(4.4), "4s")
        XCTAssertEqual(ProgressFormatting.duration(4.6), "5s")
    }

    func testDurationOverAMinuteShowsMinutesAndSeconds() {
        XCTAssertEqual(ProgressFormatting.duration(72), "1m 12s")
        XCTAssertEqual(ProgressFormatting.duration(59.6), "1m 0s")
        XCTAssertEqual(ProgressFormatting.duration(2 * 3600 + 5 * 60 + 3), "2h 5m 3s")
    }

    func testDurationWithTenths() {
        XCTAssertEqual(ProgressFormatting.duration(4.13, tenths: true), "4.1s")
        XCTAssertEqual(ProgressFormatting.duration(72, tenths: true), "1m 12s")
    }

    func testDurationClampsInvalidValuesToZero() {
        XCTAssertEqual(ProgressFormatting.duration(-3), "0s")
        XCTAssertEqual(ProgressFormatting.duration(.nan), "0s")
    }

    func testStepTimeChoosesUnitLikeKeras() {
        XCTAssertEqual(ProgressFormatting.stepTime(0.0021), "2ms/step")
        XCTAssertEqual(ProgressFormatting.stepTime(0.00035), "350us/step")
        XCTAssertEqual(ProgressFormatting.stepTime(1.6), "2s/step")
        XCTAssertEqual(ProgressFormatting.stepTime(0), "0s/step")
        XCTAssertEqual(ProgressFormatting.stepTime(0.9999), "1s/step")
        XCTAssertEqual(ProgressFormatting.stepTime(0.0009999), "1ms/step")
        XCTAssertEqual(ProgressFormatting.stepTime(0.004, unit: "sample"), "4ms/sample")
    }

    func testMetricValueUsesFourDecimalsOrScientific() {
        XCTAssertEqual(ProgressFormatting.metricValue(0.88123), "0.8812")
        XCTAssertEqual(ProgressFormatting.metricValue(12.5), "12.5000")
        XCTAssertEqual(ProgressFormatting.metricValue(-0.25), "-0.2500")
        XCTAssertEqual(ProgressFormatting.metricValue(0.0005), "5.0000e-04")
    }

    func testMetricsKeepGivenOrder() {
        let text = ProgressFormatting.metrics([("loss", 0.3312), ("accuracy", 0.8812)])
        XCTAssertEqual(text, " - loss: 0.3312 - accuracy: 0.8812")
    }
}
