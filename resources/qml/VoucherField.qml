import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Where a voucher code is typed: shown in capitals as printed on the receipt (XXXX-XXXX-XXXX), whatever the
// keyboard's shift state; the look-up accepts either case.
TextField {
    id: field
    objectName: "voucherField"
    Layout.fillWidth: true
    Layout.preferredHeight: Theme.touchHeight
    font.pixelSize: Theme.bodySize + 8
    font.family: "monospace"
    placeholderText: "XXXX-XXXX-XXXX"
    placeholderTextColor: Theme.muted
    color: Theme.text
    inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhLatinOnly | Qt.ImhSensitiveData
    onTextEdited: {
        const upper = field.text.toUpperCase()
        if (upper !== field.text) {
            const cursor = field.cursorPosition
            field.text = upper
            field.cursorPosition = cursor
        }
    }
}
