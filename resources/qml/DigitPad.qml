import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The page's own large keypad for ID numbers, phone numbers and counts: 0–9, X (ID numbers only),
// Delete and Done, laid out like a telephone. Its keys never take the focus from the field they type into,
// so the field stays marked and the on-screen keyboard stays closed.
Rectangle {
    id: pad
    property Item target: null
    property bool allowX: false
    // Docked in its page: beside the content on the right (landscape), keys at their own size; or under it
    // across the whole width (portrait), where the keys grow to use the width.
    property bool beside: false
    anchors.right: parent.right
    anchors.bottom: parent.bottom
    anchors.top: beside ? parent.top : undefined
    anchors.left: beside ? undefined : parent.left
    width: beside ? implicitWidth : undefined
    height: beside ? undefined : implicitHeight
    signal edited()
    signal done()

    readonly property int keyHeight: Theme.touchHeight
    readonly property int baseKeyWidth: Math.round(Theme.touchHeight * 1.25)
    readonly property int keyWidth: !beside
        ? Math.max(baseKeyWidth, Math.min(2 * baseKeyWidth, Math.floor((width - 2 * Theme.gap - 3 * grid.columnSpacing) / 4)))
        : baseKeyWidth
    implicitWidth: 4 * baseKeyWidth + 3 * grid.columnSpacing + 2 * Theme.gap
    implicitHeight: 4 * keyHeight + 3 * grid.rowSpacing + 2 * Theme.gap
    color: "#e3e7ee"
    border.color: "#c3c8d0"
    border.width: 2

    // The view-model regroups ID and mobile numbers (110105 19491231 002X) as soon as the text changes: the
    // cursor is put back after the same digit, counted without the groups' spaces.
    function typeKey(character) {
        if (!target)
            return
        const at = target.selectedText !== "" ? target.selectionStart : target.cursorPosition
        const digits = digitsBefore(at)
        if (target.selectedText !== "")
            target.remove(target.selectionStart, target.selectionEnd)
        if (target.text.length >= target.maximumLength) {
            putCursorAfterDigits(digits)
            return
        }
        target.insert(nthDigitPosition(digits), character)
        pad.edited()
        putCursorAfterDigits(digits + 1)
    }

    function deleteKey() {
        if (!target)
            return
        if (target.selectedText !== "") {
            const digits = digitsBefore(target.selectionStart)
            target.remove(target.selectionStart, target.selectionEnd)
            pad.edited()
            putCursorAfterDigits(digits)
            return
        }
        const digits = digitsBefore(target.cursorPosition)
        if (digits === 0)
            return
        const at = nthDigitPosition(digits - 1)  // the digit before the cursor, whatever spaces lie between
        target.remove(at, at + 1)
        pad.edited()
        putCursorAfterDigits(digits - 1)
    }

    function digitsBefore(position) {
        return target.text.slice(0, position).replace(/ /g, "").length
    }

    // Where the text has `digits` digits before it (the end when it has fewer).
    function nthDigitPosition(digits) {
        let position = 0
        for (let seen = 0; position < target.text.length && seen < digits; position++) {
            if (target.text[position] !== " ")
                seen++
        }
        return position
    }

    function putCursorAfterDigits(digits) {
        target.cursorPosition = nthDigitPosition(digits)
    }

    // Taps on the pad's background go nowhere (not to the page below).
    MouseArea { anchors.fill: parent }

    GridLayout {
        id: grid
        anchors.centerIn: parent
        columns: 4
        rowSpacing: 12
        columnSpacing: 12

        Repeater {
            model: ["1", "2", "3"]
            delegate: PadKey { required property string modelData; label: modelData; onClicked: pad.typeKey(modelData) }
        }
        PadKey {
            objectName: "digitKey_delete"
            Layout.rowSpan: 2
            Layout.fillHeight: true
            // The sign above the word: a narrow key never breaks the word.
            label: "⌫"
                + "\n" + qsTr("Delete")
            tint: Theme.neutral
            autoRepeat: true
            onClicked: pad.deleteKey()
        }
        Repeater {
            model: ["4", "5", "6", "7", "8", "9"]
            delegate: PadKey { required property string modelData; label: modelData; onClicked: pad.typeKey(modelData) }
        }
        PadKey {
            objectName: "digitKey_done"
            Layout.row: 2
            Layout.column: 3
            Layout.rowSpan: 2
            Layout.fillHeight: true
            label: qsTr("Done")
            tint: Theme.calm
            onClicked: pad.done()
        }
        PadKey {
            objectName: "digitKey_X"
            Layout.row: 3
            Layout.column: 0
            visible: pad.allowX
            label: "X"
            onClicked: pad.typeKey("X")
        }
        PadKey {
            objectName: "digitKey_0"
            Layout.row: 3
            Layout.column: pad.allowX ? 1 : 0
            Layout.columnSpan: pad.allowX ? 2 : 3
            Layout.fillWidth: true
            label: "0"
            onClicked: pad.typeKey("0")
        }
    }

    component PadKey: Button {
        id: key
        property string label
        property color tint: Theme.accent
        objectName: "digitKey_" + label
        focusPolicy: Qt.NoFocus
        Layout.preferredWidth: pad.keyWidth
        Layout.preferredHeight: pad.keyHeight
        font.pixelSize: Theme.bodySize + 8
        font.bold: true
        contentItem: Text {
            text: key.label
            font: key.font
            color: Theme.onTint
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            // Never wrapped (a word broken over two lines reads as two words): shrunk to fit instead.
            wrapMode: Text.NoWrap
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
        }
        background: Rectangle {
            radius: 12
            color: key.down ? Qt.darker(key.tint, 1.3) : key.tint
        }
    }
}
