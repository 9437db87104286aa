<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
  <context>
    <name>Briefing</name>
    <message>
      <source>&amp;Open…</source>
      <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
      <source>Import an article or open a saved brief</source>
      <translation>Artikel importieren oder gespeichertes Briefing öffnen</translation>
    </message>
    <message>
      <source>&amp;Paste Article Text</source>
      <translation>Artikeltext &amp;einfügen</translation>
    </message>
    <message>
      <source>Import the text on the clipboard as an article</source>
      <translation>Den Text in der Zwischenablage als Artikel importieren</translation>
    </message>
    <message>
      <source>Open &amp;Demo Article</source>
      <translation>&amp;Demo-Artikel öffnen</translation>
    </message>
    <message>
      <source>Load a demo article to try the workflow</source>
      <translation>Einen Demo-Artikel laden, um den Ablauf auszuprobieren</translation>
    </message>
    <message>
      <source>&amp;New Brief</source>
      <translation>&amp;Neues Briefing</translation>
    </message>
    <message>
      <source>Start an empty brief</source>
      <translation>Ein leeres Briefing beginnen</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Speichern</translation>
    </message>
    <message>
      <source>Save the brief</source>
      <translation>Das Briefing speichern</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
      <source>Save the brief under a new name</source>
      <translation>Das Briefing unter neuem Namen speichern</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>&amp;Exportieren…</translation>
    </message>
    <message>
      <source>Export the brief as DOCX or PDF</source>
      <translation>Das Briefing als DOCX oder PDF exportieren</translation>
    </message>
    <message>
      <source>Copy &amp;Brief</source>
      <translation>&amp;Briefing kopieren</translation>
    </message>
    <message>
      <source>Copy the brief as rich text and plain text</source>
      <translation>Das Briefing als formatierten und reinen Text kopieren</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Beenden</translation>
    </message>
    <message>
      <source>Close Briefing</source>
      <translation>Briefing beenden</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Rückgängig</translation>
    </message>
    <message>
      <source>Undo the last edit</source>
      <translation>Die letzte Änderung rückgängig machen</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Wiederholen</translation>
    </message>
    <message>
      <source>Redo the edit</source>
      <translation>Die Änderung wiederholen</translation>
    </message>
    <message>
      <source>&amp;Filter Claims</source>
      <translation>Aussagen &amp;filtern</translation>
    </message>
    <message>
      <source>Filter the claims table</source>
      <translation>Die Aussagentabelle filtern</translation>
    </message>
    <message>
      <source>&amp;Include Selected Claims</source>
      <translation>Auswahl &amp;übernehmen</translation>
    </message>
    <message>
      <source>Tick the selected claims</source>
      <translation>Die ausgewählten Aussagen ankreuzen</translation>
    </message>
    <message>
      <source>E&amp;xclude Selected Claims</source>
      <translation>Auswahl &amp;ausschließen</translation>
    </message>
    <message>
      <source>Untick the selected claims</source>
      <translation>Die ausgewählten Aussagen abwählen</translation>
    </message>
    <message>
      <source>&amp;Copy Claims with Citations</source>
      <translation>Aussagen mit &amp;Belegen kopieren</translation>
    </message>
    <message>
      <source>Copy the selected claims with their sources</source>
      <translation>Die ausgewählten Aussagen mit ihren Quellen kopieren</translation>
    </message>
    <message>
      <source>&amp;Make Claim from Selection</source>
      <translation>Aussage aus &amp;Markierung</translation>
    </message>
    <message>
      <source>Make a claim of the text selected in the reader</source>
      <translation>Aus dem markierten Text eine Aussage machen</translation>
    </message>
    <message>
      <source>S&amp;plit Claim at Cursor</source>
      <translation>Aussage am Cursor &amp;teilen</translation>
    </message>
    <message>
      <source>Split the claim at the reader's cursor</source>
      <translation>Die Aussage an der Cursorposition teilen</translation>
    </message>
    <message>
      <source>&amp;Merge Selected Claims</source>
      <translation>Aussagen &amp;zusammenführen</translation>
    </message>
    <message>
      <source>Merge the claims selected in the table</source>
      <translation>Die in der Tabelle ausgewählten Aussagen zusammenführen</translation>
    </message>
    <message>
      <source>Add &amp;Own Text</source>
      <translation>Eigenen &amp;Text hinzufügen</translation>
    </message>
    <message>
      <source>Add a paragraph of your own judgment to the brief</source>
      <translation>Einen Absatz mit eigener Bewertung hinzufügen</translation>
    </message>
    <message>
      <source>&amp;Templates…</source>
      <translation>&amp;Vorlagen…</translation>
    </message>
    <message>
      <source>Pick, save, import and export templates</source>
      <translation>Vorlagen wählen, speichern, importieren und exportieren</translation>
    </message>
    <message>
      <source>&amp;Settings…</source>
      <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
      <source>Language and autosave</source>
      <translation>Sprache und automatisches Sichern</translation>
    </message>
    <message>
      <source>&amp;About Briefing</source>
      <translation>&amp;Über Briefing</translation>
    </message>
    <message>
      <source>About Briefing</source>
      <translation>Über Briefing</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Datei</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
      <source>&amp;Brief</source>
      <translation>B&amp;riefing</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Ansicht</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Hilfe</translation>
    </message>
    <message>
      <source>Restore unsaved work?</source>
      <translation>Ungesicherte Arbeit wiederherstellen?</translation>
    </message>
    <message>
      <source>Briefing was not closed properly. Restore “%1”, autosaved at %2?</source>
      <translation>Briefing wurde nicht ordnungsgemäß beendet. „%1“ wiederherstellen, automatisch gesichert um %2?</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Wiederherstellen</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Verwerfen</translation>
    </message>
    <message>
      <source>Later</source>
      <translation>Später</translation>
    </message>
    <message>
      <source>Use</source>
      <translation>Nutzen</translation>
    </message>
    <message>
      <source>Claim</source>
      <translation>Aussage</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Quelle</translation>
    </message>
    <message>
      <source>Cue</source>
      <translation>Signal</translation>
    </message>
    <message>
      <source>Stance</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Figures</source>
      <translation>Zahlen</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>Ort</translation>
    </message>
    <message>
      <source>Grade</source>
      <translation>Güte</translation>
    </message>
    <message>
      <source>asserted</source>
      <translation>behauptet</translation>
    </message>
    <message>
      <source>reported</source>
      <translation>berichtet</translation>
    </message>
    <message>
      <source>hedged</source>
      <translation>relativiert</translation>
    </message>
    <message>
      <source>Include in the brief</source>
      <translation>Ins Briefing übernehmen</translation>
    </message>
    <message>
      <source>Paraphrase:</source>
      <translation>Paraphrase:</translation>
    </message>
    <message>
      <source>included</source>
      <translation>übernommen</translation>
    </message>
    <message>
      <source>not included</source>
      <translation>nicht übernommen</translation>
    </message>
    <message>
      <source>Filter claims (Ctrl+F)</source>
      <translation>Aussagen filtern (Strg+F)</translation>
    </message>
    <message>
      <source>Filter claims</source>
      <translation>Aussagen filtern</translation>
    </message>
    <message>
      <source>Filter by source</source>
      <translation>Nach Quelle filtern</translation>
    </message>
    <message>
      <source>Filter by stance</source>
      <translation>Nach Status filtern</translation>
    </message>
    <message>
      <source>Claims</source>
      <translation>Aussagen</translation>
    </message>
    <message>
      <source>All stances</source>
      <translation>Alle Status</translation>
    </message>
    <message>
      <source>All sources</source>
      <translation>Alle Quellen</translation>
    </message>
    <message numerus="yes">
      <source>%n claim(s)</source>
      <translation>
        <numerusform>%n Aussage</numerusform>
        <numerusform>%n Aussagen</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 of %2</source>
      <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
      <source>%n ticked</source>
      <translation>
        <numerusform>%n angekreuzt</numerusform>
        <numerusform>%n angekreuzt</numerusform>
      </translation>
    </message>
    <message>
      <source>Include</source>
      <translation>Übernehmen</translation>
    </message>
    <message>
      <source>Exclude</source>
      <translation>Ausschließen</translation>
    </message>
    <message>
      <source>Select all reported by “%1”</source>
      <translation>Alle Berichte von „%1“ auswählen</translation>
    </message>
    <message>
      <source>Copy with citations</source>
      <translation>Mit Belegen kopieren</translation>
    </message>
    <message>
      <source>Merge claims</source>
      <translation>Aussagen zusammenführen</translation>
    </message>
    <message>
      <source>Export brief</source>
      <translation>Briefing exportieren</translation>
    </message>
    <message>
      <source>Footnotes</source>
      <translation>Fußnoten</translation>
    </message>
    <message>
      <source>Endnotes</source>
      <translation>Endnoten</translation>
    </message>
    <message>
      <source>Author–date</source>
      <translation>Autor–Jahr</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Durchsuchen…</translation>
    </message>
    <message>
      <source>&amp;Format</source>
      <translation>&amp;Format</translation>
    </message>
    <message>
      <source>&amp;Template</source>
      <translation>&amp;Vorlage</translation>
    </message>
    <message>
      <source>&amp;Citations</source>
      <translation>&amp;Belege</translation>
    </message>
    <message>
      <source>Citation &amp;style</source>
      <translation>&amp;Zitierstil</translation>
    </message>
    <message>
      <source>&amp;Save as</source>
      <translation>&amp;Speichern als</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>Format</translation>
    </message>
    <message>
      <source>Template</source>
      <translation>Vorlage</translation>
    </message>
    <message>
      <source>Citations</source>
      <translation>Belege</translation>
    </message>
    <message>
      <source>Citation style</source>
      <translation>Zitierstil</translation>
    </message>
    <message>
      <source>Target file</source>
      <translation>Zieldatei</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Exportieren</translation>
    </message>
    <message>
      <source>The folder %1 does not exist.</source>
      <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>Exportiere…</translation>
    </message>
    <message>
      <source>Export finished</source>
      <translation>Export abgeschlossen</translation>
    </message>
    <message>
      <source>The brief was saved as %1.</source>
      <translation>Das Briefing wurde als %1 gespeichert.</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Öffnen</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>Bearbeiten</translation>
    </message>
    <message>
      <source>Import article</source>
      <translation>Artikel importieren</translation>
    </message>
    <message>
      <source>Edit source</source>
      <translation>Quelle bearbeiten</translation>
    </message>
    <message>
      <source>Edit brief details</source>
      <translation>Briefing-Angaben bearbeiten</translation>
    </message>
    <message>
      <source>Include claims</source>
      <translation>Aussagen übernehmen</translation>
    </message>
    <message>
      <source>Exclude claims</source>
      <translation>Aussagen ausschließen</translation>
    </message>
    <message>
      <source>Edit paraphrase</source>
      <translation>Paraphrase bearbeiten</translation>
    </message>
    <message>
      <source>Grade claim</source>
      <translation>Aussage bewerten</translation>
    </message>
    <message>
      <source>Edit tags</source>
      <translation>Schlagwörter bearbeiten</translation>
    </message>
    <message>
      <source>Edit note</source>
      <translation>Notiz bearbeiten</translation>
    </message>
    <message>
      <source>Change stance</source>
      <translation>Status ändern</translation>
    </message>
    <message>
      <source>Make claim</source>
      <translation>Aussage anlegen</translation>
    </message>
    <message>
      <source>Split claim</source>
      <translation>Aussage teilen</translation>
    </message>
    <message>
      <source>Add claims to section</source>
      <translation>Aussagen in Abschnitt legen</translation>
    </message>
    <message>
      <source>Move item</source>
      <translation>Eintrag verschieben</translation>
    </message>
    <message>
      <source>Add own text</source>
      <translation>Eigenen Text hinzufügen</translation>
    </message>
    <message>
      <source>Edit own text</source>
      <translation>Eigenen Text bearbeiten</translation>
    </message>
    <message>
      <source>Remove from brief</source>
      <translation>Aus dem Briefing entfernen</translation>
    </message>
    <message>
      <source>Change template</source>
      <translation>Vorlage wechseln</translation>
    </message>
    <message>
      <source>&amp;Paraphrase</source>
      <translation>&amp;Paraphrase</translation>
    </message>
    <message>
      <source>&amp;Grade</source>
      <translation>&amp;Bewertung</translation>
    </message>
    <message>
      <source>&amp;Tags</source>
      <translation>&amp;Schlagwörter</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>&amp;Notiz</translation>
    </message>
    <message>
      <source>Your paraphrase or translation; the quote above stays as it is</source>
      <translation>Ihre Paraphrase oder Übersetzung; das Zitat oben bleibt unverändert</translation>
    </message>
    <message>
      <source>Paraphrase</source>
      <translation>Paraphrase</translation>
    </message>
    <message>
      <source>Source reliability</source>
      <translation>Zuverlässigkeit der Quelle</translation>
    </message>
    <message>
      <source>Source reliability: A reliable … E unreliable, F cannot be judged</source>
      <translation>Zuverlässigkeit der Quelle: A zuverlässig … E unzuverlässig, F nicht beurteilbar</translation>
    </message>
    <message>
      <source>Information credibility</source>
      <translation>Glaubwürdigkeit der Information</translation>
    </message>
    <message>
      <source>Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged</source>
      <translation>Glaubwürdigkeit: 1 bestätigt … 5 unwahrscheinlich, 6 nicht beurteilbar</translation>
    </message>
    <message>
      <source>comma-separated</source>
      <translation>durch Kommas getrennt</translation>
    </message>
    <message>
      <source>Tags</source>
      <translation>Schlagwörter</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Notiz</translation>
    </message>
    <message>
      <source>Verbatim quote</source>
      <translation>Wörtliches Zitat</translation>
    </message>
    <message>
      <source>Reliability –</source>
      <translation>Zuverlässigkeit –</translation>
    </message>
    <message>
      <source>Credibility –</source>
      <translation>Glaubwürdigkeit –</translation>
    </message>
    <message>
      <source>Select a claim to see its quote and to paraphrase, grade or tag it.</source>
      <translation>Wählen Sie eine Aussage, um ihr Zitat zu sehen und sie zu paraphrasieren, zu bewerten oder zu verschlagworten.</translation>
    </message>
    <message>
      <source>the author</source>
      <translation>der Autor</translation>
    </message>
    <message>
      <source>Source: %1</source>
      <translation>Quelle: %1</translation>
    </message>
    <message>
      <source>Cue: %1</source>
      <translation>Signal: %1</translation>
    </message>
    <message>
      <source>Figures: %1</source>
      <translation>Zahlen: %1</translation>
    </message>
    <message>
      <source>made by hand</source>
      <translation>von Hand angelegt</translation>
    </message>
    <message>
      <source>Untitled brief</source>
      <translation>Unbenanntes Briefing</translation>
    </message>
    <message>
      <source>Brief outline</source>
      <translation>Gliederung</translation>
    </message>
    <message>
      <source>Preview and checks</source>
      <translation>Vorschau und Prüfung</translation>
    </message>
    <message>
      <source>Tool bar</source>
      <translation>Werkzeugleiste</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>Vorschau</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Hinweise</translation>
    </message>
    <message>
      <source>Article text</source>
      <translation>Artikeltext</translation>
    </message>
    <message numerus="yes">
      <source>%n source(s)</source>
      <translation>
        <numerusform>%n Quelle</numerusform>
        <numerusform>%n Quellen</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n in the brief</source>
      <translation>
        <numerusform>%n im Briefing</numerusform>
        <numerusform>%n im Briefing</numerusform>
      </translation>
    </message>
    <message>
      <source>Article</source>
      <translation>Artikel</translation>
    </message>
    <message>
      <source>The brief was copied as rich text and plain text.</source>
      <translation>Das Briefing wurde als formatierter Text und als reiner Text kopiert.</translation>
    </message>
    <message numerus="yes">
      <source>%n claim(s) copied with citations</source>
      <translation>
        <numerusform>%n Aussage mit Beleg kopiert</numerusform>
        <numerusform>%n Aussagen mit Belegen kopiert</numerusform>
      </translation>
    </message>
    <message>
      <source>The brief now uses the template “%1”.</source>
      <translation>Das Briefing verwendet jetzt die Vorlage „%1“.</translation>
    </message>
    <message>
      <source>Open article or brief</source>
      <translation>Artikel oder Briefing öffnen</translation>
    </message>
    <message>
      <source>Articles and briefs (%1)</source>
      <translation>Artikel und Briefings (%1)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Alle Dateien (*)</translation>
    </message>
    <message>
      <source>The clipboard holds no text to import.</source>
      <translation>Die Zwischenablage enthält keinen Text zum Importieren.</translation>
    </message>
    <message>
      <source>pasted text</source>
      <translation>eingefügter Text</translation>
    </message>
    <message>
      <source>Importing %1 …</source>
      <translation>Importiere %1 …</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>Importiere…</translation>
    </message>
    <message>
      <source>Imported “%1”: %2 claims</source>
      <translation>„%1“ importiert: %2 Aussagen</translation>
    </message>
    <message>
      <source>Cannot import</source>
      <translation>Import nicht möglich</translation>
    </message>
    <message>
      <source>Briefing</source>
      <translation>Briefing</translation>
    </message>
    <message>
      <source>Error</source>
      <translation>Fehler</translation>
    </message>
    <message>
      <source>Cannot open brief</source>
      <translation>Briefing kann nicht geöffnet werden</translation>
    </message>
    <message>
      <source>Save brief</source>
      <translation>Briefing speichern</translation>
    </message>
    <message>
      <source>Briefs (*%1)</source>
      <translation>Briefings (*%1)</translation>
    </message>
    <message>
      <source>Cannot save</source>
      <translation>Speichern nicht möglich</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>%1 gespeichert</translation>
    </message>
    <message>
      <source>Exported %1</source>
      <translation>%1 exportiert</translation>
    </message>
    <message>
      <source>Briefing %1 — turns articles into sourced briefs, offline.</source>
      <translation>Briefing %1 — macht aus Artikeln belegte Briefings, offline.</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>Ungesicherte Änderungen</translation>
    </message>
    <message>
      <source>Save the changes to this brief before closing?</source>
      <translation>Änderungen an diesem Briefing vor dem Schließen speichern?</translation>
    </message>
    <message>
      <source>Section %1</source>
      <translation>Abschnitt %1</translation>
    </message>
    <message>
      <source>(own text — double-click to write)</source>
      <translation>(eigener Text — Doppelklick zum Schreiben)</translation>
    </message>
    <message>
      <source>(missing claim %1)</source>
      <translation>(fehlende Aussage %1)</translation>
    </message>
    <message>
      <source>Drag claims here. Alt+Up/Down moves, Delete removes, Ctrl+Return adds own text.</source>
      <translation>Aussagen hierher ziehen. Alt+Auf/Ab verschiebt, Entf entfernt, Strg+Eingabe fügt eigenen Text hinzu.</translation>
    </message>
    <message>
      <source>Select a section to see its guidance.</source>
      <translation>Wählen Sie einen Abschnitt, um seine Hinweise zu sehen.</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Nach oben</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Nach unten</translation>
    </message>
    <message>
      <source>The preview could not be built: %1</source>
      <translation>Die Vorschau konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
      <source>No findings: the brief is ready to export.</source>
      <translation>Keine Hinweise: Das Briefing kann exportiert werden.</translation>
    </message>
    <message numerus="yes">
      <source>%n finding(s) before export</source>
      <translation>
        <numerusform>%n Hinweis vor dem Export</numerusform>
        <numerusform>%n Hinweise vor dem Export</numerusform>
      </translation>
    </message>
    <message>
      <source>Make claim from selection</source>
      <translation>Aussage aus Markierung</translation>
    </message>
    <message>
      <source>Split claim here</source>
      <translation>Aussage hier teilen</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>Kopieren</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
      <source>No recent files</source>
      <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
      <source>Clear list</source>
      <translation>Liste leeren</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <source>System language</source>
      <translation>Systemsprache</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Sprache</translation>
    </message>
    <message>
      <source> s</source>
      <translation> s</translation>
    </message>
    <message>
      <source>Autosave after seconds of idle time</source>
      <translation>Automatisch sichern nach Sekunden ohne Eingabe</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Sprache</translation>
    </message>
    <message>
      <source>&amp;Autosave after idle</source>
      <translation>&amp;Automatisch sichern nach</translation>
    </message>
    <message>
      <source>&amp;Title</source>
      <translation>&amp;Titel</translation>
    </message>
    <message>
      <source>&amp;Publisher</source>
      <translation>&amp;Herausgeber</translation>
    </message>
    <message>
      <source>&amp;Author</source>
      <translation>&amp;Autor</translation>
    </message>
    <message>
      <source>&amp;Date</source>
      <translation>&amp;Datum</translation>
    </message>
    <message>
      <source>&amp;URL</source>
      <translation>&amp;URL</translation>
    </message>
    <message>
      <source>YYYY-MM-DD</source>
      <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
      <source>de, en …</source>
      <translation>de, en …</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Quellen</translation>
    </message>
    <message>
      <source>&amp;Load metadata…</source>
      <translation>Metadaten &amp;laden…</translation>
    </message>
    <message>
      <source>Fill this source's metadata from a CSL-JSON, RIS or BibTeX file (as Zotero or Citavi export it)</source>
      <translation>Die Metadaten dieser Quelle aus einer CSL-JSON-, RIS- oder BibTeX-Datei übernehmen (wie Zotero oder Citavi sie exportieren)</translation>
    </message>
    <message>
      <source>Load metadata from CSL-JSON, RIS or BibTeX</source>
      <translation>Metadaten aus CSL-JSON, RIS oder BibTeX laden</translation>
    </message>
    <message>
      <source>Replace existing fields</source>
      <translation>Vorhandene Felder ersetzen</translation>
    </message>
    <message>
      <source>Off: only empty fields are filled. On: the file's values replace what is there.</source>
      <translation>Aus: nur leere Felder werden gefüllt. An: die Werte aus der Datei ersetzen die vorhandenen.</translation>
    </message>
    <message>
      <source>E&amp;xport sources…</source>
      <translation>Quellen e&amp;xportieren…</translation>
    </message>
    <message>
      <source>Save the brief's sources as CSL-JSON or RIS for a reference manager</source>
      <translation>Die Quellen des Briefings als CSL-JSON oder RIS für eine Literaturverwaltung speichern</translation>
    </message>
    <message>
      <source>Export sources as CSL-JSON or RIS</source>
      <translation>Quellen als CSL-JSON oder RIS exportieren</translation>
    </message>
    <message>
      <source>Date must be written as YYYY-MM-DD, e.g. 2025-04-03</source>
      <translation>Das Datum muss als JJJJ-MM-TT angegeben werden, z. B. 2025-04-03</translation>
    </message>
    <message>
      <source>Load metadata</source>
      <translation>Metadaten laden</translation>
    </message>
    <message>
      <source>References (%1)</source>
      <translation>Literaturangaben (%1)</translation>
    </message>
    <message>
      <source>Cannot load metadata</source>
      <translation>Metadaten können nicht geladen werden</translation>
    </message>
    <message>
      <source>%1 adds nothing new to this source.</source>
      <translation>%1 enthält nichts Neues für diese Quelle.</translation>
    </message>
    <message>
      <source> (%1 entries in the file; used “%2”)</source>
      <translation> (%1 Einträge in der Datei; verwendet: „%2“)</translation>
    </message>
    <message numerus="yes">
      <source>Metadata from %1: %n field(s) set</source>
      <translation>
        <numerusform>Metadaten aus %1: %n Feld gesetzt</numerusform>
        <numerusform>Metadaten aus %1: %n Felder gesetzt</numerusform>
      </translation>
    </message>
    <message>
      <source>Export sources</source>
      <translation>Quellen exportieren</translation>
    </message>
    <message>
      <source>CSL-JSON (*.json)</source>
      <translation>CSL-JSON (*.json)</translation>
    </message>
    <message>
      <source>RIS (*.ris)</source>
      <translation>RIS (*.ris)</translation>
    </message>
    <message>
      <source>Cannot export sources</source>
      <translation>Quellen können nicht exportiert werden</translation>
    </message>
    <message numerus="yes">
      <source>%n source(s) exported to %1</source>
      <translation>
        <numerusform>%n Quelle nach %1 exportiert</numerusform>
        <numerusform>%n Quellen nach %1 exportiert</numerusform>
      </translation>
    </message>
    <message>
      <source>Templates</source>
      <translation>Vorlagen</translation>
    </message>
    <message>
      <source>Template preview</source>
      <translation>Vorlagenvorschau</translation>
    </message>
    <message>
      <source>&amp;Use for this brief</source>
      <translation>Für dieses Briefing &amp;verwenden</translation>
    </message>
    <message>
      <source>&amp;Save brief as template…</source>
      <translation>Briefing als Vorlage &amp;speichern…</translation>
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation>&amp;Importieren…</translation>
    </message>
    <message>
      <source>E&amp;xport…</source>
      <translation>E&amp;xportieren…</translation>
    </message>
    <message>
      <source>&amp;Rename…</source>
      <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
      <source>&amp;Delete</source>
      <translation>&amp;Löschen</translation>
    </message>
    <message>
      <source>built-in</source>
      <translation>mitgeliefert</translation>
    </message>
    <message>
      <source>Save as template</source>
      <translation>Als Vorlage speichern</translation>
    </message>
    <message>
      <source>Template name:</source>
      <translation>Name der Vorlage:</translation>
    </message>
    <message>
      <source>Rename template</source>
      <translation>Vorlage umbenennen</translation>
    </message>
    <message>
      <source>New name:</source>
      <translation>Neuer Name:</translation>
    </message>
    <message>
      <source>Import template</source>
      <translation>Vorlage importieren</translation>
    </message>
    <message>
      <source>Templates (*.json *.briefing-template);;All files (*)</source>
      <translation>Vorlagen (*.json *.briefing-template);;Alle Dateien (*)</translation>
    </message>
    <message>
      <source>Export template</source>
      <translation>Vorlage exportieren</translation>
    </message>
    <message>
      <source>Templates (*.json)</source>
      <translation>Vorlagen (*.json)</translation>
    </message>
    <message>
      <source>Turn articles into a sourced brief</source>
      <translation>Aus Artikeln ein belegtes Briefing machen</translation>
    </message>
    <message>
      <source>Open an article or report, or drop a file onto this window. Briefing splits it into claims and shows who each claim comes from.</source>
      <translation>Öffnen Sie einen Artikel oder Bericht, oder ziehen Sie eine Datei in dieses Fenster. Briefing zerlegt ihn in Aussagen und zeigt, von wem jede Aussage stammt.</translation>
    </message>
    <message>
      <source>Tick the claims that matter, or drag them into the sections of the brief.</source>
      <translation>Kreuzen Sie die wichtigen Aussagen an oder ziehen Sie sie in die Abschnitte des Briefings.</translation>
    </message>
    <message>
      <source>Paraphrase, grade and tag them in the inspector; add your own judgment.</source>
      <translation>Paraphrasieren, bewerten und verschlagworten Sie sie; ergänzen Sie Ihre eigene Bewertung.</translation>
    </message>
    <message>
      <source>Check the preview and export to Word or PDF (Ctrl+E).</source>
      <translation>Prüfen Sie die Vorschau und exportieren Sie nach Word oder PDF (Strg+E).</translation>
    </message>
    <message>
      <source>Open article…</source>
      <translation>Artikel öffnen…</translation>
    </message>
    <message>
      <source>Paste text</source>
      <translation>Text einfügen</translation>
    </message>
    <message>
      <source>Try the demo article</source>
      <translation>Demo-Artikel ausprobieren</translation>
    </message>
    <message>
      <source>Open article</source>
      <translation>Artikel öffnen</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Abbrechen</translation>
    </message>
  </context>
</TS>