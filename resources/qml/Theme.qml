pragma Singleton
import QtQuick

// Sizes and colours of the touch UI: text at least 24 px, touch targets at least 15 mm.
QtObject {
    readonly property color background: "#f4f6f9"
    readonly property color surface: "#ffffff"
    readonly property color primary: "#c62f2f"
    readonly property color primaryDark: "#9e2121"
    readonly property color text: "#1d2129"
    readonly property color muted: "#5c6370"
    readonly property color error: "#b00020"
    readonly property color ok: "#1f7a3a"
    readonly property int bodySize: 26
    readonly property int titleSize: 38
    readonly property int touchHeight: 96
    readonly property int gap: 20
}
