import Foundation
import Synapse

/// G1 and G2, the GPT workloads (Benchmarks/torch_gpt_workloads.py is the
/// PyTorch side): the median time of one training iteration of nanoGPT's CPU
/// configuration (vocabulary 65, context 64, batch 12, 4 layers, 4 heads,
/// width 128, no biases, AdamW as `synapse train --model gpt` sets it up), and the
/// tokens per second of sampling 500 tokens with the key/value cache
/// (temperature 0.8, top-k 200). Token ids are random: the timing does not
/// depend on the text.
func gptWorkloads(seed: UInt64, iterations: Int = 50, warmup: Int = 5, tokens: Int = 500) throws -> [String: Any] {
    let vocabularySize = 65, options = LanguageModelTrainingOptions()
    Synapse.seed(seed)
    let model = GPT(vocabularySize: vocabularySize, blockSize: options.contextLength, layers: 4, heads: 4, width: 128,
                    useBias: false)
    try model.build(inputShape: [options.contextLength])
    let optimizer = options.optimizer(for: model)
    let loss = SparseCategoricalCrossentropy(fromLogits: true)
    var generator = SeededGenerator(seed: seed)
    let randomIds = { (count: Int) in (0..<count).map { _ in Float(generator.next() % UInt64(vocabularySize)) } }
    var times: [Double] = []
    var lastLoss: Float = 0
    for iteration in 0..<(warmup + iterations) {
        let inputs = Tensor(shape: [options.batchSize, options.contextLength],
                            scalars: randomIds(options.batchSize * options.contextLength))
        let targets = Tensor(randomIds(options.batchSize * options.contextLength))
        let start = Date()
        let (value, gradients) = valueWithGradients(of: model) { model in
            loss(predictions: model(inputs).reshaped(to: [-1, vocabularySize]), targets: targets)
        }
        optimizer.update(model, with: gradients)
        if iteration >= warmup { times.append(Date().timeIntervalSince(start)) }
        lastLoss = value.scalar
    }
    let characters = (0..<vocabularySize).map { Unicode.Scalar(UInt8(33 + $0)) }
    let textGenerator = try TextGenerator(model: model, vocabulary: CharacterVocabulary(text: characters))
    var sampler = TokenSampler(temperature: 0.8, topK: 200, seed: seed)
    let start = Date()
    try textGenerator.generate(prompt: String(Character(characters[0])), tokens: tokens, sampler: &sampler)
    let seconds = Date().timeIntervalSince(start)
    return ["iteration_ms": median(times) * 1000, "iterations": iterations, "final_loss": Double(lastLoss),
            "tokens": tokens, "seconds": seconds, "tokens_per_s": Double(tokens) / seconds,
            "parameters": model.parameterCount]
}
