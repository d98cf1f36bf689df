import Foundation

extension Model {
    /// A Keras-style table of the layers, their output shapes and parameter
    /// counts, with totals. The model must be built.
    public func summaryText() -> String {
        let rows: [(String, String, String)] = sublayers.map { name, layer in
            let type = String(describing: Swift.type(of: layer))
            let shape = layer.outputShape.map { "(None, " + $0.map(String.init).joined(separator: ", ") + ")" } ?? "?"
            return ("\(name) (\(type))", shape, layer.parameterCount.formatted)
        }
        let headers = ("Layer (type)", "Output Shape", "Param #")
        let widths = [
            max(headers.0.count, rows.map(\.0.count).max() ?? 0),
            max(headers.1.count, rows.map(\.1.count).max() ?? 0),
            max(headers.2.count, rows.map(\.2.count).max() ?? 0),
        ]
        func line(_ a: String, _ b: String, _ c: String) -> String {
            a.padding(widths[0]) + "  " + b.padding(widths[1]) + "  " + String(repeating: " ", count: widths[2] - c.count) + c
        }
        let rule = String(repeating: "─", count: widths.reduce(4, +))
        var text = "Model: \"\(name)\"\n\(rule)\n" + line(headers.0, headers.1, headers.2) + "\n\(rule)\n"
        for row in rows { text += line(row.0, row.1, row.2) + "\n" }
        let trainable = trainableParameters.reduce(0) { $0 + $1.value.count }
        let total = parameterCount
        text += "\(rule)\n"
        text += " Total params: \(total.formatted) (\(bytes(total)))\n"
        text += " Trainable params: \(trainable.formatted) (\(bytes(trainable)))\n"
        text += " Non-trainable params: \((total - trainable).formatted) (\(bytes(total - trainable)))\n"
        return text
    }

    /// Prints `summaryText()`.
    public func summary() { print(summaryText(), terminator: "") }

    private func bytes(_ count: Int) -> String {
        let size = Double(count * 4)
        if size >= 1_048_576 { return String(format: "%.2f MB", size / 1_048_576) }
        if size >= 1024 { return String(format: "%.2f KB", size / 1024) }
        return String(format: "%.0f B", size)
    }
}

private extension Int {
    /// 101770 → "101,770".
    var formatted: String {
        let digits = String(self)
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: Swift.max(0, width - count)) }
}
