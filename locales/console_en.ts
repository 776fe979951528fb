<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConversationView</name>
    <message numerus="yes">
        <source>%1 · %2 · %n message(s)</source>
        <translation>
            <numerusform>%1 · %2 · %n message</numerusform>
            <numerusform>%1 · %2 · %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
</context>
</TS>
