import CSynapseKernels
import XCTest

/// Which products the pool splits (not timed): the decision, from the sizes.
final class ThreadPolicyTests: XCTestCase {
    private var savedThreads: Int32 = 1

    override func setUp() {
        super.setUp()
        savedThreads = syn_num_threads()
        syn_set_num_threads(2)
    }

    override func tearDown() {
        syn_set_num_threads(savedThreads)
        super.tearDown()
    }

    func testABatch32StepOfTheArticlesMLPSplitsNoProduct() {
        // Forward [32, 784]·[784, 128] and [32, 128]·[128, 10]; backward
        // [784, 32]·[32, 128] for the first kernel, [128, 32]·[32, 10] and
        // [32, 10]·[10, 128] for the second layer.
        for (m, n, k) in [(32, 128, 784), (32, 10, 128), (784, 128, 32), (128, 10, 32), (32, 128, 10)] {
            XCTAssertEqual(syn_gemm_threads(m, n, k), 1, "\(m)×\(n)×\(k) should stay on one thread")
        }
    }

    func testLargeProductsAndBatchOneInferenceSplit() {
        // A batch of 1,000 through the MLP, and the convnet's second convolution as a product.
        XCTAssertEqual(syn_gemm_threads(1000, 128, 784), 2)
        XCTAssertEqual(syn_gemm_threads(128 * 11 * 11, 64, 288), 2)
        // Batch-1 inference reads all of B: splitting its columns halves that.
        XCTAssertEqual(syn_gemm_threads(1, 128, 784), 2)
    }

    func testOneThreadNeverSplits() {
        syn_set_num_threads(1)
        XCTAssertEqual(syn_gemm_threads(1000, 128, 784), 1)
    }
}
