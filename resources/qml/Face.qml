import QtQuick
import "."

// One of the five 好差评 faces (the font has no emoji), drawn so that no two are alike in shape, in colour or in
// grey: the usual colours (greens for satisfied, slate blue for 基本满意, orange and red for dissatisfied) fill the
// disc, and the features in white differ in their shape, not by a few pixels:
//   5 非常满意    closed happy eyes (^ ^) and a wide open grin
//   4 满意        round eyes and a smile
//   3 基本满意    round eyes and a straight mouth
//   2 不满意      worried brows and a frown
//   1 非常不满意  angry brows and an open, turned-down mouth
// Colour is never the only cue: the shape says it in grey too, and the words are always shown beside it.
Canvas {
    id: face
    property int level: 3
    implicitWidth: Theme.elder ? 112 : 104
    implicitHeight: implicitWidth

    // What the face is drawn with (read by the tests, one entry per level, best first in each list).
    readonly property int rank: Math.max(0, Math.min(4, 5 - level))
    readonly property color tone: ["#1b7f3b", "#5a9e1e", "#3d5a78", "#c45a00", "#b71c1c"][rank]
    readonly property string eyes: ["closedHappy", "round", "round", "round", "round"][rank]
    readonly property string brows: ["none", "none", "none", "worried", "angry"][rank]
    readonly property string mouth: ["grin", "smile", "straight", "frown", "openFrown"][rank]
    readonly property color ink: "#ffffff"

    onLevelChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        const size = Math.min(width, height)
        const stroke = Math.max(3, size * 0.06)
        const c = size / 2
        const r = c - 2
        ctx.reset()
        ctx.lineCap = "round"
        ctx.lineJoin = "round"
        ctx.lineWidth = stroke

        ctx.beginPath()
        ctx.arc(c, c, r, 0, 2 * Math.PI)
        ctx.fillStyle = face.tone
        ctx.fill()

        ctx.strokeStyle = face.ink
        ctx.fillStyle = face.ink
        const eyeY = c - r * 0.22
        const eyeX = r * 0.36
        for (const side of [-1, 1]) {
            const x = c + side * eyeX
            ctx.beginPath()
            if (face.eyes === "closedHappy") {  // an upturned arc: ∩
                ctx.arc(x, eyeY + r * 0.06, r * 0.15, Math.PI * 1.1, Math.PI * 1.9)
                ctx.stroke()
            } else {
                ctx.arc(x, eyeY, r * 0.1, 0, 2 * Math.PI)
                ctx.fill()
            }
            if (face.brows !== "none") {
                // worried: the inner end up; angry: the inner end down
                const inner = face.brows === "worried" ? -r * 0.12 : r * 0.1
                ctx.beginPath()
                ctx.moveTo(x + side * r * 0.2, eyeY - r * 0.24)
                ctx.lineTo(x - side * r * 0.16, eyeY - r * 0.24 + inner)
                ctx.stroke()
            }
        }

        const mouthY = c + r * 0.38
        const w = r * 0.46
        ctx.beginPath()
        switch (face.mouth) {
        case "grin":  // a flat top and a round bottom, filled
            ctx.moveTo(c - w * 1.15, mouthY - r * 0.12)
            ctx.lineTo(c + w * 1.15, mouthY - r * 0.12)
            ctx.arc(c, mouthY - r * 0.12, w * 1.15, 0, Math.PI)
            ctx.closePath()
            ctx.fill()
            break
        case "smile":
            ctx.moveTo(c - w, mouthY - r * 0.1)
            ctx.quadraticCurveTo(c, mouthY + r * 0.34, c + w, mouthY - r * 0.1)
            ctx.stroke()
            break
        case "straight":
            ctx.moveTo(c - w * 0.8, mouthY)
            ctx.lineTo(c + w * 0.8, mouthY)
            ctx.stroke()
            break
        case "frown":
            ctx.moveTo(c - w, mouthY + r * 0.14)
            ctx.quadraticCurveTo(c, mouthY - r * 0.26, c + w, mouthY + r * 0.14)
            ctx.stroke()
            break
        default:  // openFrown: a round top and a flat bottom, filled
            ctx.moveTo(c + w, mouthY + r * 0.2)
            ctx.arc(c, mouthY + r * 0.2, w, 0, Math.PI, true)
            ctx.closePath()
            ctx.fill()
        }
    }
}
