import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A date chosen by touch: year, month and day each with large + and − buttons (the year also ±10), no
// typing. The view-model steps the date, so it is always a real day and never after today.
ColumnLayout {
    id: dateField
    required property var form
    required property string key
    required property bool mandatory
    required property int year
    required property int month
    required property int day
    required property string dateText
    readonly property bool chosen: year > 0
    spacing: 12

    Text {
        objectName: "date_" + dateField.key
        Layout.fillWidth: true
        text: dateField.chosen ? dateField.dateText : qsTr("Not chosen yet: tap + or − to start from today")
        font.pixelSize: dateField.chosen ? Theme.bodySize + 6 : Theme.bodySize
        font.bold: dateField.chosen
        lineHeight: Theme.lineHeight
        color: dateField.chosen ? Theme.text : Theme.muted
        wrapMode: Text.WordWrap
    }

    Flow {
        Layout.fillWidth: true
        spacing: Theme.gap
        DatePartStepper {
            part: "year"
            title: qsTr("Year")
            shown: dateField.chosen ? String(dateField.year) : "—"
            bigSteps: true
        }
        DatePartStepper {
            part: "month"
            title: qsTr("Month")
            shown: dateField.chosen ? String(dateField.month) : "—"
        }
        DatePartStepper {
            part: "day"
            title: qsTr("Day")
            shown: dateField.chosen ? String(dateField.day) : "—"
        }
        BigButton {
            objectName: "dateClear_" + dateField.key
            visible: !dateField.mandatory && dateField.chosen
            text: qsTr("Clear")
            tint: Theme.neutral
            onClicked: dateField.form.clearAnswer(dateField.key)
        }
    }

    component DatePartStepper: Rectangle {
        id: stepper
        property string part
        property string title
        property string shown
        property bool bigSteps: false
        implicitWidth: column.implicitWidth + 24
        implicitHeight: column.implicitHeight + 24
        radius: 12
        color: Theme.surface
        border.color: "#8a9099"
        border.width: 2
        ColumnLayout {
            id: column
            anchors.centerIn: parent
            spacing: 8
            Text {
                Layout.alignment: Qt.AlignHCenter
                text: stepper.title
                font.pixelSize: Theme.bodySize
                color: Theme.text
            }
            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: 8
                StepButton { visible: stepper.bigSteps; part: stepper.part; delta: 10 }
                StepButton { part: stepper.part; delta: 1 }
            }
            Text {
                objectName: "datePart_" + dateField.key + "_" + stepper.part
                Layout.alignment: Qt.AlignHCenter
                text: stepper.shown
                font.pixelSize: Theme.bodySize + 10
                font.bold: true
                color: Theme.text
            }
            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: 8
                StepButton { visible: stepper.bigSteps; part: stepper.part; delta: -10 }
                StepButton { part: stepper.part; delta: -1 }
            }
        }
    }

    component StepButton: Button {
        id: step
        property string part
        property int delta
        objectName: "dateStep_" + dateField.key + "_" + part + "_" + (delta > 0 ? "up" : "down") + Math.abs(delta)
        implicitWidth: Theme.touchHeight
        implicitHeight: Theme.touchHeight
        font.pixelSize: Theme.bodySize + (Math.abs(delta) > 1 ? 0 : 8)
        font.bold: true
        contentItem: Text {
            text: (step.delta > 0 ? "+" : "−") + Math.abs(step.delta)
            font: step.font
            color: Theme.onTint
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle {
            radius: 12
            color: step.down ? Qt.darker(Theme.accent, 1.3) : Theme.accent
        }
        onClicked: dateField.form.stepDate(dateField.key, part, delta)
    }
}
