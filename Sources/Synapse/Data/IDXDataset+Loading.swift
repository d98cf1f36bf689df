import Foundation

extension IDXDataset {
    /// Finds and loads the dataset: the named directory if any, else the cache, else the system
    /// directories, else a verified download into the cache.
    /// - Returns: the data and where it came from.
    /// - Throws: `DatasetError` if the files are found nowhere and cannot be downloaded;
    ///   `IDXError` or `DatasetError` if found files are damaged or do not belong together.
    public func load(_ options: DatasetLoadOptions = DatasetLoadOptions()) throws -> LoadedDataset {
        if let directory = options.directory {
            let urls = try files.map { file -> URL in
                guard let url = existingFile(file, in: directory) else {
                    throw DatasetError.missingFile(dataset: displayName, file: file.name, directory: directory.path)
                }
                return url
            }
            return LoadedDataset(name: displayName, splits: try loadSplits(urls), source: .directory(directory))
        }
        let cache = cacheDirectory(options)
        if let urls = existingFiles(in: cache) {
            return LoadedDataset(name: displayName, splits: try loadSplits(urls), source: .cache(cache))
        }
        if options.searchesSystemDirectories {
            for directory in systemDirectories {
                if let urls = existingFiles(in: directory) {
                    return LoadedDataset(name: displayName, splits: try loadSplits(urls), source: .system(directory))
                }
            }
        }
        guard options.allowsDownload else {
            let searched = [cache] + (options.searchesSystemDirectories ? systemDirectories : [])
            throw DatasetError.notFound(dataset: displayName, searched: searched.map(\.path), cacheDirectory: cache.path)
        }
        let downloader = DatasetDownloader(timeout: options.timeout)
        let urls = try files.map { file in
            try existingFile(file, in: cache)
                ?? downloader.download(file, from: options.mirrors ?? mirrors, into: cache, datasetName: displayName)
        }
        return LoadedDataset(name: displayName, splits: try loadSplits(urls), source: .downloaded(cache))
    }

    /// The directory this dataset is cached in under the options' cache root.
    public func cacheDirectory(_ options: DatasetLoadOptions = DatasetLoadOptions()) -> URL {
        (options.cacheRoot ?? DatasetCache.defaultRoot()).appendingPathComponent(name, isDirectory: true)
    }

    /// Loads the four files at `urls` (train images, train labels, test images, test labels).
    func loadSplits(_ urls: [URL]) throws -> DatasetSplits {
        precondition(urls.count == 4)
        let idx = try urls.map { try IDXFile(contentsOf: $0) }
        let names = urls.map(\.lastPathComponent)
        let train = try LabeledImages(images: idx[0], imagesName: names[0], labels: idx[1], labelsName: names[1],
                                      classCount: classCount)
        let test = try LabeledImages(images: idx[2], imagesName: names[2], labels: idx[3], labelsName: names[3],
                                     classCount: classCount)
        return DatasetSplits(train: train, test: test)
    }

    /// The file's URL in `directory`, compressed or not, if it exists there.
    private func existingFile(_ file: File, in directory: URL) -> URL? {
        for name in [file.name, file.uncompressedName] {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return nil
    }

    /// All four files' URLs in `directory`, or nil if any is missing.
    private func existingFiles(in directory: URL) -> [URL]? {
        var urls: [URL] = []
        for file in files {
            guard let url = existingFile(file, in: directory) else { return nil }
            urls.append(url)
        }
        return urls
    }
}
