import XCTest
import Synapse

/// `batches(size:shuffle:seed:)`: every example once per pass, in an order fixed by the seed.
final class BatchesTests: XCTestCase {
    private func numbered(_ count: Int) throws -> TensorBatchSource {
        let values = (0 ..< count).map(Float.init)
        return try TensorBatchSource(inputs: Tensor(values).reshaped(to: [count, 1]), targets: Tensor(values))
    }

    func testBatchesCoverEveryExampleOnceWithASmallerLastBatch() throws {
        let source = try numbered(10)
        let batches = source.batches(size: 4)
        XCTAssertEqual(batches.count, 3)
        let sizes = batches.map { $0.x.shape[0] }
        XCTAssertEqual(sizes, [4, 4, 2])
        XCTAssertEqual(batches.flatMap { $0.y.scalars }, (0 ..< 10).map(Float.init))
        for (x, y) in batches { XCTAssertEqual(x.scalars, y.scalars, "inputs and targets stay paired") }
    }

    func testASeedFixesTheShuffledOrderAndAnotherSeedChangesIt() throws {
        let source = try numbered(50)
        let first = source.batches(size: 8, shuffle: true, seed: 1).flatMap { $0.y.scalars }
        let again = source.batches(size: 8, shuffle: true, seed: 1).flatMap { $0.y.scalars }
        let other = source.batches(size: 8, shuffle: true, seed: 2).flatMap { $0.y.scalars }
        XCTAssertEqual(first, again)
        XCTAssertNotEqual(first, other)
        XCTAssertNotEqual(first, (0 ..< 50).map(Float.init))
        XCTAssertEqual(first.sorted(), (0 ..< 50).map(Float.init))
    }

    func testWithoutASeedTheGlobalGeneratorDecides() throws {
        let source = try numbered(30)
        Synapse.seed(7)
        let a = source.batches(size: 30, shuffle: true).flatMap { $0.y.scalars }
        Synapse.seed(7)
        let b = source.batches(size: 30, shuffle: true).flatMap { $0.y.scalars }
        XCTAssertEqual(a, b)
    }

    func testImageDatasetsGiveScaledPixelsAndLabels() throws {
        let data = try LabeledImages(images: [0, 255, 51, 102], labels: [1, 0], height: 1, width: 2, classCount: 2)
        let batch = Array(data.batches(size: 2))
        XCTAssertEqual(batch.count, 1)
        XCTAssertEqual(batch[0].x.shape, [2, 1, 2])
        XCTAssertEqual(batch[0].x.scalars, [0, 255, 51, 102].map { Float($0) * (1 / 255) })
        XCTAssertEqual(batch[0].y.scalars, [1, 0])
    }
}
