import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Look a filing up: by the receipt's QR code (scanned at this terminal's scanner), by the voucher code typed,
// or, when the receipt is lost, by ID card number and mobile number, both typed on the page's own keypad
// (beside the page in landscape, under it in portrait; the on-screen keyboard stays closed for them, see
// Main.qml). Results show masked data only; every rule and word of a result comes from the view-model.
Page {
    id: page
    required property var vm
    readonly property var person: vm.personLookup
    background: Rectangle { color: Theme.background }

    // The ID or phone entry the keypad types into: from a tap on it until Done, a look-up or the voucher field.
    property Item editing: null
    readonly property bool keypadShown: editing !== null
    readonly property bool wide: width > height
    // Which look-up's result is on screen: "voucher" or "person" (the latest one the citizen asked for).
    property string shown: vm.lookupResult.voucher !== undefined ? "voucher" : ""
    // Said in elder mode: the result on screen (the newest filing, and how many were found), else a look-up's
    // problem, else the title. The voucher look-up's problems are the window's message, said by Main.qml.
    readonly property string spoken: page.shown === "voucher" && result.visible ? result.spoken
        : page.shown === "person" && personRepeater.count > 0
            ? [personRepeater.itemAt(0) ? personRepeater.itemAt(0).spoken : "", page.person.older].filter(part => part !== "").join("。")
        : page.person.error !== "" ? page.person.error
        : page.title

    function startEditing(entry) {
        page.editing = entry
        keepTimer.restart()
    }

    function lookUpPerson() {
        page.editing = null
        flick.forceActiveFocus()
        page.person.lookUp(idField.text, phoneField.text)
    }

    // The entry being typed into stays in view when the keypad takes room or an error appears under it.
    function keepInView(item) {
        if (!item || !item.visible)
            return
        const top = item.mapToItem(flick.contentItem, 0, 0).y - Theme.gap
        const bottom = item.mapToItem(flick.contentItem, 0, item.height).y + Theme.gap
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(Math.max(0, flick.contentHeight - flick.height), bottom - flick.height)
    }
    Timer {
        id: keepTimer
        interval: 60
        onTriggered: if (page.editing) page.keepInView(page.editing)
    }

    Item {
        id: content
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.right: page.keypadShown && page.wide ? pad.left : parent.right
        anchors.bottom: page.keypadShown && !page.wide ? pad.top : parent.bottom
        onHeightChanged: keepTimer.restart()
        onWidthChanged: keepTimer.restart()

        // Elder mode's large text runs past the bottom of a landscape screen: the page scrolls.
        Flickable {
            id: flick
            objectName: "lookupFlick"
            anchors.fill: parent
            contentHeight: column.implicitHeight + 80
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollCue { flickable: flick }

            // A new result scrolls into view whole: nobody has to discover that the page scrolls. The
            // layout grows after the result arrives, so the scroll follows until the citizen touches.
            property Item revealed: null
            function showResult() {
                if (revealed)
                    contentY = Math.max(0, Math.min(contentHeight - height, revealed.y + column.y - Theme.gap))
            }
            function reveal(item) {
                revealed = item
                Qt.callLater(showResult)
            }
            onContentHeightChanged: if (revealed) showResult()
            onMovementStarted: revealed = null
            Connections {
                target: page.vm
                function onLookedUp() {
                    page.shown = "voucher"
                    flick.reveal(result)
                }
            }
            Connections {
                target: page.person
                // Found: the clear numbers leave the screen; the results show them masked.
                function onFound() {
                    idField.text = ""
                    phoneField.text = ""
                    page.shown = "person"
                    flick.reveal(personResults)
                }
                function onChanged() {
                    if (page.person.errorField !== "")
                        (page.person.errorField === "phone" ? phoneField : idField).entry.forceActiveFocus()
                    else if (page.person.error !== "")
                        flick.reveal(personError)
                }
            }

            ColumnLayout {
                id: column
                anchors.top: parent.top
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.topMargin: 40
                width: Math.min(flick.width - 80, 1000)
                spacing: 24

                // The QR code is read here, by this terminal: a phone's camera finds nothing in it.
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: scanHint.implicitHeight + 2 * Theme.gap
                    radius: 12
                    color: Theme.surface
                    border.color: Theme.accent
                    border.width: 3
                    Text {
                        id: scanHint
                        objectName: "scanHint"
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.margins: Theme.gap
                        text: qsTr("Scan the QR code on your receipt here, at this terminal's scanner. A phone's scanner opens nothing with it.")
                        font.pixelSize: Theme.bodySize + 2
                        font.bold: true
                        lineHeight: Theme.lineHeight
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Or type the voucher code printed on your receipt")
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    VoucherField {
                        id: codeField
                        onActiveFocusChanged: if (activeFocus) page.editing = null
                        onAccepted: page.vm.lookup(text)
                    }
                    BigButton {
                        objectName: "lookupButton"
                        text: qsTr("Check")
                        onClicked: page.vm.lookup(codeField.text)
                    }
                }
                LookupResultView {
                    id: result
                    objectName: "lookupResult"
                    visible: page.shown === "voucher" && page.vm.lookupResult.voucher !== undefined
                    Layout.fillWidth: true
                    result: page.vm.lookupResult
                }

                // A lost receipt: the ID number and the mobile number given on the form.
                Rectangle {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.gap
                    implicitHeight: 2
                    color: "#c3c8d0"
                }
                Text {
                    objectName: "personHeading"
                    Layout.fillWidth: true
                    text: qsTr("Lost your receipt? Look up with your ID card number and mobile number")
                    font.pixelSize: Theme.bodySize + 2
                    font.bold: true
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "personHint"
                    Layout.fillWidth: true
                    text: qsTr("Finds the filings made at this terminal with the mobile number given on the form. Personal data is shown masked.")
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.muted
                    wrapMode: Text.WordWrap
                }
                PersonEntry {
                    id: idField
                    entryName: "personIdField"
                    label: qsTr("ID card number")
                    placeholderText: qsTr("18 characters, X as the last one if your card has it")
                    allowX: true
                    maximumLength: 18
                    errorName: "personIdError"
                    hasError: page.person.errorField === "id_number"
                }
                PersonEntry {
                    id: phoneField
                    entryName: "personPhoneField"
                    label: qsTr("Mobile number")
                    placeholderText: qsTr("The 11-digit number given on the form")
                    maximumLength: 11
                    errorName: "personPhoneError"
                    hasError: page.person.errorField === "phone"
                }
                BigButton {
                    objectName: "personLookupButton"
                    Layout.alignment: Qt.AlignRight
                    text: page.person.pending ? qsTr("Checking…") : qsTr("Look up my filings")
                    enabled: !page.person.pending
                    onClicked: page.lookUpPerson()
                }
                Text {
                    id: personError
                    objectName: "personError"
                    visible: text !== ""
                    Layout.fillWidth: true
                    text: page.person.errorField === "" ? page.person.error : ""
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                    lineHeight: Theme.lineHeight
                    color: Theme.error
                    wrapMode: Text.WordWrap
                }
                ColumnLayout {
                    id: personResults
                    objectName: "personResults"
                    visible: page.shown === "person" && page.person.results.length > 0
                    Layout.fillWidth: true
                    spacing: 2 * Theme.gap
                    Repeater {
                        id: personRepeater
                        model: page.person.results
                        delegate: LookupResultView {
                            required property var modelData
                            objectName: "personResult"
                            Layout.fillWidth: true
                            result: modelData
                        }
                    }
                    Text {
                        objectName: "personOlder"
                        visible: text !== ""
                        Layout.fillWidth: true
                        text: page.person.older
                        font.pixelSize: Theme.bodySize
                        lineHeight: Theme.lineHeight
                        color: Theme.muted
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }

    // A label, the entry typed on the page keypad, and the entry's own error under it.
    component PersonEntry: ColumnLayout {
        id: entryBox
        property alias label: entryLabel.text
        property alias placeholderText: entry.placeholderText
        property alias allowX: entry.allowX
        property alias maximumLength: entry.maximumLength
        property alias hasError: entry.hasError
        property alias text: entry.text
        property alias entry: entry
        property string entryName
        property string errorName
        Layout.fillWidth: true
        spacing: 8
        Text {
            id: entryLabel
            Layout.fillWidth: true
            font.pixelSize: Theme.bodySize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        EntryField {
            id: entry
            objectName: entryBox.entryName
            Layout.fillWidth: true
            usesKeypad: true
            inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
            onActiveFocusChanged: if (activeFocus) page.startEditing(entry)
        }
        Text {
            objectName: entryBox.errorName
            visible: entryBox.hasError
            Layout.fillWidth: true
            text: entryBox.hasError ? page.person.error : ""
            color: Theme.error
            font.pixelSize: Theme.bodySize
            font.bold: true
            lineHeight: Theme.lineHeight
            wrapMode: Text.WordWrap
        }
    }

    DigitPad {
        id: pad
        objectName: "digitPad"
        visible: page.keypadShown
        target: page.editing
        allowX: page.editing !== null && page.editing.allowX === true
        beside: page.wide
        // A new entry makes the last look-up's answer stale; the entry typed into stays marked.
        onEdited: {
            if (page.person.error !== "" || page.person.results.length > 0)
                page.person.clear()
            if (page.editing && !page.editing.activeFocus)
                page.editing.forceActiveFocus()
        }
        onDone: {
            page.editing = null
            flick.forceActiveFocus()
        }
    }
}
