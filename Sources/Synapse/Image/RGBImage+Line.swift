extension RGBImage {
    /// Draws a straight line between two pixels (Bresenham's algorithm),
    /// `thickness` pixels wide; the parts outside the image are left out.
    public mutating func drawLine(from start: (Int, Int), to end: (Int, Int), color: RGBColor, thickness: Int = 1) {
        var (x, y) = start
        let dx = abs(end.0 - x), dy = -abs(end.1 - y)
        let stepX = x < end.0 ? 1 : -1, stepY = y < end.1 ? 1 : -1
        var error = dx + dy
        let offset = (thickness - 1) / 2
        while true {
            fill(x: x - offset, y: y - offset, width: thickness, height: thickness, with: color)
            if x == end.0 && y == end.1 { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }
}
