<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AddressField</name>
    <message>
        <source>%1 (this township; not changed here)</source>
        <translation>%1 (this township; not changed here)</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>Village or community</translation>
    </message>
    <message>
        <source>e.g. Xingfu Village</source>
        <translation>e.g. Xingfu Village</translation>
    </message>
    <message>
        <source>House number and the rest</source>
        <translation>House number and the rest</translation>
    </message>
    <message>
        <source>e.g. Group 3, No. 15</source>
        <translation>e.g. Group 3, No. 15</translation>
    </message>
</context>
<context>
    <name>CategoryPage</name>
    <message>
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <source>Search: type 社保卡, shebaoka or sbk</source>
        <translation>Search: type 社保卡, shebaoka or sbk</translation>
    </message>
    <message>
        <source>Services matching “%1”</source>
        <translation>Services matching “%1”</translation>
    </message>
    <message>
        <source>Nothing found for “%1”. Try other words, or tap Help and a member of staff will assist you.</source>
        <translation>Nothing found for “%1”. Try other words, or tap Help and a member of staff will assist you.</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>The resident&apos;s consent</source>
        <translation>The resident&apos;s consent</translation>
    </message>
    <message>
        <source>The resident&apos;s name and ID number, as on the ID card:</source>
        <translation>The resident&apos;s name and ID number, as on the ID card:</translation>
    </message>
    <message>
        <source>Resident&apos;s name</source>
        <translation>Resident&apos;s name</translation>
    </message>
    <message>
        <source>Resident&apos;s ID number</source>
        <translation>Resident&apos;s ID number</translation>
    </message>
    <message>
        <source>Show what the resident agrees to</source>
        <translation>Show what the resident agrees to</translation>
    </message>
    <message>
        <source>How does the resident consent?</source>
        <translation>How does the resident consent?</translation>
    </message>
    <message>
        <source>Resident: please write your name with a finger in the box below.</source>
        <translation>Resident: please write your name with a finger in the box below.</translation>
    </message>
    <message>
        <source>✓ Signature kept</source>
        <translation>✓ Signature kept</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <source>The resident signs the paper consent form; then photograph it.</source>
        <translation>The resident signs the paper consent form; then photograph it.</translation>
    </message>
    <message>
        <source>✓ Photo kept: take it again</source>
        <translation>✓ Photo kept: take it again</translation>
    </message>
    <message>
        <source>Photograph the signed form</source>
        <translation>Photograph the signed form</translation>
    </message>
    <message>
        <source>Name of the second person present</source>
        <translation>Name of the second person present</translation>
    </message>
    <message>
        <source>Consent given: fill in the form ›</source>
        <translation>Consent given: fill in the form ›</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Not chosen yet: tap + or − to start from today</source>
        <translation>Not chosen yet: tap + or − to start from today</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>DigitPad</name>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Next: check my answers ›</source>
        <translation>Next: check my answers ›</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Save as draft</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Who can apply</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>Promised time limit</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Start filling in ›</source>
        <translation>Start filling in ›</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>Please hand the screen to the resident to rate the service</source>
        <translation>Please hand the screen to the resident to rate the service</translation>
    </message>
    <message>
        <source>Resident: type the last four characters of your own ID number, then tap Rate.</source>
        <translation>Resident: type the last four characters of your own ID number, then tap Rate.</translation>
    </message>
    <message>
        <source>Those are not the last four characters of the ID number: the resident types their own.</source>
        <translation>Those are not the last four characters of the ID number: the resident types their own.</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Rate later with the receipt</source>
        <translation>Rate later with the receipt</translation>
    </message>
</context>
<context>
    <name>HelpReasons</name>
    <message>
        <source>What do you need help with?</source>
        <translation>What do you need help with?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HelperFilingsPage</name>
    <message>
        <source>My filings</source>
        <translation>My filings</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Go on</source>
        <translation>Go on</translation>
    </message>
    <message>
        <source>No filings by you on this terminal yet.</source>
        <translation>No filings by you on this terminal yet.</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Print again</translation>
    </message>
</context>
<context>
    <name>HelperHomePage</name>
    <message>
        <source>Helper workspace</source>
        <translation>Helper workspace</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message>
        <source>File for a resident</source>
        <translation>File for a resident</translation>
    </message>
    <message>
        <source>With the resident&apos;s consent, signed or witnessed</source>
        <translation>With the resident&apos;s consent, signed or witnessed</translation>
    </message>
    <message>
        <source>Check a filing</source>
        <translation>Check a filing</translation>
    </message>
    <message>
        <source>Scan or type the voucher on the resident&apos;s receipt</source>
        <translation>Scan or type the voucher on the resident&apos;s receipt</translation>
    </message>
    <message>
        <source>My filings</source>
        <translation>My filings</translation>
    </message>
    <message>
        <source>Lock screen</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>HelperSignInPage</name>
    <message>
        <source>Screen locked</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Set your PIN</source>
        <translation>Set your PIN</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>Staff number</translation>
    </message>
    <message>
        <source>Set-up code from the county</source>
        <translation>Set-up code from the county</translation>
    </message>
    <message>
        <source>The work of %1 is kept. Type the PIN to unlock.</source>
        <translation>The work of %1 is kept. Type the PIN to unlock.</translation>
    </message>
    <message>
        <source>Type the new PIN once more, then OK.</source>
        <translation>Type the new PIN once more, then OK.</translation>
    </message>
    <message>
        <source>Type your staff number and the set-up code, then a new PIN of 6 to 12 digits on the keypad, then OK.</source>
        <translation>Type your staff number and the set-up code, then a new PIN of 6 to 12 digits on the keypad, then OK.</translation>
    </message>
    <message>
        <source>Type your staff number (or scan your staff card), then your PIN on the keypad, then OK.</source>
        <translation>Type your staff number (or scan your staff card), then your PIN on the keypad, then OK.</translation>
    </message>
    <message>
        <source>First time: set a PIN</source>
        <translation>First time: set a PIN</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Welcome. What would you like to do?</source>
        <translation>Welcome. What would you like to do?</translation>
    </message>
    <message>
        <source>File a service</source>
        <translation>File a service</translation>
    </message>
    <message>
        <source>Find a service and apply</source>
        <translation>Find a service and apply</translation>
    </message>
    <message>
        <source>Check a filing</source>
        <translation>Check a filing</translation>
    </message>
    <message>
        <source>Enter the voucher code on your receipt</source>
        <translation>Enter the voucher code on your receipt</translation>
    </message>
    <message>
        <source>Rate a service</source>
        <translation>Rate a service</translation>
    </message>
    <message>
        <source>Tell us how we did</source>
        <translation>Tell us how we did</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Ask a member of staff</source>
        <translation>Ask a member of staff</translation>
    </message>
    <message>
        <source>Elder mode</source>
        <translation>Elder mode</translation>
    </message>
    <message>
        <source>On · tap to turn off</source>
        <translation>On · tap to turn off</translation>
    </message>
    <message>
        <source>Larger text, spoken prompts</source>
        <translation>Larger text, spoken prompts</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Scan the QR code on your receipt here, at this terminal&apos;s scanner. A phone&apos;s scanner opens nothing with it.</source>
        <translation>Scan the QR code on your receipt here, at this terminal&apos;s scanner. A phone&apos;s scanner opens nothing with it.</translation>
    </message>
    <message>
        <source>Or type the voucher code printed on your receipt</source>
        <translation>Or type the voucher code printed on your receipt</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Lost your receipt? Look up with your ID card number and mobile number</source>
        <translation>Lost your receipt? Look up with your ID card number and mobile number</translation>
    </message>
    <message>
        <source>Finds the filings made at this terminal with the mobile number given on the form. Personal data is shown masked.</source>
        <translation>Finds the filings made at this terminal with the mobile number given on the form. Personal data is shown masked.</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <source>18 characters, X as the last one if your card has it</source>
        <translation>18 characters, X as the last one if your card has it</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>The 11-digit number given on the form</source>
        <translation>The 11-digit number given on the form</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Look up my filings</source>
        <translation>Look up my filings</translation>
    </message>
</context>
<context>
    <name>LookupResultView</name>
    <message>
        <source>Progress: %1</source>
        <translation>Progress: %1</translation>
    </message>
    <message>
        <source>Time limit: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <source>Next step: %1</source>
        <translation>Next step: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Submitted at %1</source>
        <translation>Submitted at %1</translation>
    </message>
    <message>
        <source>Received by the county</source>
        <translation>Received by the county</translation>
    </message>
    <message>
        <source>Saved on this kiosk, sending soon</source>
        <translation>Saved on this kiosk, sending soon</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Bianmin self-service kiosk</source>
        <translation>Bianmin self-service kiosk</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Township service centre · 24-hour self-service</source>
        <translation>Township service centre · 24-hour self-service</translation>
    </message>
    <message>
        <source>Please check your answers</source>
        <translation>Please check your answers</translation>
    </message>
    <message>
        <source>Submitted, awaiting acceptance</source>
        <translation>Submitted, awaiting acceptance</translation>
    </message>
    <message>
        <source>Enter the voucher code on your receipt</source>
        <translation>Enter the voucher code on your receipt</translation>
    </message>
    <message>
        <source>Scan or type your voucher to rate the service</source>
        <translation>Scan or type your voucher to rate the service</translation>
    </message>
    <message>
        <source>Give up filling in this form?</source>
        <translation>Give up filling in this form?</translation>
    </message>
    <message>
        <source>Give up this rating?</source>
        <translation>Give up this rating?</translation>
    </message>
    <message>
        <source>The rating you chose will not be submitted.</source>
        <translation>The rating you chose will not be submitted.</translation>
    </message>
    <message>
        <source>What you have filled in will be cleared.</source>
        <translation>What you have filled in will be cleared.</translation>
    </message>
    <message>
        <source>Give up</source>
        <translation>Give up</translation>
    </message>
    <message>
        <source>Keep filling in</source>
        <translation>Keep filling in</translation>
    </message>
    <message>
        <source>Keep rating</source>
        <translation>Keep rating</translation>
    </message>
    <message>
        <source>Calling for help…</source>
        <translation>Calling for help…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message numerus="yes">
        <source>To protect your information, this screen will be cleared in %n second(s). Tap anywhere to continue.</source>
        <translation>
            <numerusform>To protect your information, this screen will be cleared in %n second. Tap anywhere to continue.</numerusform>
            <numerusform>To protect your information, this screen will be cleared in %n seconds. Tap anywhere to continue.</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>No handwriting on this terminal: please type pinyin, or tap Help.</source>
        <translation>No handwriting on this terminal: please type pinyin, or tap Help.</translation>
    </message>
</context>
<context>
    <name>PhotoCapturePanel</name>
    <message>
        <source>Lay the paper flat under the camera, then tap “Take the photo”</source>
        <translation>Lay the paper flat under the camera, then tap “Take the photo”</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Take the photo</source>
        <translation>Take the photo</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <source>Retake</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Take a photo</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 of %2 photos</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Erase</source>
        <translation>Erase</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>RateStartPage</name>
    <message>
        <source>Next ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <source>Were you served at a counter? Rate that service here.</source>
        <translation>Were you served at a counter? Rate that service here.</translation>
    </message>
    <message>
        <source>Rate a counter service</source>
        <translation>Rate a counter service</translation>
    </message>
</context>
<context>
    <name>RateWindowPage</name>
    <message>
        <source>Which counter served you?</source>
        <translation>Which counter served you?</translation>
    </message>
    <message>
        <source>Which service did you receive?</source>
        <translation>Which service did you receive?</translation>
    </message>
    <message>
        <source>What kind of service was it?</source>
        <translation>What kind of service was it?</translation>
    </message>
    <message>
        <source>The numbers are on the sign at the counter and on the staff member&apos;s badge.</source>
        <translation>The numbers are on the sign at the counter and on the staff member&apos;s badge.</translation>
    </message>
    <message>
        <source>Counter number</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <source>For example 3</source>
        <translation>For example 3</translation>
    </message>
    <message>
        <source>Staff number (if you know it)</source>
        <translation>Staff number (if you know it)</translation>
    </message>
    <message>
        <source>May be left empty</source>
        <translation>May be left empty</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Next ›</translation>
    </message>
</context>
<context>
    <name>RatingButtons</name>
    <message>
        <source>Leave without rating? What you have chosen will not be saved.</source>
        <translation>Leave without rating? What you have chosen will not be saved.</translation>
    </message>
    <message>
        <source>Back to the home screen</source>
        <translation>Back to the home screen</translation>
    </message>
    <message>
        <source>Yes, leave without rating</source>
        <translation>Yes, leave without rating</translation>
    </message>
    <message>
        <source>No, keep my rating</source>
        <translation>No, keep my rating</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>No rating</translation>
    </message>
</context>
<context>
    <name>RatingCallbackPage</name>
    <message>
        <source>Would you like a call back?</source>
        <translation>Would you like a call back?</translation>
    </message>
    <message>
        <source>Call me on %1, the number given with the filing</source>
        <translation>Call me on %1, the number given with the filing</translation>
    </message>
    <message>
        <source>Or type another mobile number:</source>
        <translation>Or type another mobile number:</translation>
    </message>
    <message>
        <source>Mobile number for the call back</source>
        <translation>Mobile number for the call back</translation>
    </message>
    <message>
        <source>No call back, submit</source>
        <translation>No call back, submit</translation>
    </message>
    <message>
        <source>Call me on this number</source>
        <translation>Call me on this number</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <source>How satisfied are you with this service?</source>
        <translation>How satisfied are you with this service?</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <source>Submit rating</source>
        <translation>Submit rating</translation>
    </message>
</context>
<context>
    <name>RatingReasonsPage</name>
    <message>
        <source>What went wrong?</source>
        <translation>What went wrong?</translation>
    </message>
    <message>
        <source>What went wrong? Please choose at least one reason.</source>
        <translation>What went wrong? Please choose at least one reason.</translation>
    </message>
    <message>
        <source>Please say briefly what went wrong</source>
        <translation>Please say briefly what went wrong</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Next ›</translation>
    </message>
</context>
<context>
    <name>RatingThanksPage</name>
    <message>
        <source>Thank you</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <source>Back to the home screen</source>
        <translation>Back to the home screen</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Your voucher code</source>
        <translation>Your voucher code</translation>
    </message>
    <message>
        <source>Promised time limit: %1</source>
        <translation>Promised time limit: %1</translation>
    </message>
    <message>
        <source>Submitted at %1</source>
        <translation>Submitted at %1</translation>
    </message>
    <message>
        <source>Saved on this kiosk. It goes to the county by itself when the network is up; the department then decides whether to accept it.</source>
        <translation>Saved on this kiosk. It goes to the county by itself when the network is up; the department then decides whether to accept it.</translation>
    </message>
    <message>
        <source>Keep this code: with it you can check your filing here at any time.</source>
        <translation>Keep this code: with it you can check your filing here at any time.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <source>Your receipt has been printed. Please take it.</source>
        <translation>Your receipt has been printed. Please take it.</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Submitted, awaiting acceptance</source>
        <translation>Submitted, awaiting acceptance</translation>
    </message>
    <message>
        <source>Handled by %1</source>
        <translation>Handled by %1</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check your answers before you submit</source>
        <translation>Please check your answers before you submit</translation>
    </message>
    <message>
        <source>‹ Back to edit</source>
        <translation>‹ Back to edit</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>Confirm and submit</source>
        <translation>Confirm and submit</translation>
    </message>
</context>
<context>
    <name>ScrollCue</name>
    <message>
        <source>▼ More</source>
        <translation>▼ More</translation>
    </message>
    <message>
        <source>▼ More below: tap or swipe up</source>
        <translation>▼ More below: tap or swipe up</translation>
    </message>
</context>
<context>
    <name>SignatureArea</name>
    <message>
        <source>Sign here</source>
        <translation>Sign here</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <source>Technician menu</source>
        <translation>Technician menu</translation>
    </message>
    <message>
        <source>Technician PIN</source>
        <translation>Technician PIN</translation>
    </message>
    <message>
        <source>Type the PIN, then OK.</source>
        <translation>Type the PIN, then OK.</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Exit kiosk</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
</TS>
