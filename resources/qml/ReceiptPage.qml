import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Shown only after the durable commit: the voucher code in large type, even if the printer fails.
Page {
    id: page
    required property var vm
    signal done()
    background: Rectangle { color: Theme.background }
    // Said in elder mode: the outcome, the code letter by letter, and the printer's news as it comes.
    readonly property string spoken: [acceptedTitle.text, voucherLabel.text,
        (page.vm.receipt.voucher || "").split("").join(" "), printStatus.text].filter(part => part !== "").join("。")

    // The printer's news and the two buttons stay on screen whatever the text size: an elder-mode receipt
    // scrolls above them, and nobody has to find Done by scrolling.
    footer: Rectangle {
        implicitHeight: footerColumn.implicitHeight + 2 * Theme.gap
        color: Theme.background
        // Landscape: the printer's news beside the buttons, leaving the receipt more of the screen.
        GridLayout {
            id: footerColumn
            anchors.fill: parent
            anchors.margins: Theme.gap
            columns: page.width > page.height ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: 8
            Text {
                id: printStatus
                objectName: "printStatus"
                Layout.fillWidth: true
                visible: text !== ""
                text: page.vm.printMessage !== "" ? page.vm.printMessage
                    : page.vm.printState === "printing" ? qsTr("Printing your receipt…")
                    : page.vm.printState === "printed" ? qsTr("Your receipt has been printed. Please take it.")
                    : ""
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.alignment: footerColumn.columns === 2 ? Qt.AlignRight | Qt.AlignVCenter : Qt.AlignHCenter
                spacing: Theme.gap
                BigButton {
                    objectName: "reprintButton"
                    text: qsTr("Reprint")
                    tint: Theme.muted
                    enabled: page.vm.printState !== "printing"
                    onClicked: page.vm.reprint()
                }
                BigButton {
                    objectName: "doneButton"
                    text: qsTr("Done")
                    onClicked: page.done()
                }
            }
        }
    }

    // Scrolls when elder-mode sizes (or a portrait screen) make the receipt taller than the page.
    Flickable {
        id: receiptFlick
        objectName: "receiptFlick"
        anchors.fill: parent
        clip: true
        contentWidth: width
        contentHeight: Math.max(height, receiptColumn.implicitHeight + 2 * Theme.gap)
        boundsBehavior: Flickable.StopAtBounds
        ScrollCue { flickable: receiptFlick }
        ColumnLayout {
            id: receiptColumn
            anchors.centerIn: parent
            width: Math.min(receiptFlick.width - 80, 1100)
            spacing: Theme.elder ? 2 : 8

            Text {
                id: acceptedTitle
                objectName: "acceptedTitle"
                Layout.fillWidth: true
                text: qsTr("Submitted, awaiting acceptance")
                font.pixelSize: Theme.titleSize + 10
                font.bold: true
                color: Theme.ok
                horizontalAlignment: Text.AlignHCenter
            }
            Text {
                Layout.fillWidth: true
                text: page.vm.receipt.service || ""
                font.pixelSize: Theme.bodySize + 4
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            Text {
                id: voucherLabel
                Layout.fillWidth: true
                text: qsTr("Your voucher code")
                font.pixelSize: Theme.bodySize
                color: Theme.muted
                horizontalAlignment: Text.AlignHCenter
            }
            // Landscape: the QR beside the code, so Reprint and Done stay on the first screen.
            GridLayout {
                id: receiptCode
                readonly property bool sideBySide: page.width > page.height
                Layout.alignment: Qt.AlignHCenter
                columns: sideBySide ? 2 : 1
                columnSpacing: 2 * Theme.gap
                rowSpacing: 14
                Text {
                    objectName: "voucherCode"
                    Layout.fillWidth: !receiptCode.sideBySide
                    text: page.vm.receipt.voucher || ""
                    font.pixelSize: 80
                    font.bold: true
                    font.family: "monospace"
                    color: Theme.text
                    horizontalAlignment: Text.AlignHCenter
                }
                Image {
                    objectName: "voucherQr"
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: receiptCode.sideBySide ? (Theme.elder ? 160 : 200) : (Theme.elder ? 300 : 240)
                    Layout.preferredHeight: Layout.preferredWidth
                    visible: source != ""
                    source: page.vm.receipt.qr ? "image://qr/" + encodeURIComponent(page.vm.receipt.qr) : ""
                    sourceSize.width: Layout.preferredWidth
                    sourceSize.height: Layout.preferredWidth
                    fillMode: Image.PreserveAspectFit
                    smooth: false
                    cache: false
                }
            }
            // The code right under the outcome: the first thing a small screen shows.
            Text {
                objectName: "receiptDepartment"
                Layout.fillWidth: true
                text: qsTr("Handled by %1").arg(page.vm.receipt.department || "")
                font.pixelSize: Theme.bodySize
                color: Theme.muted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "receiptNotes"
                Layout.fillWidth: true
                // The date first: on a landscape screen the lines after it may need a swipe.
                text: qsTr("Promised time limit: %1").arg(page.vm.receipt.timeLimit || "")
                    + "\n" + qsTr("Submitted at %1").arg(page.vm.receipt.time || "")
                    + "\n" + qsTr("Saved on this kiosk. It goes to the county by itself when the network is up; the department then decides whether to accept it.")
                    + "\n" + qsTr("Keep this code: with it you can check your filing here at any time.")
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            // Each masked line is kept whole (a label never ends a row with its value on the next).
            Flow {
                id: maskedApplicant
                objectName: "maskedApplicant"
                readonly property string separator: page.vm.language === "zh_CN" ? "：" : ": "
                readonly property var pairs: (page.vm.receipt.applicant || []).map(line => line.label + separator + line.value)
                readonly property string text: pairs.join("    ")  // what it says, for reading it out and tests
                // Centred like the lines above: as wide as one row of them, or the column when they wrap.
                readonly property real oneRowWidth: {
                    let width = Math.max(0, pairRepeater.count - 1) * spacing
                    for (let i = 0; i < pairRepeater.count; i++)
                        width += pairRepeater.itemAt(i) ? pairRepeater.itemAt(i).implicitWidth : 0
                    return width
                }
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Math.min(receiptColumn.width, oneRowWidth)
                Layout.preferredHeight: implicitHeight
                spacing: Theme.gap
                Repeater {
                    id: pairRepeater
                    model: maskedApplicant.pairs
                    delegate: Text {
                        required property string modelData
                        objectName: "maskedApplicantLine"
                        width: Math.min(implicitWidth, maskedApplicant.width)
                        text: modelData
                        font.pixelSize: Theme.bodySize - 2
                        lineHeight: Theme.lineHeight
                        color: Theme.muted
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
