<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>FormPage</name>
    <message>
        <source>Submitting…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Submit</translation>
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
        <source>Time limit</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Start filling in ›</source>
        <translation>Start filling in ›</translation>
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
        <source>Call for help</source>
        <translation>Call for help</translation>
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
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Enter the voucher code on your receipt</source>
        <translation>Enter the voucher code on your receipt</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
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
        <source>Accepted</source>
        <translation>Accepted</translation>
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
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Your voucher code</source>
        <translation>Your voucher code</translation>
    </message>
    <message>
        <source>Keep this code: with it you can check your filing here at any time.</source>
        <translation>Keep this code: with it you can check your filing here at any time.</translation>
    </message>
    <message>
        <source>Submitted at %1 · Time limit: %2</source>
        <translation>Submitted at %1 · Time limit: %2</translation>
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
</context>
</TS>
