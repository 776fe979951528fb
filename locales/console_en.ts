<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AuditWindow</name>
        <message numerus="yes">
            <source>%n entries</source>
            <translation>
                <numerusform>%n entry</numerusform>
                <numerusform>%n entries</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConversationPane</name>
        <message numerus="yes">
            <source>%1 · %2 · %n message(s)</source>
            <translation>
                <numerusform>%1 · %2 · %n message</numerusform>
                <numerusform>%1 · %2 · %n messages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CustomerDataRequests</name>
        <message numerus="yes">
            <source>Erased the customer's data: %n message(s).</source>
            <translation>
                <numerusform>Erased the customer's data: %n message.</numerusform>
                <numerusform>Erased the customer's data: %n messages.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EntriesModel</name>
        <message numerus="yes">
            <source>%n machine draft(s)</source>
            <translation>
                <numerusform>%n machine draft</numerusform>
                <numerusform>%n machine drafts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n stale</source>
            <translation>
                <numerusform>%n stale</numerusform>
                <numerusform>%n stale</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n missing</source>
            <translation>
                <numerusform>%n missing</numerusform>
                <numerusform>%n missing</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message numerus="yes">
            <source>%n item(s) read so far…</source>
            <translation>
                <numerusform>%n item read so far…</numerusform>
                <numerusform>%n items read so far…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s) imported.</source>
            <translation>
                <numerusform>%n message imported.</numerusform>
                <numerusform>%n messages imported.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n duplicate(s) skipped (already in the inbox).</source>
            <translation>
                <numerusform>%n duplicate skipped (already in the inbox).</numerusform>
                <numerusform>%n duplicates skipped (already in the inbox).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) could not be read and wait in View → Quarantine.</source>
            <translation>
                <numerusform>%n item could not be read and waits in View → Quarantine.</numerusform>
                <numerusform>%n items could not be read and wait in View → Quarantine.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>Showing %n conversation(s) from the dashboard</source>
            <translation>
                <numerusform>Showing %n conversation from the dashboard</numerusform>
                <numerusform>Showing %n conversations from the dashboard</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n most recent conversation(s); filter to narrow</source>
            <translation>
                <numerusform>The %n most recent conversation; filter to narrow</numerusform>
                <numerusform>The %n most recent conversations; filter to narrow</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n most recent matching conversation(s); add a word to narrow</source>
            <translation>
                <numerusform>The %n most recent matching conversation; add a word to narrow</numerusform>
                <numerusform>The %n most recent matching conversations; add a word to narrow</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n conversation</numerusform>
                <numerusform>%n conversations</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MappingPreviewDialog</name>
        <message numerus="yes">
            <source>%n of the first rows would be quarantined</source>
            <translation>
                <numerusform>%n of the first rows would be quarantined</numerusform>
                <numerusform>%n of the first rows would be quarantined</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ModelManagerDialog</name>
        <message numerus="yes">
            <source>%n package(s) available.</source>
            <translation>
                <numerusform>%n package available.</numerusform>
                <numerusform>%n packages available.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OutboxWindow</name>
        <message numerus="yes">
            <source>%n message(s) could not be sent</source>
            <translation>
                <numerusform>%n message could not be sent</numerusform>
                <numerusform>%n messages could not be sent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n message(s) will be sent again</source>
            <translation>
                <numerusform>%n message will be sent again</numerusform>
                <numerusform>%n messages will be sent again</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reply(s) written for hand-over</source>
            <translation>
                <numerusform>%n reply written for hand-over</numerusform>
                <numerusform>%n replies written for hand-over</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QualityWindow</name>
        <message numerus="yes">
            <source>%n conversation(s) to review.</source>
            <translation>
                <numerusform>%n conversation to review.</numerusform>
                <numerusform>%n conversations to review.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QuarantineWindow</name>
        <message numerus="yes">
            <source>%n item(s) could not be imported</source>
            <translation>
                <numerusform>%n item could not be imported</numerusform>
                <numerusform>%n items could not be imported</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RetentionEditor</name>
        <message numerus="yes">
            <source>%n conversation(s) would be erased today.</source>
            <translation>
                <numerusform>%n conversation would be erased today.</numerusform>
                <numerusform>%n conversations would be erased today.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RetentionRulesModel</name>
        <message numerus="yes">
            <source>%n month(s) ago</source>
            <translation>
                <numerusform>%n month ago</numerusform>
                <numerusform>%n months ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RoutingNote</name>
        <message numerus="yes">
            <source>Escalated (%1); assigned to %2: in-house, speaks %3, on shift, %n open</source>
            <translation>
                <numerusform>Escalated (%1); assigned to %2: in-house, speaks %3, on shift, %n open</numerusform>
                <numerusform>Escalated (%1); assigned to %2: in-house, speaks %3, on shift, %n open</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Assigned to %1: serves %2, speaks %3, on shift, %n open</source>
            <translation>
                <numerusform>Assigned to %1: serves %2, speaks %3, on shift, %n open</numerusform>
                <numerusform>Assigned to %1: serves %2, speaks %3, on shift, %n open</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>UndoSendBar</name>
        <message numerus="yes">
            <source>Reply leaves in %n s</source>
            <translation>
                <numerusform>Reply leaves in %n s</numerusform>
                <numerusform>Reply leaves in %n s</numerusform>
            </translation>
        </message>
    </context>
</TS>
