import QtQuick
import "."

// A check mark drawn in one ink (the font's ✓ looks like a root sign): marks a chosen option beside its word.
Canvas {
    id: tick
    property color ink: Theme.onTint
    implicitWidth: Math.round(Theme.bodySize * 0.9)
    implicitHeight: implicitWidth
    onInkChanged: requestPaint()
    onWidthChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        const size = Math.min(width, height)
        ctx.reset()
        ctx.strokeStyle = tick.ink
        ctx.lineWidth = Math.max(3, size * 0.16)
        ctx.lineCap = "round"
        ctx.lineJoin = "round"
        ctx.beginPath()
        ctx.moveTo(size * 0.14, size * 0.55)
        ctx.lineTo(size * 0.4, size * 0.8)
        ctx.lineTo(size * 0.88, size * 0.22)
        ctx.stroke()
    }
}
