import QtQuick
import "."

// A face drawn in one ink (the font has no emoji): a circle, two eyes and a mouth whose curve goes from a
// smile (level 5) through a straight line (3) to a frown (1). The words beside it carry the meaning too.
Canvas {
    id: face
    property int level: 3
    property color ink: Theme.text
    implicitWidth: Theme.elder ? 112 : 104
    implicitHeight: implicitWidth
    onLevelChanged: requestPaint()
    onInkChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        const size = Math.min(width, height)
        const stroke = Math.max(3, size * 0.055)
        const centre = size / 2
        const radius = centre - stroke
        ctx.reset()
        ctx.strokeStyle = face.ink
        ctx.fillStyle = face.ink
        ctx.lineWidth = stroke
        ctx.lineCap = "round"

        ctx.beginPath()
        ctx.arc(centre, centre, radius, 0, 2 * Math.PI)
        ctx.stroke()

        const eyeY = centre - radius * 0.28
        const eyeX = radius * 0.36
        for (const x of [centre - eyeX, centre + eyeX]) {
            ctx.beginPath()
            ctx.arc(x, eyeY, stroke * 1.1, 0, 2 * Math.PI)
            ctx.fill()
        }

        // Mouth: the control point bends the line down for a smile, up for a frown.
        const mouthY = centre + radius * 0.36
        const halfWidth = radius * 0.46
        const bend = (face.level - 3) * radius * 0.2
        ctx.beginPath()
        ctx.moveTo(centre - halfWidth, mouthY - bend / 2)
        ctx.quadraticCurveTo(centre, mouthY + bend * 1.1, centre + halfWidth, mouthY - bend / 2)
        ctx.stroke()
    }
}
