# ruff: noqa: E501 (one literal per wording: the catalog tools read literals whole)
"""The window's wording of every :mod:`console.problems` code, in the UI language.

The core reports a problem as a code with parameters; this module holds each
code's English template once more as a ``QT_TRANSLATE_NOOP`` literal, so that
``python -m locales update`` carries it into the catalogs and a translator
words it. ``tests/console/ui/test_problem_texts.py`` checks that every code the
core defines is here with the same English and a finished Chinese wording.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.problems import Problem, fill

CONTEXT = "Problem"

_LITERALS: dict[str, object] = {
    "audit.entries_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "Audit entries are missing before entry {id} ({at}): it links to an entry that is no longer in the log (the entry kept before it is {previous}).",
    ),
    "audit.entries_missing_at_end": QT_TRANSLATE_NOOP(
        "Problem",
        "Audit entries are missing at the end of the log: the last entry is {id} ({at}), the chain records entry {last} as the last.",
    ),
    "audit.entry_altered": QT_TRANSLATE_NOOP(
        "Problem",
        "Audit entry {id} ({at}) was altered: its content no longer matches its hash.",
    ),
    "audit.entry_unchained": QT_TRANSLATE_NOOP(
        "Problem",
        "Audit entry {id} ({at}) has no hash: it was written around the store's chain.",
    ),
    "audit.head_altered": QT_TRANSLATE_NOOP(
        "Problem",
        "The last audit entry {id} ({at}) does not match the hash the chain records for the end of the log: it was rewritten.",
    ),
    "audit.head_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "The audit chain's head is missing, so the end of the log cannot be checked.",
    ),
    "audit.link_broken": QT_TRANSLATE_NOOP(
        "Problem",
        "Audit entry {id} ({at}) does not link to entry {previous} before it: one of the two was rewritten.",
    ),
    "channel.secret_in_settings": QT_TRANSLATE_NOOP(
        "Problem",
        "The setting {place} holds a password, token or other secret. Secrets are kept in the system keyring only: enter it in the password field instead.",
    ),
    "conversation.changed_meanwhile": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} changed this conversation after you opened it; your change was not saved. The conversation has been reloaded.",
    ),
    "conversation.changed_meanwhile_someone": QT_TRANSLATE_NOOP(
        "Problem",
        "Someone else changed this conversation after you opened it; your change was not saved. The conversation has been reloaded.",
    ),
    "coverage.assigned_without_shifts": QT_TRANSLATE_NOOP(
        "Problem",
        "{agent} is assigned to {market} but has no shifts at all.",
    ),
    "coverage.on_leave_through_support_hours": QT_TRANSLATE_NOOP(
        "Problem",
        "{agent} is assigned to {market} but is on leave during all of its support hours this week.",
    ),
    "coverage.peak_days_order": QT_TRANSLATE_NOOP(
        "Problem",
        "A peak event cannot end ({last}) before it starts ({first}).",
    ),
    "coverage.peak_market_not_found": QT_TRANSLATE_NOOP(
        "Problem",
        "Market {id} no longer exists; the peak event was not saved.",
    ),
    "coverage.peak_multiplier_range": QT_TRANSLATE_NOOP(
        "Problem",
        "The expected multiplier must be between {low} and {high}; {value} was given.",
    ),
    "coverage.peak_name_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "A peak event needs a name.",
    ),
    "coverage.peak_not_found": QT_TRANSLATE_NOOP(
        "Problem",
        "Peak event {id} no longer exists.",
    ),
    "coverage.shifts_changed_meanwhile": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} changed {agent}'s shifts after you opened them; your change was not saved. The plan has been reloaded: open the shifts again to see theirs.",
    ),
    "coverage.shifts_changed_meanwhile_someone": QT_TRANSLATE_NOOP(
        "Problem",
        "Someone else changed {agent}'s shifts after you opened them; your change was not saved. The plan has been reloaded: open the shifts again to see theirs.",
    ),
    "coverage.shifts_outside_support_hours": QT_TRANSLATE_NOOP(
        "Problem",
        "{agent} is assigned to {market} but has no shift inside its support hours this week.",
    ),
    "customer.gone": QT_TRANSLATE_NOOP(
        "Problem",
        "This customer no longer exists; their place was not changed.",
    ),
    "customer.place_too_long": QT_TRANSLATE_NOOP(
        "Problem",
        "The {field} is longer than {limit} characters; shorten it.",
    ),
    "customer.unknown_country": QT_TRANSLATE_NOOP(
        "Problem",
        "“{value}” is not a country the console knows; choose one from the list.",
    ),
    "import.bad_direction": QT_TRANSLATE_NOOP(
        "Problem",
        "{row}: the direction “{value}” is neither a customer value ({inbound}) nor a shop value ({outbound}).",
    ),
    "import.encoding_guessed": QT_TRANSLATE_NOOP(
        "Problem",
        "The file's text encoding was recognised as {encoding}.",
    ),
    "import.encoding_lossy": QT_TRANSLATE_NOOP(
        "Problem",
        "{count} bytes of the file are not valid {encoding} text; the rows holding them are quarantined instead of being stored garbled.",
    ),
    "import.encoding_uncertain": QT_TRANSLATE_NOOP(
        "Problem",
        "The file's text encoding was guessed as {encoding}, but the guess is uncertain (it may be {alternative}); check a few imported messages, or import again naming the encoding.",
    ),
    "import.field_too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} has a field longer than {limit} characters, so it is not imported.",
    ),
    "import.file_not_json": QT_TRANSLATE_NOOP(
        "Problem",
        "The file is not valid JSON, so nothing can be imported from it.",
    ),
    "import.folder_empty": QT_TRANSLATE_NOOP(
        "Problem",
        "The folder {name} holds no e-mail or mailbox files, so nothing was imported from it.",
    ),
    "import.format_name_unknown": QT_TRANSLATE_NOOP(
        "Problem",
        "“{format}” is not a kind of source the console imports; use one of {formats}.",
    ),
    "import.format_unknown": QT_TRANSLATE_NOOP(
        "Problem",
        "The console cannot tell what kind of file {name} is. It imports e-mail files (.eml), mailbox files (.mbox), mail folders, and CSV or JSON exports.",
    ),
    "import.header_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "The first row of the file (the column names) cannot be read as CSV.",
    ),
    "import.json_no_list": QT_TRANSLATE_NOOP(
        "Problem",
        "The JSON file holds no list of messages, so nothing can be imported.",
    ),
    "import.json_too_deep": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} is nested more than {limit} levels deep, so it is not imported.",
    ),
    "import.mapping_absent": QT_TRANSLATE_NOOP(
        "Problem",
        "The saved column choice names columns the file does not have: {columns}.",
    ),
    "import.mapping_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "No column found for: {fields}. The file's columns are: {columns}. Choose them in the import preview.",
    ),
    "import.mapping_unknown_channel": QT_TRANSLATE_NOOP(
        "Problem",
        "The column choice names a channel the console does not know (“{channel}”).",
    ),
    "import.no_customer": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} names no customer (no handle, e-mail, phone or name).",
    ),
    "import.no_text": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} has no message text.",
    ),
    "import.no_timestamp": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} has no time sent.",
    ),
    "import.not_an_object": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} is not a JSON object.",
    ),
    "import.not_json": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} is not valid JSON.",
    ),
    "import.not_maildir": QT_TRANSLATE_NOOP(
        "Problem",
        "The folder {name} is not a mail folder: it has no {folder} folder inside.",
    ),
    "import.number_too_long": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} holds a number longer than {limit} characters, so it is not imported.",
    ),
    "import.path_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} does not exist; check the name and choose it again.",
    ),
    "import.path_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} cannot be opened; check that you are allowed to read it.",
    ),
    "import.preview_not_table": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} is not a CSV or JSON export, so it has no columns to choose.",
    ),
    "import.preview_unchosen": QT_TRANSLATE_NOOP(
        "Problem",
        "No column chosen for: {fields}.",
    ),
    "import.read_stopped": QT_TRANSLATE_NOOP(
        "Problem",
        "Reading the source stopped after {row} because of an unexpected problem; what came before was imported.",
    ),
    "import.row_undecodable": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} holds bytes that are not valid {encoding} text, so it is not imported; check the file's encoding and import it again naming the right one.",
    ),
    "import.row_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} could not be read, so it is kept in quarantine.",
    ),
    "import.row_width": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} has {count} fields but the header has {expected} (a wrong delimiter or unquoted text?).",
    ),
    "import.source_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} could not be read, so nothing was imported from it.",
    ),
    "import.stopped": QT_TRANSLATE_NOOP(
        "Problem",
        "The import was stopped after {count} items; everything read until then was imported.",
    ),
    "import.store_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "{row} could not be stored, so it is kept in quarantine.",
    ),
    "import.table_empty": QT_TRANSLATE_NOOP(
        "Problem",
        "The file is empty, so there is nothing to import.",
    ),
    "import.table_too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} is larger than {limit} MB, so it cannot be imported; split it into smaller files.",
    ),
    "import.time_format": QT_TRANSLATE_NOOP(
        "Problem",
        "{row}: the time sent “{value}” is not in a format the console reads.",
    ),
    "import.time_out_of_range": QT_TRANSLATE_NOOP(
        "Problem",
        "{row}: the time sent “{value}” is not a real date.",
    ),
    "import.unknown_encoding_name": QT_TRANSLATE_NOOP(
        "Problem",
        "{encoding} is not a text encoding this program knows; use a name such as utf-8, gb18030, shift_jis, big5 or euc-kr.",
    ),
    "import.unknown_zone": QT_TRANSLATE_NOOP(
        "Problem",
        "{row}: the time zone “{zone}” is not known.",
    ),
    "keyring.change_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The system keyring cannot be changed ({reason}); the password for {account} is still there.",
    ),
    "keyring.no_secret": QT_TRANSLATE_NOOP(
        "Problem",
        "No password is saved for {account}; enter it in the channel settings.",
    ),
    "keyring.read_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The system keyring cannot be read ({reason}), so the password for {account} is not known.",
    ),
    "keyring.store_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The system keyring cannot store the password ({reason}); nothing was saved there.",
    ),
    "kpis.bad_target": QT_TRANSLATE_NOOP(
        "Problem",
        "A first-response target must be between 1 and {maximum} business minutes, not {minutes}.",
    ),
    "kpis.no_market": QT_TRANSLATE_NOOP(
        "Problem",
        "Market {market_id} no longer exists.",
    ),
    "mail.empty": QT_TRANSLATE_NOOP(
        "Problem",
        "The message is empty.",
    ),
    "mail.file_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {name} could not be read; check that it still exists and may be opened.",
    ),
    "mail.mbox_message_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "Message {position} of the mailbox file {name} could not be read.",
    ),
    "mail.mbox_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "The mailbox file {name} could not be read as an mbox file.",
    ),
    "mail.no_sender": QT_TRANSLATE_NOOP(
        "Problem",
        "The message has no sender address, so it cannot be answered.",
    ),
    "mail.not_mail": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {name} in the mail folder is neither an e-mail nor a mailbox file, so it was not imported.",
    ),
    "mail.too_deep": QT_TRANSLATE_NOOP(
        "Problem",
        "The message's parts are nested too deeply to be read.",
    ),
    "mail.too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "The message is {size} MB, over the {limit} MB limit for one message.",
    ),
    "mail.unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "The message is too damaged to be read as an e-mail; it is kept here as it arrived.",
    ),
    "package.bad_field": QT_TRANSLATE_NOOP(
        "Problem",
        "The package's metadata gives an invalid {field} ({value}), so the package was refused.",
    ),
    "package.bad_metadata": QT_TRANSLATE_NOOP(
        "Problem",
        "The package's metadata.json file cannot be read.",
    ),
    "package.checksum_mismatch": QT_TRANSLATE_NOOP(
        "Problem",
        "The downloaded file for {name} does not match the checksum in the package list (the file is corrupt or was changed), so it was not installed.",
    ),
    "package.corrupt_file": QT_TRANSLATE_NOOP(
        "Problem",
        "The package {package} is damaged: {file} cannot be loaded.",
    ),
    "package.damaged_archive": QT_TRANSLATE_NOOP(
        "Problem",
        "The package file {source} is damaged and cannot be unpacked.",
    ),
    "package.download_cancelled": QT_TRANSLATE_NOOP(
        "Problem",
        "The download of {name} was cancelled.",
    ),
    "package.download_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The package {name} could not be downloaded: {reason}.",
    ),
    "package.download_too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "The download of {name} is larger than {limit}, so it was stopped.",
    ),
    "package.download_truncated": QT_TRANSLATE_NOOP(
        "Problem",
        "The download of {name} stopped early ({received} of {total} bytes).",
    ),
    "package.index_not_list": QT_TRANSLATE_NOOP(
        "Problem",
        "The package list at {url} is not a list of packages.",
    ),
    "package.index_too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "The package list at {url} is unreasonably large.",
    ),
    "package.index_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "The package list at {url} cannot be read: {reason}.",
    ),
    "package.install_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The package could not be installed: {reason}.",
    ),
    "package.link_outside": QT_TRANSLATE_NOOP(
        "Problem",
        "The package folder {source} contains a link ({entry}) that points outside the folder, so it was refused.",
    ),
    "package.metadata_too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "The package's metadata.json file is unreasonably large.",
    ),
    "package.missing_field": QT_TRANSLATE_NOOP(
        "Problem",
        "The package's metadata does not say its {field}.",
    ),
    "package.missing_file": QT_TRANSLATE_NOOP(
        "Problem",
        "The package {package} is incomplete: {file} is missing.",
    ),
    "package.no_link": QT_TRANSLATE_NOOP(
        "Problem",
        "The package list gives no download address for {name}.",
    ),
    "package.no_metadata": QT_TRANSLATE_NOOP(
        "Problem",
        "The package has no metadata.json file at its top level.",
    ),
    "package.not_archive": QT_TRANSLATE_NOOP(
        "Problem",
        "{source} is not a translation package file (.argosmodel).",
    ),
    "package.not_found": QT_TRANSLATE_NOOP(
        "Problem",
        "The package file or folder {source} does not exist.",
    ),
    "package.not_installed": QT_TRANSLATE_NOOP(
        "Problem",
        "No package for {from_code} to {to_code} is installed.",
    ),
    "package.not_translation": QT_TRANSLATE_NOOP(
        "Problem",
        "The package is not a translation package (its type is {type}).",
    ),
    "package.other": QT_TRANSLATE_NOOP(
        "Problem",
        "{detail}",
    ),
    "package.remove_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The package could not be removed: {reason}.",
    ),
    "package.special_file": QT_TRANSLATE_NOOP(
        "Problem",
        "The package folder {source} contains {entry}, which is not an ordinary file, so it was refused.",
    ),
    "package.suspicious_compression": QT_TRANSLATE_NOOP(
        "Problem",
        "The package file {source} would expand to far more data than it holds, so it was refused.",
    ),
    "package.too_deep": QT_TRANSLATE_NOOP(
        "Problem",
        "The package {source} has folders nested too deeply, so it was refused.",
    ),
    "package.too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "The package {source} would take more than {limit} on disk, so it was refused.",
    ),
    "package.too_many_files": QT_TRANSLATE_NOOP(
        "Problem",
        "The package {source} contains more than {limit} files, so it was refused.",
    ),
    "package.unsafe_entry": QT_TRANSLATE_NOOP(
        "Problem",
        "The package file {source} contains an entry named {entry} that would be written outside the package folder or over another entry, so the package was refused.",
    ),
    "package.unsafe_target": QT_TRANSLATE_NOOP(
        "Problem",
        "The package would be installed outside the package folder, so it was refused.",
    ),
    "package.unsupported_compression": QT_TRANSLATE_NOOP(
        "Problem",
        "The package file {source} is packed with a kind of compression the console does not accept.",
    ),
    "policy.changed_meanwhile": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} saved a new version of the {market} rules (version {version}) after you opened them; your change was not saved. The rules have been reloaded.",
    ),
    "policy.no_agent": QT_TRANSLATE_NOOP(
        "Problem",
        "No agent profile is selected, so the rules can only be read.",
    ),
    "policy.not_compliance": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} is not in the compliance team; only compliance staff can edit rules.",
    ),
    "privacy.already_erased": QT_TRANSLATE_NOOP(
        "Problem",
        "Customer {id} was already erased on {date}; nothing was changed.",
    ),
    "privacy.erase_needs_confirmation": QT_TRANSLATE_NOOP(
        "Problem",
        "Erasing a customer cannot be undone: confirm it (--yes on the command line); nothing was erased.",
    ),
    "privacy.erase_needs_reason": QT_TRANSLATE_NOOP(
        "Problem",
        "An erasure needs a reason; nothing was erased.",
    ),
    "privacy.export_folder_unwritable": QT_TRANSLATE_NOOP(
        "Problem",
        "The export could not be written to {folder} ({reason}); nothing was written.",
    ),
    "privacy.export_masked": QT_TRANSLATE_NOOP(
        "Problem",
        "You read customer data masked, so you may not export a customer's data; ask compliance staff or an administrator who reads it unmasked. Nothing was exported.",
    ),
    "privacy.no_customer_given": QT_TRANSLATE_NOOP(
        "Problem",
        "Name the customer by e-mail address, phone number or customer id.",
    ),
    "privacy.retention_months_range": QT_TRANSLATE_NOOP(
        "Problem",
        "A retention period is between {low} and {high} months; {value} was given.",
    ),
    "privacy.retention_not_allowed": QT_TRANSLATE_NOOP(
        "Problem",
        "Only compliance staff and admins may change retention rules; nothing was changed.",
    ),
    "privacy.retention_unknown_market": QT_TRANSLATE_NOOP(
        "Problem",
        "There is no market {market}; nothing was changed.",
    ),
    "privacy.reveal_not_allowed": QT_TRANSLATE_NOOP(
        "Problem",
        "Your role may not reveal masked customer data.",
    ),
    "privacy.reveal_not_found": QT_TRANSLATE_NOOP(
        "Problem",
        "This customer or value is not there (or outside what you serve).",
    ),
    "privacy.reveal_reason_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "Say why you need to see this value; nothing was revealed.",
    ),
    "privacy.unknown_customer": QT_TRANSLATE_NOOP(
        "Problem",
        "There is no customer {who} in this store; nothing was changed.",
    ),
    "quality.already_reviewed": QT_TRANSLATE_NOOP(
        "Problem",
        "This conversation's review was already submitted; a review is not changed afterwards.",
    ),
    "quality.assignment_gone": QT_TRANSLATE_NOOP(
        "Problem",
        "This review is no longer in the queue.",
    ),
    "quality.bad_score": QT_TRANSLATE_NOOP(
        "Problem",
        "“{item}” cannot be scored {value}.",
    ),
    "quality.bad_weight": QT_TRANSLATE_NOOP(
        "Problem",
        "“{item}” needs a weight between 0 and {limit} (0 only for auto-fail items).",
    ),
    "quality.item_unscored": QT_TRANSLATE_NOOP(
        "Problem",
        "“{item}” has no score yet; score it (or mark it as not applying).",
    ),
    "quality.item_without_name": QT_TRANSLATE_NOOP(
        "Problem",
        "Item {position} has no wording; write what the reviewer checks.",
    ),
    "quality.no_agent": QT_TRANSLATE_NOOP(
        "Problem",
        "Choose who you are (File → Settings) before working on quality reviews.",
    ),
    "quality.no_weighted_item": QT_TRANSLATE_NOOP(
        "Problem",
        "A scorecard needs at least one item with a weight (auto-fail items have none).",
    ),
    "quality.not_lead": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} is not a team lead; only leads change scorecards and sampling.",
    ),
    "quality.not_reviewer": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} is neither a quality reviewer nor a team lead, so they score no reviews.",
    ),
    "quality.not_your_assignment": QT_TRANSLATE_NOOP(
        "Problem",
        "This conversation was sampled for another reviewer.",
    ),
    "quality.not_your_review": QT_TRANSLATE_NOOP(
        "Problem",
        "Only the agent reviewed, the reviewer and leads read this review.",
    ),
    "quality.nothing_scored": QT_TRANSLATE_NOOP(
        "Problem",
        "Every weighted item is marked as not applying; score at least one.",
    ),
    "quality.setting_out_of_range": QT_TRANSLATE_NOOP(
        "Problem",
        "The {setting} must be between {low} and {high}.",
    ),
    "replies.bad_field": QT_TRANSLATE_NOOP(
        "Problem",
        "Reply {reply} in {path}: the field “{field}” is missing or not valid.",
    ),
    "replies.draft_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The translation engine could not draft the reply “{reply}” in {target}.",
    ),
    "replies.draft_lost_variables": QT_TRANSLATE_NOOP(
        "Problem",
        "The machine translation of the reply “{reply}” lost {variables}; the draft was not saved.",
    ),
    "replies.duplicate": QT_TRANSLATE_NOOP(
        "Problem",
        "Reply {reply} appears more than once in {path}.",
    ),
    "replies.empty_text": QT_TRANSLATE_NOOP(
        "Problem",
        "The reply “{reply}” needs a text in {language}.",
    ),
    "replies.file_too_large": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {path} is too large to be a reply library.",
    ),
    "replies.file_unreadable": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {path} could not be read.",
    ),
    "replies.key_taken": QT_TRANSLATE_NOOP(
        "Problem",
        "The library already has a reply named “{reply}”.",
    ),
    "replies.newer_format": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {path} was written by a newer version of the console; update it to import it.",
    ),
    "replies.no_draft_route": QT_TRANSLATE_NOOP(
        "Problem",
        "No installed translation model for {source} → {target}, so the reply “{reply}” cannot be drafted in that language.",
    ),
    "replies.no_entry": QT_TRANSLATE_NOOP(
        "Problem",
        "The reply you chose is no longer in the library.",
    ),
    "replies.no_source": QT_TRANSLATE_NOOP(
        "Problem",
        "The reply “{reply}” has no text in its source language ({language}) to translate from.",
    ),
    "replies.no_source_text": QT_TRANSLATE_NOOP(
        "Problem",
        "Reply {reply} in {path} has no text in its source language ({language}).",
    ),
    "replies.not_json": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {path} is not a reply library: it is not valid JSON (line {line}).",
    ),
    "replies.wrong_format": QT_TRANSLATE_NOOP(
        "Problem",
        "The file {path} is not a reply library exported by the console.",
    ),
    "reply.no_route": QT_TRANSLATE_NOOP(
        "Problem",
        "No installed translation model for {source} → {target}.",
    ),
    "routing.bad_language": QT_TRANSLATE_NOOP(
        "Problem",
        "{language} is not a language code (two or three letters, such as de or zh).",
    ),
    "routing.capacity_range": QT_TRANSLATE_NOOP(
        "Problem",
        "A capacity must be between {low} and {high}; {value} was given.",
    ),
    "routing.changed_elsewhere": QT_TRANSLATE_NOOP(
        "Problem",
        "Someone else changed this routing rule meanwhile. It is shown as it is now; make your change again.",
    ),
    "routing.gone": QT_TRANSLATE_NOOP(
        "Problem",
        "This routing rule or person no longer exists.",
    ),
    "routing.keyword_too_long": QT_TRANSLATE_NOOP(
        "Problem",
        "A keyword may have at most {limit} characters: {keyword}",
    ),
    "routing.not_allowed": QT_TRANSLATE_NOOP(
        "Problem",
        "Only team leads and administrators may change routing rules.",
    ),
    "routing.unknown_customer": QT_TRANSLATE_NOOP(
        "Problem",
        "No customer writes from {address}.",
    ),
    "send.no_mail_server": QT_TRANSLATE_NOOP(
        "Problem",
        "No channel can deliver this reply: no mail server (SMTP) is set up, so e-mail replies wait in the outbox until one is added under Channels.",
    ),
    "send.reply_crossed": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} replied to this conversation after you opened it. Your reply was not sent: read theirs, then send yours anyway or discard it.",
    ),
    "send.undo_too_late": QT_TRANSLATE_NOOP(
        "Problem",
        "The reply has already left the outbox, so it can no longer be taken back.",
    ),
    "store.busy": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} is in use by another program and did not become free in time. Nothing was saved; try again in a moment.",
    ),
    "store.cannot_open": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} cannot be opened: the file or its folder cannot be reached.",
    ),
    "store.changed_elsewhere": QT_TRANSLATE_NOOP(
        "Problem",
        "Someone else changed this at the same moment; your change was not saved. Look at it again as it is now and make your change again if it is still needed.",
    ),
    "store.damaged": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} is damaged, so the console will not change it: it was left untouched. Open a backup copy of it instead, or ask your administrator to repair it.",
    ),
    "store.disk_error": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} could not be read or written because of a disk error. Nothing was saved; check the disk and try again.",
    ),
    "store.disk_full": QT_TRANSLATE_NOOP(
        "Problem",
        "The disk that holds the store {path} is full. Nothing was saved, and everything stored before is intact. Free some space and try again.",
    ),
    "store.encrypt_check_failed": QT_TRANSLATE_NOOP(
        "Problem",
        "The encrypted copy of {path} did not match the store ({detail}), so it was discarded; the store was left as it was.",
    ),
    "store.encrypt_no_fts5": QT_TRANSLATE_NOOP(
        "Problem",
        "The SQLCipher of this installation has no full-text search (FTS5), so an encrypted store could not be searched. {path} was not encrypted and was left untouched.",
    ),
    "store.encrypt_not_a_file": QT_TRANSLATE_NOOP(
        "Problem",
        "{path} is not a store file (an in-memory store cannot be encrypted). Nothing was changed.",
    ),
    "store.encrypt_server_store": QT_TRANSLATE_NOOP(
        "Problem",
        "{path} is a store on a database server: encryption at rest there is the server's business (encrypted disks or tablespaces). Nothing was changed.",
    ),
    "store.foreign": QT_TRANSLATE_NOOP(
        "Problem",
        "{path} holds another program's database, not a support console store. It was left untouched.",
    ),
    "store.in_use": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} is open in another program (a console window, a worker or an import), or was not closed properly. Close it (or open it once with the console and close it again) and try again; nothing was changed.",
    ),
    "store.is_folder": QT_TRANSLATE_NOOP(
        "Problem",
        "{path} is a folder, not a store file.",
    ),
    "store.key_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} is encrypted (or is not a store at all), and the system keyring holds no key for it, so it cannot be opened. It was left untouched. The key is kept under the store's path: an encrypted store opens only where it was encrypted.",
    ),
    "store.key_not_saved": QT_TRANSLATE_NOOP(
        "Problem",
        "The system keyring cannot keep a key for the store {path} ({reason}), so the store was not encrypted and was left as it was.",
    ),
    "store.key_unavailable": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} is encrypted and its key is kept in the system keyring, which cannot be read ({reason}). The store was left untouched; unlock the keyring and try again.",
    ),
    "store.missing": QT_TRANSLATE_NOOP(
        "Problem",
        "There is no store at {path}.",
    ),
    "store.newer_version": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} was written by a newer version of the console (schema {revision}). Update the console to open it; the store was left untouched.",
    ),
    "store.no_database": QT_TRANSLATE_NOOP(
        "Problem",
        "The team database server has no database named {database} ({path}). Check the database address, or ask your administrator to create it.",
    ),
    "store.no_sqlcipher": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} is encrypted, but this installation has no SQLCipher (the sqlcipher3 package), so it cannot be opened. It was left untouched.",
    ),
    "store.not_a_store": QT_TRANSLATE_NOOP(
        "Problem",
        "{path} is not a support console store (not an SQLite database, or damaged). It was left untouched.",
    ),
    "store.not_permitted": QT_TRANSLATE_NOOP(
        "Problem",
        "You may not make this change: your role does not allow it, or it concerns conversations outside what you serve. Nothing was changed.",
    ),
    "store.read_only": QT_TRANSLATE_NOOP(
        "Problem",
        "The store {path} cannot be changed because the file is read-only. Nothing was saved, and everything stored before is intact. Make the file writable and try again.",
    ),
    "store.server_unreachable": QT_TRANSLATE_NOOP(
        "Problem",
        "The team database {path} cannot be reached, or it refused the connection. Nothing was changed. Check the network connection and the database address, or ask your administrator whether the server is running.",
    ),
    "store.sign_in_refused": QT_TRANSLATE_NOOP(
        "Problem",
        "The team database {path} refused the sign-in. Check the user name and password, or ask your administrator for access.",
    ),
    "store.wrong_key": QT_TRANSLATE_NOOP(
        "Problem",
        "The key the system keyring holds for the store {path} does not open it (the key was replaced, or the file is damaged). The store was left untouched.",
    ),
    "team.account_disabled": QT_TRANSLATE_NOOP(
        "Problem",
        "The account of {name} is disabled, so it cannot sign in. Ask your administrator.",
    ),
    "team.account_expired": QT_TRANSLATE_NOOP(
        "Problem",
        "The account of {name} expired after {day}, so it cannot sign in. Ask your administrator to extend it.",
    ),
    "team.cannot_disable_self": QT_TRANSLATE_NOOP(
        "Problem",
        "You cannot disable or expire your own account.",
    ),
    "team.date_invalid": QT_TRANSLATE_NOOP(
        "Problem",
        "{value} is not a date; write it as YYYY-MM-DD.",
    ),
    "team.escalation_in_house": QT_TRANSLATE_NOOP(
        "Problem",
        "The escalation queue is worked in-house; it cannot be given to a vendor.",
    ),
    "team.language_invalid": QT_TRANSLATE_NOOP(
        "Problem",
        "{value} is not a language code (such as de, fr or zh).",
    ),
    "team.login_invalid": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} cannot be made into a sign-in name. Use letters or digits in the name.",
    ),
    "team.login_reserved": QT_TRANSLATE_NOOP(
        "Problem",
        "The sign-in name {login} is a database administrator's or the console's own; choose another name.",
    ),
    "team.login_taken": QT_TRANSLATE_NOOP(
        "Problem",
        "The sign-in name {login} already belongs to {other}; choose another name.",
    ),
    "team.market_unknown": QT_TRANSLATE_NOOP(
        "Problem",
        "There is no market {market}. The markets are: {known}.",
    ),
    "team.migrate_all_copied": QT_TRANSLATE_NOOP(
        "Problem",
        "Every row of {source} is in the team store {target}.",
    ),
    "team.migrate_needs_postgresql": QT_TRANSLATE_NOOP(
        "Problem",
        "The team store must be a PostgreSQL database (postgresql+psycopg://user@host/database); {path} is not one. Nothing was copied.",
    ),
    "team.migrate_people_taken": QT_TRANSLATE_NOOP(
        "Problem",
        "The team store already has other people under the ids of this seat's people ({names}): their conversations, replies and reviews would be theirs. Copy the single-seat store before running team init, or into a new, empty database. Nothing was copied.",
    ),
    "team.migrate_rows_differ": QT_TRANSLATE_NOOP(
        "Problem",
        "{table}: {count} rows have the same id as rows already in the team store with other contents; the team store's rows were kept.",
    ),
    "team.migrate_rows_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "{table}: {count} rows of the single-seat store are not in the team store (a row already there has the same unique value). Remove those rows from the team store, or copy into a new, empty team store, and run the command again.",
    ),
    "team.migrate_rows_refer_to_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "{table}: rows of the single-seat store refer to rows the team store could not take (a row already there has the same unique value). The copy stopped; what was copied is kept. Remove those rows from the team store, or copy into a new, empty team store, and run the command again.",
    ),
    "team.name_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "A person needs a name.",
    ),
    "team.name_too_long": QT_TRANSLATE_NOOP(
        "Problem",
        "A name can be at most {limit} characters long.",
    ),
    "team.needs_postgresql": QT_TRANSLATE_NOOP(
        "Problem",
        "A team store is a PostgreSQL database (postgresql+psycopg://user@host/database); {path} is not one.",
    ),
    "team.not_a_person": QT_TRANSLATE_NOOP(
        "Problem",
        "The sign-in {login} is not a person of this team store. Ask your administrator to add you.",
    ),
    "team.not_allowed": QT_TRANSLATE_NOOP(
        "Problem",
        "Only an administrator can change people.",
    ),
    "team.not_privileged": QT_TRANSLATE_NOOP(
        "Problem",
        "{login} may not create the team's roles or people in {path}. Run it as the database owner or an administrator of the team.",
    ),
    "team.password_missing": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} needs a password to sign in; nothing was changed.",
    ),
    "team.password_no_terminal": QT_TRANSLATE_NOOP(
        "Problem",
        "{name} needs a password: give it on standard input with --password-stdin.",
    ),
    "team.passwords_differ": QT_TRANSLATE_NOOP(
        "Problem",
        "The two passwords differ; nothing was changed.",
    ),
    "team.person_gone": QT_TRANSLATE_NOOP(
        "Problem",
        "This person no longer exists.",
    ),
    "team.vendor_too_long": QT_TRANSLATE_NOOP(
        "Problem",
        "A vendor's name can be at most {limit} characters long.",
    ),
}
WORDINGS: dict[str, str] = {code: str(text) for code, text in _LITERALS.items()}


def problem_text(problem: Problem) -> str:
    """``problem`` worded in the UI language (English text for an unknown code)."""
    template = WORDINGS.get(problem.code)
    if template is None:
        return problem.text
    return fill(QCoreApplication.translate(CONTEXT, template), problem.values)


def reason_text(reason: str, stored_problem: str | None) -> str:
    """A stored reason: its problem worded in the UI language, else the stored English."""
    parsed = Problem.from_json(stored_problem)
    return reason if parsed is None else problem_text(parsed)


def error_text(error: BaseException) -> str:
    """An exception for a person, in the UI language where its problem is known.

    Core errors carry a :class:`Problem`; the Qt-free libraries' errors (such as
    ``translation.packages.PackageError``) carry a plain ``code`` and ``params``.
    """
    carried = getattr(error, "problem", None)
    if isinstance(carried, Problem):
        return problem_text(carried)
    code, params = getattr(error, "code", None), getattr(error, "params", None)
    if isinstance(code, str) and code in WORDINGS and isinstance(params, dict):
        return problem_text(
            Problem(code, tuple(sorted((str(k), str(v)) for k, v in params.items())))
        )
    return str(error)


__all__ = ["QT_TRANSLATE_NOOP", "WORDINGS", "error_text", "problem_text", "reason_text"]
