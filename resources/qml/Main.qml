import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles
import "."

// The kiosk window: a top bar (Back, Home, Help, language), a page stack, the on-screen keyboard,
// the idle-wipe warning and the answer to a call for help.
ApplicationWindow {
    id: window
    required property var vm
    required property var home
    required property var search
    required property var idle
    required property var speaker
    required property var help
    required property var rating
    required property var technician
    required property var villageHelper
    required property var consent
    required property var crash
    property bool fullScreen: true
    width: 1280
    height: 800
    visible: true
    visibility: fullScreen ? Window.FullScreen : Window.Windowed
    flags: fullScreen ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    title: qsTr("Bianmin self-service kiosk")
    color: Theme.background

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }

    // What leaving now would throw away: a half-filled form, a rating begun, or nothing.
    readonly property string unsavedWork: vm.formInProgress ? "form" : window.rating.inProgress ? "rating" : ""

    function dropRatingAndGoBack() {
        stack.pop()
        rating.clear()
    }

    // Home is the helper's workspace while a village helper is signed in.
    readonly property var homeComponent: villageHelper.signedIn ? helperHomePage : homePage
    function goHome() {
        discardConfirm.visible = false
        vm.resetSession()
        search.clear()
        rating.clear()
        consent.clear()
        stack.replace(null, window.homeComponent)
    }
    readonly property bool helperSignedIn: villageHelper.signedIn
    onHelperSignedInChanged: if (helperSignedIn) stack.replace(null, helperHomePage)
    // Locked: no header button under the lock screen, and no keyboard over it.
    readonly property bool helperLocked: villageHelper.stage === "locked"
    onHelperLockedChanged: if (helperLocked) { Qt.inputMethod.hide(); window.contentItem.forceActiveFocus() }

    // 好差评: rate the filing a voucher names (the receipt just shown, or one scanned or typed).
    function rateFiling(voucher) {
        rating.startForVoucher(voucher)
        stack.push(ratingPage)
    }

    // A stored rating: the citizen's data goes, the thank-you stays until Home (or its own timer).
    function showRatingThanks() {
        vm.resetSession()
        search.clear()
        stack.replace(null, [window.homeComponent, ratingThanksPage])
    }

    // The idle timeout ended the session: nothing of it may stay on screen or in the keyboard.
    function wipeScreen() {
        discardConfirm.visible = false
        Qt.inputMethod.reset()
        Qt.inputMethod.hide()
        stack.replace(null, homePage, StackView.Immediate)
        window.contentItem.forceActiveFocus()
    }

    // Elder mode reads out what the screen asks, its errors and its results (the speaker is silent otherwise):
    // a page's `spoken` text (its title when it has none) once the page has settled, and each overlay as it opens.
    readonly property string pageSpoken: !stack.currentItem ? ""
        : stack.currentItem.spoken !== undefined ? stack.currentItem.spoken : stack.currentItem.title
    onPageSpokenChanged: speakPageSoon()
    function speakPageSoon() { speakTimer.restart() }
    Timer {
        id: speakTimer
        interval: 400  // the page's push animation, and a search typed letter by letter, said once
        onTriggered: window.speaker.say(window.pageSpoken)
    }

    // The pages a helper shows the resident (consent, review, hand-over) are in elder sizes whatever the mode.
    readonly property bool residentReads: stack.currentItem !== null && stack.currentItem.forResident === true
    Binding { target: Theme; property: "elder"; value: window.vm.elderMode || window.residentReads }
    readonly property real screenPixelDensity: Screen.pixelDensity
    Binding { target: Theme; property: "pixelDensity"; value: window.screenPixelDensity }
    Binding { target: window.idle; property: "atHome"; value: stack.depth === 1 }
    // ID numbers, phone numbers and counts are typed on the form's own keypad: the keyboard stays closed.
    readonly property bool keypadFocused: activeFocusItem !== null && activeFocusItem.usesKeypad === true
    readonly property bool keyboardShown: inputPanel.active && !keypadFocused

    // The top bar stays while the keyboard is open (Back, Home and Help are always within reach); the page
    // scrolls in the room left between the bar and the keyboard.
    header: Rectangle {
        objectName: "topBar"
        height: Theme.touchHeight + 24
        color: Theme.primary
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.gap
            anchors.rightMargin: Theme.gap
            spacing: Theme.gap
            BarButton {
                objectName: "backButton"
                enabled: !window.helperLocked
                text: qsTr("‹ Back")
                visible: stack.depth > 1
                // Back from the faces forgets the face tapped: asked first, like Home.
                onClicked: stack.currentItem && stack.currentItem.objectName === "ratingPage" && window.rating.inProgress
                    ? discardConfirm.open(window.dropRatingAndGoBack) : stack.pop()
            }
            BarButton {
                objectName: "homeButton"
                enabled: !window.helperLocked
                text: qsTr("Home")
                visible: stack.depth > 1
                onClicked: window.unsavedWork !== "" ? discardConfirm.open(window.goHome) : window.goHome()
            }
            BarButton {
                objectName: "helpButton"
                enabled: !window.helperLocked
                text: qsTr("Help")
                visible: stack.depth > 1
                onClicked: window.help.request(stack.currentItem ? stack.currentItem.objectName : "")
            }
            Text {
                Layout.fillWidth: true
                Layout.preferredWidth: 0  // the room the buttons leave, if any
                text: qsTr("Township service centre · 24-hour self-service")
                opacity: truncated ? 0 : 1  // a cut-off name helps nobody (portrait, elder mode)
                color: Theme.onTint
                font.pixelSize: Theme.titleSize - 10
                font.bold: true
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignHCenter
            }
            BarButton {
                objectName: "languageButton"
                text: vm.language === "zh_CN" ? "English" : "中文"
                onClicked: vm.setLanguage(vm.language === "zh_CN" ? "en" : "zh_CN")
            }
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        anchors.bottomMargin: !window.keyboardShown ? 0
            : inputPanel.height + (handwritingNote.visible ? handwritingNote.height : 0)
        initialItem: homePage
        onCurrentItemChanged: window.speakPageSoon()
    }

    Component {
        id: homePage
        HomePage {
            objectName: "homePage"
            vm: window.vm
            home: window.home
            onFileRequested: stack.push(categoryPage)
            onLookupRequested: stack.push(lookupPage)
            onRateRequested: stack.push(ratePage)
            onHelpRequested: window.help.request(objectName)
            onStaffRequested: window.villageHelper.openSignIn()
        }
    }
    Component {
        id: helperHomePage
        HelperHomePage {
            objectName: "helperHomePage"
            helper: window.villageHelper
            note: window.consent.message
            onLookupRequested: stack.push(lookupPage)
            onFileRequested: stack.push(categoryPage)
            onFilingsRequested: stack.push(helperFilingsPage)
        }
    }
    Component {
        id: helperFilingsPage
        HelperFilingsPage {
            objectName: "helperFilingsPage"
            helper: window.villageHelper
            onResumeRequested: draftId => window.consent.resumeDraft(draftId)
        }
    }
    Component {
        id: consentPage
        ConsentPage {
            objectName: "consentPage"
            consent: window.consent
            speaker: window.speaker
            camera: window.vm.form.camera
        }
    }
    Component {
        id: handoverPage
        HandoverPage {
            objectName: "handoverPage"
            rating: window.rating
            onHandedOver: lastFour => {
                window.rating.startAfterHandover(voucher, lastFour)
                stack.push(ratingPage)
            }
            onLater: window.goHome()
        }
    }
    Component {
        id: categoryPage
        CategoryPage {
            objectName: "categoryPage"
            vm: window.vm
            search: window.search
            onServiceChosen: stack.push(guidePage)
        }
    }
    Component {
        id: guidePage
        GuidePage {
            objectName: "guidePage"
            title: window.vm.service.name || ""
            vm: window.vm
            // A signed-in helper files for a resident: their consent comes first.
            onStartRequested: window.villageHelper.signedIn ? stack.push(consentPage) : stack.push(formPage)
        }
    }
    Component {
        id: formPage
        FormPage {
            objectName: "formPage"
            title: window.vm.service.name || ""
            vm: window.vm
            consent: window.consent
        }
    }
    Component {
        id: reviewPage
        ReviewPage {
            objectName: "reviewPage"
            title: qsTr("Please check your answers")
            vm: window.vm
            onEditRequested: stack.pop()
        }
    }
    Component {
        id: receiptPage
        ReceiptPage {
            objectName: "receiptPage"
            title: qsTr("Submitted, awaiting acceptance")
            vm: window.vm
            // After an assisted filing the screen is handed over before any rating (不得代评).
            onDone: window.vm.assisted
                ? stack.push(handoverPage, { voucher: window.vm.receipt.qr || window.vm.receipt.voucher })
                : window.rateFiling(window.vm.receipt.qr || window.vm.receipt.voucher)
        }
    }
    Component {
        id: lookupPage
        LookupPage {
            objectName: "lookupPage"
            title: qsTr("Enter the voucher code on your receipt")
            vm: window.vm
        }
    }
    Component {
        id: ratePage
        RateStartPage {
            objectName: "ratePage"
            title: qsTr("Scan or type your voucher to rate the service")
            vm: window.vm
            onVoucherEntered: text => window.vm.lookup(text)
            onWindowRatingRequested: stack.push(rateWindowPage)
        }
    }
    Component {
        id: rateWindowPage
        RateWindowPage {
            objectName: "rateWindowPage"
            rating: window.rating
            onCategoryChosen: code => {
                window.rating.chooseWindowCategory(code)
                stack.push(rateWindowPage, { servicesStep: true })
            }
            onServiceChosen: code => {
                window.rating.startForWindowService(code)
                stack.push(ratingPage)
            }
        }
    }
    Component {
        id: ratingPage
        RatingPage {
            objectName: "ratingPage"
            rating: window.rating
            onReasonsRequested: stack.push(ratingReasonsPage)
            onFinished: window.goHome()
        }
    }
    Component {
        id: ratingReasonsPage
        RatingReasonsPage {
            objectName: "ratingReasonsPage"
            rating: window.rating
            onCallbackRequested: stack.push(ratingCallbackPage)
            onFinished: window.goHome()
        }
    }
    Component {
        id: ratingCallbackPage
        RatingCallbackPage {
            objectName: "ratingCallbackPage"
            rating: window.rating
            onFinished: window.goHome()
        }
    }
    Component {
        id: ratingThanksPage
        RatingThanksPage {
            objectName: "ratingThanksPage"
            rating: window.rating
            onFinished: window.goHome()
        }
    }

    Connections {
        target: vm
        function onSubmitted() { stack.replace(null, receiptPage) }
        function onReviewReady() { stack.push(reviewPage) }
        function onMessageChanged() {
            if (window.vm.message !== "")
                window.speaker.say(window.vm.message)
        }
        function onFormRejected() {  // back to the form, where the errors are shown at their fields
            if (stack.currentItem && stack.currentItem.objectName === "reviewPage")
                stack.pop()
        }
        function onLookedUp() {
            if (stack.currentItem && stack.currentItem.objectName === "ratePage")
                window.rateFiling(window.vm.lookupResult.voucher)
        }
        function onElderModeChanged() { window.speakPageSoon() }
    }
    Connections {
        target: window.rating
        function onSubmitted() { window.showRatingThanks() }
    }
    Connections {
        target: window.idle
        function onExpired() { window.wipeScreen() }
    }
    Connections {
        target: window.villageHelper
        function onSessionEnded() { window.wipeScreen() }
    }
    // 帮办: the resident's consent is on record (given now, or a draft resumed): the form, filled as it was.
    Connections {
        target: window.consent
        function onConsented() { stack.push(formPage) }
        function onDraftSaved() {  // the helper leaves the draft for later: their home says where it is
            window.vm.resetSession()
            stack.replace(null, helperHomePage)
        }
    }
    // Elder mode speaks the crash notice too (the speaker is silent outside elder mode).
    Connections {
        target: window.crash
        function onChanged() {
            if (window.crash.shown)
                window.speaker.say(window.crash.title + "。" + window.crash.message)
        }
    }

    Rectangle {
        objectName: "messageBar"
        visible: vm.message !== ""
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: window.keyboardShown ? inputPanel.top : parent.bottom
        anchors.bottomMargin: Theme.gap
        width: Math.min(parent.width - 2 * Theme.gap, messageText.implicitWidth + 80)
        height: messageText.implicitHeight + 40
        radius: 12
        color: "#fff1f0"
        border.color: Theme.error
        border.width: 2
        Text {
            id: messageText
            objectName: "messageText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, window.width - 2 * Theme.gap - 80)
            text: vm.message
            color: Theme.error
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
        }
        MouseArea { anchors.fill: parent; onClicked: vm.clearMessage() }
    }

    // Dialogs lie over the whole window, the top bar included: nothing under them can be tapped (the
    // language must not change under a dialog).
    Rectangle {
        id: discardConfirm
        objectName: "discardConfirm"
        // What "Give up" does (go home, or back from the faces); the words name what would be lost.
        property var giveUp: null
        readonly property bool aboutRating: window.unsavedWork === "rating"
        function open(then) { giveUp = then; visible = true }
        visible: false
        onVisibleChanged: if (visible) window.speaker.say(discardTitle.text + " " + discardNote.text)
        parent: Overlay.overlay
        anchors.fill: parent
        z: 140
        color: "#99000000"
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.gap, 900)
            height: discardColumn.implicitHeight + 2 * Theme.gap
            radius: 16
            color: Theme.surface
            ColumnLayout {
                id: discardColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap
                Text {
                    id: discardTitle
                    objectName: "discardTitle"
                    Layout.fillWidth: true
                    text: discardConfirm.aboutRating ? qsTr("Give up this rating?") : qsTr("Give up filling in this form?")
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    id: discardNote
                    Layout.fillWidth: true
                    text: discardConfirm.aboutRating ? qsTr("The rating you chose will not be submitted.")
                                                     : qsTr("What you have filled in will be cleared.")
                    font.pixelSize: Theme.bodySize
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    spacing: Theme.gap
                    BigButton {
                        objectName: "discardButton"
                        text: qsTr("Give up")
                        tint: Theme.neutral
                        onClicked: {
                            discardConfirm.visible = false
                            discardConfirm.giveUp()
                        }
                    }
                    BigButton {
                        objectName: "keepFillingButton"
                        text: discardConfirm.aboutRating ? qsTr("Keep rating") : qsTr("Keep filling in")
                        onClicked: discardConfirm.visible = false
                    }
                }
            }
        }
    }

    // 求助 (the header's Help button, home's tile): first what the citizen needs help with, then the answer.
    HelpReasons {
        objectName: "helpReasons"
        help: window.help
        speaker: window.speaker
        parent: Overlay.overlay
        anchors.fill: parent
        z: 150
    }

    Rectangle {
        objectName: "helpAnswer"
        visible: window.help.answer !== "" || window.help.pending
        parent: Overlay.overlay
        anchors.fill: parent
        z: 150
        color: "#99000000"
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.gap, 900)
            height: helpColumn.implicitHeight + 2 * Theme.gap
            radius: 16
            color: Theme.surface
            ColumnLayout {
                id: helpColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap
                Text {
                    id: helpAnswerText
                    objectName: "helpAnswerText"
                    Layout.fillWidth: true
                    text: window.help.pending ? qsTr("Calling for help…") : window.help.answer
                    onTextChanged: if (helpAnswerText.text !== "") window.speaker.say(helpAnswerText.text)
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "helpOkButton"
                    Layout.alignment: Qt.AlignRight
                    visible: !window.help.pending
                    text: qsTr("OK")
                    onClicked: window.help.dismiss()
                }
            }
        }
    }

    Rectangle {
        objectName: "idleWarning"
        visible: window.idle.warning
        onVisibleChanged: if (visible) window.speaker.say(idleTitle.text + " " + idleCountdown.text)
        parent: Overlay.overlay
        anchors.fill: parent
        z: 200
        color: "#cc000000"
        // One tap anywhere keeps the session (the application-wide idle watch sees the touch).
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.gap, 900)
            height: idleColumn.implicitHeight + 2 * Theme.gap
            radius: 16
            color: Theme.surface
            ColumnLayout {
                id: idleColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap
                Text {
                    id: idleTitle
                    Layout.fillWidth: true
                    text: qsTr("Are you still there?")
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    id: idleCountdown
                    objectName: "idleCountdown"
                    Layout.fillWidth: true
                    text: qsTr("To protect your information, this screen will be cleared in %n second(s). Tap anywhere to continue.", "", window.idle.secondsLeft)
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "stayButton"
                    Layout.alignment: Qt.AlignRight
                    text: qsTr("Continue")
                    onClicked: window.idle.restart()
                }
            }
        }
    }

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        visible: !window.keypadFocused
        z: 99
        y: active ? parent.height - height : parent.height
        anchors.left: parent.left
        anchors.right: parent.right
    }

    // 长辈模式: the pinyin candidates in elder-size type (36 px; the style's own are 22 px). The bar keeps the
    // style's height: a taller one leaves a landscape search no room for its first result above the keyboard.
    Binding {
        target: inputPanel.keyboard.style
        when: Theme.elder && inputPanel.keyboard.style !== null
        property: "selectionListDelegate"
        value: elderCandidate
    }
    Component {
        id: elderCandidate
        SelectionListItem {
            id: candidate
            width: candidateText.implicitWidth + 2 * Theme.gap
            Text {
                id: candidateText
                objectName: "elderCandidate"
                anchors.centerIn: parent
                text: display
                font.pixelSize: Theme.bodySize - 4
                color: candidate.ListView.isCurrentItem ? "#ffd54f" : "white"
            }
        }
    }

    // The wheel's keyboard has no handwriting engine: elder mode says so where the candidates appear, until
    // typing starts (the keyboard's own check, so a terminal that has one shows nothing here).
    readonly property bool handwritingAvailable: inputPanel.keyboard.isHandwritingAvailable()
    Rectangle {
        id: handwritingNote
        objectName: "handwritingNote"
        visible: Theme.elder && window.keyboardShown && !window.handwritingAvailable
                 && !inputPanel.keyboard.wordCandidateView.visibleCondition
        z: 99
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: inputPanel.top
        height: handwritingNoteText.implicitHeight + Theme.gap
        color: "#1f2933"
        Text {
            id: handwritingNoteText
            anchors.fill: parent
            anchors.leftMargin: Theme.gap
            anchors.rightMargin: Theme.gap
            verticalAlignment: Text.AlignVCenter
            text: qsTr("No handwriting on this terminal: please type pinyin, or tap Help.")
            font.pixelSize: Theme.bodySize - 4
            color: "white"
            wrapMode: Text.WordWrap
        }
    }

    // The village helper's sign-in, PIN set-up and lock screen (the Staff entry on home; the helper's lock).
    HelperSignInPage {
        objectName: "helperSignInPage"
        helper: window.villageHelper
        anchors.fill: parent
        z: 170
    }

    // Opened by the hidden corner gesture (kiosk/ui/lockdown.py); under the idle warning, which closes it.
    TechnicianPage {
        objectName: "technicianPage"
        technician: window.technician
        anchors.fill: parent
        z: 180
    }

    // After a bug: above everything, the header and the keyboard included.
    CrashNotice {
        objectName: "crashNotice"
        crash: window.crash
        parent: Overlay.overlay
        anchors.fill: parent
        z: 1000
    }

    // A top-bar button: as wide as its label wants, narrower (never below its label) on a narrow screen.
    component BarButton: BigButton {
        tint: Theme.primaryDark
        Layout.fillWidth: true
        Layout.maximumWidth: implicitWidth
        Layout.minimumWidth: contentItem.implicitWidth + 24
    }
}
