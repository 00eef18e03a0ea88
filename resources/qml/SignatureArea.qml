import QtQuick
import "."

// A box to sign in with a finger: the strokes are kept as points ([[x, y], …] each) for the consent model,
// which turns them into the image on record. Locked once the signature is kept.
Rectangle {
    id: area
    property var strokes: []
    property bool locked: false
    readonly property bool drawing: input.pressed
    signal cleared()
    color: "white"
    border.color: locked ? Theme.calm : "#8a9099"
    border.width: 3
    radius: 10

    function clear() {
        area.strokes = []
        canvas.requestPaint()
        area.cleared()
    }

    Text {
        anchors.centerIn: parent
        visible: area.strokes.length === 0
        text: qsTr("Sign here")
        font.pixelSize: Theme.bodySize
        color: "#b8bec6"
    }

    Canvas {
        id: canvas
        anchors.fill: parent
        onPaint: {
            const ctx = getContext("2d")
            ctx.clearRect(0, 0, width, height)
            ctx.strokeStyle = "black"
            ctx.lineWidth = 5
            ctx.lineCap = "round"
            ctx.lineJoin = "round"
            for (const stroke of area.strokes) {
                ctx.beginPath()
                stroke.forEach((point, i) => i === 0 ? ctx.moveTo(point[0], point[1]) : ctx.lineTo(point[0], point[1]))
                ctx.stroke()
            }
        }
    }

    MouseArea {
        id: input
        anchors.fill: parent
        enabled: !area.locked
        preventStealing: true
        onPressed: mouse => {
            area.strokes = area.strokes.concat([[[mouse.x, mouse.y]]])
            canvas.requestPaint()
        }
        onPositionChanged: mouse => {
            const all = area.strokes.slice()
            all[all.length - 1] = all[all.length - 1].concat([[mouse.x, mouse.y]])
            area.strokes = all
            canvas.requestPaint()
        }
    }
}
