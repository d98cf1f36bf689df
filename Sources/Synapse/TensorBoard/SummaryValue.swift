/// One thing a TensorBoard summary can show under a tag.
public enum SummaryValue: Sendable {
    /// A number, plotted over steps (the Scalars tab).
    case scalar(Double)
    /// A distribution (the Histograms and Distributions tabs).
    case histogram(Histogram)
    /// A picture, stored as PNG (the Images tab).
    case image(RGBImage)
    /// Markdown text (the Text tab).
    case text(String)
}
