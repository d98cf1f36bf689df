import Foundation
import XCTest
@testable import Synapse

/// The README's table of layers names the types a user writes.
final class ReadmeLayerNamesTests: XCTestCase {
    /// Every layer type by the name a user writes; a name here that is not
    /// a layer type does not compile.
    private let layerTypes: [String: any ConfigurableLayer.Type] = [
        "Dense": Dense.self, "Flatten": Flatten.self, "Reshape": Reshape.self, "Dropout": Dropout.self,
        "ActivationLayer": ActivationLayer.self, "Conv2D": Conv2D.self, "Conv2DTranspose": Conv2DTranspose.self,
        "DepthwiseConv2D": DepthwiseConv2D.self, "MaxPooling2D": MaxPooling2D.self, "AveragePooling2D": AveragePooling2D.self,
        "GlobalAveragePooling2D": GlobalAveragePooling2D.self, "BatchNormalization": BatchNormalization.self,
        "LayerNormalization": LayerNormalization.self, "GroupNormalization": GroupNormalization.self, "ZeroPadding2D": ZeroPadding2D.self, "UpSampling2D": UpSampling2D.self,
        "Conv1D": Conv1D.self, "MaxPooling1D": MaxPooling1D.self, "GlobalAveragePooling1D": GlobalAveragePooling1D.self,
        "GlobalMaxPooling1D": GlobalMaxPooling1D.self, "Add": Add.self, "Concatenate": Concatenate.self,
        "Embedding": Embedding.self, "GPT": GPT.self, "Leaky": Leaky.self, "Synaptic": Synaptic.self,
        "RecurrentLeaky": RecurrentLeaky.self, "RepeatSteps": RepeatSteps.self, "TimeReadout": TimeReadout.self,
        "WinnerTakeAllSTDP": WinnerTakeAllSTDP.self, "SimpleRNN": SimpleRNN.self, "LSTM": LSTM.self, "GRU": GRU.self,
        "Bidirectional": Bidirectional.self,
    ]

    /// The names listed in the README's `| layers |` row, before its note.
    private func readmeLayerNames() throws -> [String] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardizedFileURL
        let text = try String(contentsOf: readme, encoding: .utf8)
        let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("| layers |") }, "README has a layers row")
        let cell = row.dropFirst("| layers |".count).split(separator: "|")[0]
        let list = cell.split(separator: "(", maxSplits: 1)[0]
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testEveryLayerInTheReadmeIsALayerTypeAndEveryBuiltInIsListed() throws {
        let names = try readmeLayerNames()
        for name in names {
            XCTAssertNotNil(layerTypes[name], "README lists '\(name)', which is not a layer type")
        }
        let listed = Set(names.compactMap { layerTypes[$0] }.map { $0.typeName })
        let builtIn = Set(LayerRegistry.builtInTypes.map { $0.typeName })
        XCTAssertEqual(listed, builtIn, "the README lists every built-in layer once")
    }

    func testKerassPoolingNamesAreTheSameTypes() {
        XCTAssertTrue(MaxPooling2D.self == MaxPool2D.self)
        XCTAssertEqual(MaxPooling2D.typeName, "MaxPooling2D")
        XCTAssertEqual(AveragePooling2D.typeName, "AveragePooling2D")
        XCTAssertEqual(GlobalAveragePooling2D.typeName, "GlobalAveragePooling2D")
        XCTAssertEqual(ActivationLayer.typeName, "Activation", "saved under Keras's name")
    }
}
