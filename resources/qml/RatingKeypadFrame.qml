import QtQuick
import "."

// A rating screen whose numbers are typed on the page's own large keypad (DigitPad), like a form's phone field:
// the keypad sits beside the content in landscape and under it in portrait, and the content (with its buttons)
// takes the rest, so nothing is covered. `target` is the field typed into (null: the keypad is closed); the
// fields say `usesKeypad` so that Main.qml keeps the on-screen keyboard closed for them.
Item {
    id: frame
    default property alias content: area.data
    property Item target: null
    readonly property bool keypadShown: target !== null && target.visible
    // Landscape: the keypad beside the content. Pages pass their own orientation (a StackView page is sized
    // before its children are made, so DigitPad's anchors are right from the start; this frame is not).
    property bool wide: width > height
    signal done()

    Item {
        id: area
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.right: frame.keypadShown && frame.wide ? pad.left : parent.right
        anchors.bottom: frame.keypadShown && !frame.wide ? pad.top : parent.bottom
    }

    DigitPad {
        id: pad
        objectName: "digitPad"
        visible: frame.keypadShown
        target: frame.keypadShown ? frame.target : null
        beside: frame.wide
        // A tap on a button may have taken the focus: the field typed into is marked again.
        onEdited: if (frame.target && !frame.target.activeFocus) frame.target.forceActiveFocus()
        onDone: frame.done()
    }
}
