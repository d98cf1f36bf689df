import Foundation

/// Labelled recordings from a folder of WAV files, as Keras's
/// `audio_dataset_from_directory`: classes from subfolders or from a file-name
/// pattern, a seeded or rule-based split, each clip made into `LogMelFeatures`.
///
/// ```swift
/// let digits = try AudioFolder(directory: fsdd, labeling: .fileNamePattern(AudioFolder.fsddLabelPattern),
///                              split: AudioFolder.fsddSplit)
/// try model.fit(digits.train, epochs: 10)
/// ```
///
/// Features are computed once, on all cores, when the folder is loaded (FSDD's
/// 3,000 clips take about 31 MB as floats); clips at another sample rate are
/// resampled and counted in `resampledCount`.
public struct AudioFolder {
    /// FSDD's file names, `{digit}_{speaker}_{index}.wav`: the digit is the label.
    public static let fsddLabelPattern = #"^(\d+)_[A-Za-z]+_\d+\.wav$"#

    /// FSDD's own split: recordings with index 0 to 4 are the test set.
    public static let fsddSplit = FolderListing.Split.rule { name in
        let stem = name.split(separator: ".").first ?? ""
        guard let index = stem.split(separator: "_").last.flatMap({ Int($0) }) else { return false }
        return index < 5
    }

    /// The class names, indexed by label.
    public let classNames: [String]
    /// Training examples: features `[frames, mels, 1]` and class indices.
    public let train: TensorBatchSource
    /// Test examples.
    public let test: TensorBatchSource
    /// How the clips became features.
    public let features: LogMelFeatures
    /// The files left out as undecodable, with why (only with `CorruptFilePolicy.skip`).
    public let skipped: [String]
    /// How many clips had another sample rate and were resampled.
    public let resampledCount: Int

    /// Loads the `.wav` files of `directory`.
    /// - Parameters:
    ///   - directory: The folder.
    ///   - labeling: Subfolders per class (default) or a file-name pattern.
    ///   - split: Seeded 20 % per class (default) or a rule.
    ///   - features: How clips become model inputs.
    ///   - corruptFiles: Fail on an undecodable file (default) or skip it.
    /// - Throws: `FolderDatasetError` for the folder's layout, `WAVError` (naming the file) for a bad recording.
    public init(directory: URL, labeling: FolderListing.Labeling = .subfolders,
                split: FolderListing.Split = .seeded(testFraction: 0.2, seed: 0),
                features: LogMelFeatures = LogMelFeatures(), corruptFiles: CorruptFilePolicy = .fail) throws {
        let listing = try FolderListing(directory: directory, extensions: ["wav"], labeling: labeling, split: split)
        var skipped: [String] = []
        var resampled = 0
        func load(_ entries: [FolderListing.Entry], part: String) throws -> TensorBatchSource {
            var clips: [AudioClip] = []
            var labels: [Float] = []
            for entry in entries {
                do {
                    let clip = try AudioClip(contentsOf: entry.url, mixDown: true)
                    if clip.sampleRate != features.sampleRate { resampled += 1 }
                    clips.append(clip)
                    labels.append(Float(entry.label))
                } catch let error as WAVError where corruptFiles == .skip {
                    skipped.append(error.description)
                }
            }
            guard !clips.isEmpty else {
                throw FolderDatasetError.emptySplit(directory: directory.path, part: part)
            }
            return try TensorBatchSource(inputs: features.features(of: clips), targets: Tensor(labels))
        }
        train = try load(listing.train, part: "training")
        test = try load(listing.test, part: "test")
        classNames = listing.classNames
        self.features = features
        self.skipped = skipped
        resampledCount = resampled
    }
}
