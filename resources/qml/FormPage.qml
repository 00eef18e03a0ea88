import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The form of the chosen service, rendered from its schema through the view-model's fields model.
// What the whole form needs is said at its top; errors are at their fields, and the first one is scrolled
// into view. The field being typed into always stays in view above the keyboard or beside the keypad.
Page {
    id: page
    required property var vm
    property var consent: null  // 帮办: the assisted filing's context, which keeps a draft
    readonly property var form: vm.form
    // The entry being typed into (on-screen keyboard or keypad), kept in view.
    property Item editing: null
    // Whether layout changes still bring the entry back into view: until the citizen scrolls away from it.
    property bool following: false
    property bool scrollingToEntry: false
    readonly property bool keypadShown: editing !== null && editing.activeFocus && editing.usesKeypad === true
    readonly property bool wide: width > height
    // Said in elder mode: the service, or once the form is sent back what to correct first.
    readonly property string spoken: page.form.spokenProblem !== "" ? page.form.spokenProblem : page.title
    readonly property var kioskWindow: ApplicationWindow.window  // Main.qml: its speaker and when to speak
    background: Rectangle {
        color: Theme.background
    }

    Component.onDestruction: page.form.camera.close()

    function keepInView(item) {
        if (!item || !item.visible)
            return
        const top = item.mapToItem(flick.contentItem, 0, 0).y - Theme.gap
        const bottom = item.mapToItem(flick.contentItem, 0, item.height).y + Theme.gap
        const highest = Math.max(0, flick.contentHeight - flick.height)
        page.scrollingToEntry = true
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(highest, bottom - flick.height)
        page.scrollingToEntry = false
    }

    function startEditing(item) {
        page.editing = item
        page.following = true
        keepInViewSoon()
    }

    // Once the layouts have followed a change (a keyboard or the keypad opening, text rewrapping).
    function keepInViewSoon() {
        if (page.editing && page.editing.activeFocus && page.following)
            keepTimer.restart()
    }

    Timer {
        id: keepTimer
        interval: 60
        onTriggered: if (page.following) page.keepInView(page.editing)
    }

    function showFirstError(key) {
        for (let i = 0; i < fieldRepeater.count; i++) {
            const editor = fieldRepeater.itemAt(i)
            if (editor && editor.key === key) {
                const top = editor.mapToItem(flick.contentItem, 0, 0).y
                // The first field keeps the service name above it in view.
                const wanted = top <= serviceName.height + 2 * Theme.gap ? 0 : top - Theme.gap
                flick.contentY = Math.min(Math.max(0, flick.contentHeight - flick.height), wanted)
                return
            }
        }
    }

    Connections {
        target: page.form
        function onRejected(key) {
            Qt.callLater(page.showFirstError, key)
            page.kioskWindow.speakPageSoon()  // said again when sent back with the same problem
        }
    }

    ColumnLayout {
        id: formArea
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.right: page.keypadShown && page.wide ? pad.left : parent.right
        anchors.bottom: page.keypadShown && !page.wide ? pad.top : parent.bottom
        spacing: 0

        Rectangle {
            objectName: "formMessage"
            visible: page.form.message !== ""
            Layout.fillWidth: true
            Layout.margins: Theme.gap / 2
            implicitHeight: formMessageText.implicitHeight + Theme.gap
            radius: 10
            color: "#fff1f0"
            border.color: Theme.error
            border.width: 2
            Text {
                id: formMessageText
                objectName: "formMessageText"
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                text: page.form.message
                color: Theme.error
                font.pixelSize: Theme.bodySize
                font.bold: true
                lineHeight: Theme.lineHeight
                wrapMode: Text.WordWrap
            }
        }

        Flickable {
            id: flick
            objectName: "formFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: fieldColumn.implicitHeight + 2 * Theme.gap
            boundsBehavior: Flickable.StopAtBounds
            ScrollCue { flickable: flick }
            // The keyboard or keypad opening makes the view smaller: keep the entry in view.
            onHeightChanged: page.keepInViewSoon()
            onWidthChanged: page.keepInViewSoon()
            onContentHeightChanged: page.keepInViewSoon()
            // A scroll by the citizen (to the button below, say) is not undone by a later layout change.
            onContentYChanged: if (!page.scrollingToEntry) page.following = false

            ColumnLayout {
                id: fieldColumn
                x: Theme.gap
                y: Theme.gap
                width: flick.width - 3 * Theme.gap  // clear of the scroll bar on the right
                spacing: Theme.gap
                Text {
                    id: serviceName
                    objectName: "heading"
                    Layout.fillWidth: true
                    text: page.vm.service.name || ""
                    font.pixelSize: Theme.titleSize - 4
                    font.bold: true
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Repeater {
                    id: fieldRepeater
                    model: page.form.fields
                    delegate: FieldEditor {
                        Layout.fillWidth: true
                        form: page.form
                        onFocused: item => {
                            page.startEditing(item)
                            // Elder mode says what the field asks as it is tapped.
                            page.kioskWindow.speaker.say(label + (hint !== "" ? "。" + hint : ""))
                        }
                    }
                }
                // Where 下一步 goes when the keyboard leaves no room for the bar below the form.
                Item {
                    id: endSlot
                    Layout.fillWidth: true
                    implicitHeight: page.barShown ? 0 : submitButton.height + Theme.gap
                }
            }
        }

        Item {
            id: actionBar
            objectName: "formActionBar"
            visible: page.barShown
            Layout.fillWidth: true
            implicitHeight: submitButton.height + Theme.gap
        }
    }

    // 下一步 stays on screen below the form whatever its length; only while the on-screen keyboard leaves too
    // little room above it (a landscape screen) does it wait at the end of the form.
    // Decided once the layout has settled, not in a binding: moving the button moves focus, which moves the
    // keyboard, which changes the room (a binding loop through Main.qml's keypadFocused).
    property bool barShown: true
    // Never while the button is held: moved under the finger, its tap would be lost.
    function placeSubmit() {
        if (submitButton.pressed)
            return
        page.barShown = formArea.height >= submitButton.height + 3 * Theme.touchHeight + 2 * Theme.gap
    }
    Connections {
        target: formArea
        function onHeightChanged() { Qt.callLater(page.placeSubmit) }
    }
    BigButton {
        id: submitButton
        objectName: "submitButton"
        parent: page.barShown ? actionBar : endSlot
        x: parent.width - width - (page.barShown ? 2 * Theme.gap : 0)
        y: page.barShown ? 0 : Theme.gap
        text: page.vm.busy ? qsTr("Checking…") : qsTr("Next: check my answers ›")
        enabled: !page.vm.busy
        // Pressing it keeps the keyboard where it is (the room, and so the button's place, unchanged under the
        // finger); the tap closes the keyboard, then checks the answers.
        focusPolicy: Qt.NoFocus
        onPressedChanged: if (!pressed) Qt.callLater(page.placeSubmit)
        onClicked: {
            flick.forceActiveFocus()
            page.vm.review()
        }
    }

    // 帮办: the helper may keep the form as a draft and finish it with the resident later.
    BigButton {
        id: draftButton
        objectName: "saveDraftButton"
        visible: page.vm.assisted && page.consent !== null
        parent: submitButton.parent
        x: submitButton.x - width - Theme.gap
        y: submitButton.y
        text: qsTr("Save as draft")
        tint: Theme.neutral
        focusPolicy: Qt.NoFocus
        enabled: !page.vm.busy && page.consent !== null && !page.consent.busy
        onClicked: page.consent.saveDraft()
    }

    DigitPad {
        id: pad
        objectName: "digitPad"
        visible: page.keypadShown
        target: page.keypadShown ? page.editing : null
        allowX: page.editing !== null && page.editing.allowX === true
        beside: page.wide
        onEdited: page.form.setAnswer(target.answerKey, target.text)
        onDone: flick.forceActiveFocus()
    }

    PhotoCapturePanel {
        anchors.fill: parent
        z: 10
        camera: page.form.camera
    }
}
