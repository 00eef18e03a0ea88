pragma Singleton
import QtQuick

// Sizes and colours of the touch UI. Normal: text at least 24 px; elder mode (长辈模式): text at least
// 36 px, line height 1.35, contrast at least 7:1, touch targets at least 15 mm.
// `pixelDensity` (pixels per mm) is set by Main.qml from Screen.pixelDensity; an unknown or implausible
// density (offscreen, a broken EDID) falls back to 96 dpi, where 15 mm is 57 px.
QtObject {
    property bool elder: false
    property real pixelDensity: fallbackPixelDensity
    readonly property real fallbackPixelDensity: 96 / 25.4
    readonly property real mm: pixelDensity >= 2 && pixelDensity <= 30 ? pixelDensity : fallbackPixelDensity

    readonly property color background: "#f4f6f9"
    readonly property color surface: "#ffffff"
    readonly property color primary: elder ? "#8c1c1c" : "#c62f2f"
    readonly property color primaryDark: elder ? "#6e1414" : "#9e2121"
    readonly property color accent: elder ? "#1f4a8a" : "#2b5fad"
    readonly property color calm: elder ? "#155c2b" : "#1f7a3a"
    readonly property color neutral: elder ? "#4a5160" : "#5c6370"
    readonly property color onTint: "white"
    readonly property color text: "#1d2129"
    readonly property color muted: elder ? "#3d434d" : "#5c6370"
    readonly property color error: elder ? "#8e1a1a" : "#b00020"
    readonly property color ok: elder ? "#155c2b" : "#1f7a3a"

    readonly property int bodySize: elder ? 40 : 28
    readonly property int titleSize: elder ? 54 : 40
    readonly property int tileTitleSize: elder ? 60 : 50
    readonly property real lineHeight: elder ? 1.35 : 1.15
    readonly property int touchHeight: Math.round(Math.max(elder ? 120 : 96, (elder ? 20 : 15) * mm))
    readonly property int gap: elder ? 28 : 20
}
