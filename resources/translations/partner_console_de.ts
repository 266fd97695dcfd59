<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiError</name>
    <message>
        <source>The secure connection to the service was refused because its certificate could not be verified. Nothing was sent. Check the service URL, or ask your IT staff about a proxy that intercepts TLS.</source>
        <translation>Die sichere Verbindung zum Dienst wurde abgelehnt, weil sein Zertifikat nicht überprüft werden konnte. Es wurde nichts gesendet. Prüfen Sie die Dienst-URL oder fragen Sie Ihre IT-Abteilung nach einem Proxy, der TLS abfängt.</translation>
    </message>
    <message>
        <source>The service rejected the API key. Check the key in Settings.</source>
        <translation>Der Dienst hat den API-Schlüssel abgelehnt. Prüfen Sie den Schlüssel in den Einstellungen.</translation>
    </message>
    <message>
        <source>The file is too large for the service.</source>
        <translation>Die Datei ist für den Dienst zu groß.</translation>
    </message>
    <message>
        <source>The service answered with an unexpected redirect (HTTP %1); it was not followed. Check the service URL.</source>
        <translation>Der Dienst hat mit einer unerwarteten Weiterleitung geantwortet (HTTP %1); ihr wurde nicht gefolgt. Prüfen Sie die Dienst-URL.</translation>
    </message>
    <message>
        <source>The service refused the request (HTTP %1).</source>
        <translation>Der Dienst hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>The service said: %1</source>
        <translation>Meldung des Dienstes: %1</translation>
    </message>
    <message>
        <source>The service reported an error without a description.</source>
        <translation>Der Dienst hat einen Fehler ohne Beschreibung gemeldet.</translation>
    </message>
    <message>
        <source>The service reported an error: %1</source>
        <translation>Der Dienst hat einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>The service sent an answer the console does not understand: %1.</source>
        <translation>Der Dienst hat eine Antwort gesendet, die die Konsole nicht versteht: %1.</translation>
    </message>
    <message>
        <source>The file %1 could not be read: %2. Check that it still exists and is readable.</source>
        <translation>Die Datei %1 konnte nicht gelesen werden: %2. Prüfen Sie, ob sie noch existiert und lesbar ist.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The console will try again.</source>
        <translation>Die Konsole versucht es erneut.</translation>
    </message>
    <message>
        <source>The service&apos;s host name could not be resolved (DNS). Check the network connection and the service URL.</source>
        <translation>Der Hostname des Dienstes konnte nicht aufgelöst werden (DNS). Prüfen Sie die Netzwerkverbindung und die Dienst-URL.</translation>
    </message>
    <message>
        <source>The service refused the connection. It may be down or the URL&apos;s port may be wrong.</source>
        <translation>Der Dienst hat die Verbindung abgelehnt. Möglicherweise ist er nicht in Betrieb oder der Port in der URL ist falsch.</translation>
    </message>
    <message>
        <source>The connection to the service was closed before it answered.</source>
        <translation>Die Verbindung zum Dienst wurde geschlossen, bevor er antwortete.</translation>
    </message>
    <message>
        <source>Waiting for the network.</source>
        <translation>Es wird auf das Netzwerk gewartet.</translation>
    </message>
    <message>
        <source>The service could not be reached because of a network problem.</source>
        <translation>Der Dienst war wegen eines Netzwerkproblems nicht erreichbar.</translation>
    </message>
    <message numerus="yes">
        <source>The service stopped responding: no data moved for %n second(s).</source>
        <translation>
            <numerusform>Der Dienst antwortet nicht mehr: %n Sekunde lang wurden keine Daten übertragen.</numerusform>
            <numerusform>Der Dienst antwortet nicht mehr: %n Sekunden lang wurden keine Daten übertragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The service asked the console to slow down (HTTP 429).</source>
        <translation>Der Dienst hat die Konsole gebeten, weniger Anfragen zu senden (HTTP 429).</translation>
    </message>
    <message>
        <source>The console will try again later.</source>
        <translation>Die Konsole versucht es später erneut.</translation>
    </message>
    <message>
        <source>The service had a problem (HTTP %1).</source>
        <translation>Beim Dienst ist ein Problem aufgetreten (HTTP %1).</translation>
    </message>
    <message>
        <source>This computer appears to be offline.</source>
        <translation>Dieser Computer scheint offline zu sein.</translation>
    </message>
    <message numerus="yes">
        <source>The service&apos;s answer did not arrive in full within %n second(s).</source>
        <translation>
            <numerusform>Die Antwort des Dienstes ist nicht innerhalb von %n Sekunde vollständig angekommen.</numerusform>
            <numerusform>Die Antwort des Dienstes ist nicht innerhalb von %n Sekunden vollständig angekommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”</source>
        <extracomment>Quotation marks around a message the service wrote (in English) inside a sentence.</extracomment>
        <translation>„%1“</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Scripting interface of the Design Streaming partner console: create tokens, upload STL designs, follow prints, run the built-in sandbox service.</source>
        <translation>Skriptschnittstelle der Design Streaming Partner Console: Token erstellen, STL-Designs hochladen, Drucke verfolgen, den integrierten Sandbox-Dienst ausführen.</translation>
    </message>
    <message>
        <source>One of the commands below.</source>
        <translation>Einer der unten aufgeführten Befehle.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Run &quot;partner-console-cli COMMAND --help&quot; for a command&apos;s options.
Exit codes: 0 success, 1 service or network error, 2 usage error, 3 invalid input.</source>
        <translation>&quot;partner-console-cli COMMAND --help&quot; zeigt die Optionen eines Befehls.
Exit-Codes: 0 Erfolg, 1 Dienst-/Netzfehler, 2 Aufruffehler, 3 ungültige Eingabe.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>Kein Befehl angegeben.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Unbekannter Befehl &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Service base URL (http or https, any host and port), for example https://widget.sendshapes.com:3443/api3/. Needs an API key.</source>
        <translation>Basis-URL des Dienstes (http oder https, beliebiger Host und Port), zum Beispiel https://widget.sendshapes.com:3443/api3/. Erfordert einen API-Schlüssel.</translation>
    </message>
    <message>
        <source>sandbox (the built-in service on this machine) or production. Default: production when an API key is configured, else sandbox.</source>
        <translation>sandbox (der integrierte Dienst auf diesem Rechner) oder production. Standard: production, wenn ein API-Schlüssel eingerichtet ist, sonst sandbox.</translation>
    </message>
    <message>
        <source>Read the partner API key from this file (first line). Otherwise the PARTNER_CONSOLE_API_KEY environment variable is used. Never pass a key on the command line.</source>
        <translation>Den Partner-API-Schlüssel aus dieser Datei lesen (erste Zeile). Andernfalls wird die Umgebungsvariable PARTNER_CONSOLE_API_KEY verwendet. Übergeben Sie einen Schlüssel niemals auf der Befehlszeile.</translation>
    </message>
    <message>
        <source>Folder for the console&apos;s data. Otherwise PARTNER_CONSOLE_DATA_DIR, otherwise the standard application data folder.</source>
        <translation>Ordner für die Daten der Konsole. Andernfalls PARTNER_CONSOLE_DATA_DIR, sonst der Standard-Datenordner der Anwendung.</translation>
    </message>
    <message>
        <source>Abort a request when no data moved for this many seconds (default 60).</source>
        <translation>Eine Anfrage abbrechen, wenn so viele Sekunden lang keine Daten übertragen wurden (Standard: 60).</translation>
    </message>
    <message>
        <source>Print results as one JSON object per line; errors as JSON on stderr.</source>
        <translation>Ergebnisse als ein JSON-Objekt pro Zeile ausgeben; Fehler als JSON auf stderr.</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds from 1 to 86400.</source>
        <translation>--timeout erfordert eine Sekundenzahl von 1 bis 86400.</translation>
    </message>
    <message>
        <source>Unknown environment &quot;%1&quot;: use sandbox or production.</source>
        <translation>Unbekannte Umgebung &quot;%1&quot;: Verwenden Sie sandbox oder production.</translation>
    </message>
    <message>
        <source>The built-in sandbox could not start: %1</source>
        <translation>Die integrierte Sandbox konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>No API key for %1: put it in a file readable only by you and pass --api-key-file PATH, or set PARTNER_CONSOLE_API_KEY.</source>
        <translation>Kein API-Schlüssel für %1: Legen Sie ihn in einer nur für Sie lesbaren Datei ab und übergeben Sie --api-key-file PATH, oder setzen Sie PARTNER_CONSOLE_API_KEY.</translation>
    </message>
    <message>
        <source>config takes no arguments.</source>
        <translation>config erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>Write a shaded isometric thumbnail as PNG. With several files PATH is a folder and each thumbnail is named after its file.</source>
        <translation>Ein schattiertes isometrisches Vorschaubild als PNG schreiben. Bei mehreren Dateien ist PATH ein Ordner, und jedes Vorschaubild wird nach seiner Datei benannt.</translation>
    </message>
    <message>
        <source>Thumbnail width and height in pixels (default 256).</source>
        <translation>Breite und Höhe des Vorschaubilds in Pixeln (Standard: 256).</translation>
    </message>
    <message>
        <source>Only format, triangle count, size and a NaN check: no mesh topology (much faster on large files).</source>
        <translation>Nur Format, Anzahl der Dreiecke, Größe und eine NaN-Prüfung: keine Netztopologie (bei großen Dateien viel schneller).</translation>
    </message>
    <message>
        <source>Check STL files: format, triangles, size, area, volume and mesh problems.</source>
        <translation>STL prüfen: Format, Dreiecke, Größe, Fläche, Volumen, Netzfehler.</translation>
    </message>
    <message>
        <source>STL files or folders of STL files.</source>
        <translation>STL-Dateien oder Ordner mit STL-Dateien.</translation>
    </message>
    <message>
        <source>%1: not usable: %2</source>
        <translation>%1: nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>  area %1, volume %2, %3 vertices, %4 shell(s), %5</source>
        <translation>  Fläche %1, Volumen %2, %3 Eckpunkte, %4 Schale(n), %5</translation>
    </message>
    <message>
        <source>watertight</source>
        <translation>wasserdicht</translation>
    </message>
    <message>
        <source>not watertight</source>
        <translation>nicht wasserdicht</translation>
    </message>
    <message>
        <source>  warning: %1</source>
        <translation>  Warnung: %1</translation>
    </message>
    <message>
        <source>inspect needs at least one FILE or FOLDER.</source>
        <translation>inspect erfordert mindestens eine Datei oder einen Ordner (FILE|FOLDER).</translation>
    </message>
    <message>
        <source>--thumbnail-size needs a number of pixels from 16 to 4096.</source>
        <translation>--thumbnail-size erfordert eine Pixelzahl von 16 bis 4096.</translation>
    </message>
    <message>
        <source>--quick does not read the mesh, so it cannot draw a thumbnail.</source>
        <translation>--quick liest das Netz nicht und kann daher kein Vorschaubild zeichnen.</translation>
    </message>
    <message>
        <source>No STL files found in %1.</source>
        <translation>Keine STL-Dateien in %1 gefunden.</translation>
    </message>
    <message>
        <source>With several files --thumbnail names a folder; %1 cannot be created.</source>
        <translation>Bei mehreren Dateien gibt --thumbnail einen Ordner an; %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>  thumbnail: %1</source>
        <translation>  Vorschaubild: %1</translation>
    </message>
    <message>
        <source>The thumbnail %1 could not be written: %2</source>
        <translation>Das Vorschaubild %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Print CSV (one header line, then one line per order).</source>
        <translation>CSV ausgeben (eine Kopfzeile, dann eine Zeile pro Auftrag).</translation>
    </message>
    <message>
        <source>List the orders of this environment with their latest print status.</source>
        <translation>Aufträge dieser Umgebung mit aktuellem Druckstatus auflisten.</translation>
    </message>
    <message>
        <source>orders takes no arguments.</source>
        <translation>orders erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>Choose either --json or --csv.</source>
        <translation>Wählen Sie entweder --json oder --csv.</translation>
    </message>
    <message>
        <source>No orders yet in %1 for %2.</source>
        <translation>Noch keine Aufträge in %1 für %2.</translation>
    </message>
    <message>
        <source>next try at %1</source>
        <translation>nächster Versuch um %1</translation>
    </message>
    <message numerus="yes">
        <source>Uploading %n file(s): %1 of %2</source>
        <translation>
            <numerusform>%n Datei wird hochgeladen: %1 von %2</numerusform>
            <numerusform>%n Dateien werden hochgeladen: %1 von %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Show or work the upload queue: list, run, retry ID, cancel ID, remove ID.</source>
        <translation>Upload-Warteschlange: list, run, retry ID, cancel ID, remove ID.</translation>
    </message>
    <message>
        <source>list (default), run, retry, cancel or remove.</source>
        <translation>list (Standard), run, retry, cancel oder remove.</translation>
    </message>
    <message>
        <source>Unknown queue action &quot;%1&quot;.</source>
        <translation>Unbekannte Warteschlangenaktion &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>queue %1 needs exactly one item ID.</source>
        <translation>queue %1 erfordert genau eine Eintrags-ID.</translation>
    </message>
    <message>
        <source>queue %1 takes no further arguments.</source>
        <translation>queue %1 erwartet keine weiteren Argumente.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an item ID (see queue list).</source>
        <translation>&quot;%1&quot; ist keine Eintrags-ID (siehe queue list).</translation>
    </message>
    <message>
        <source>The queue is empty.</source>
        <translation>Die Warteschlange ist leer.</translation>
    </message>
    <message>
        <source>There is no queue item %1 here (see queue list).</source>
        <translation>Hier gibt es keinen Warteschlangeneintrag %1 (siehe queue list).</translation>
    </message>
    <message>
        <source>Queue item %1 cannot be %2 in its state.</source>
        <translation>Warteschlangeneintrag %1 kann in seinem Zustand nicht %2 werden.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>Queue item %1: %2</source>
        <translation>Warteschlangeneintrag %1: %2</translation>
    </message>
    <message>
        <source>Queue item %1 is not failed, cancelled or waiting for attention.</source>
        <translation>Warteschlangeneintrag %1 ist weder fehlgeschlagen noch abgebrochen und wartet auch nicht auf einen Eingriff.</translation>
    </message>
    <message>
        <source>Port on 127.0.0.1 (default: a free one).</source>
        <translation>Port auf 127.0.0.1 (Standard: ein freier Port).</translation>
    </message>
    <message>
        <source>Time compression of the print simulation (60 = a minute per second). Default 1.</source>
        <translation>Zeitraffer der Drucksimulation (60 = eine Minute pro Sekunde). Standard: 1.</translation>
    </message>
    <message>
        <source>Start printing by itself this many seconds after each upload.</source>
        <translation>So viele Sekunden nach jedem Upload selbsttätig mit dem Drucken beginnen.</translation>
    </message>
    <message>
        <source>random (default), success or failure for every print.</source>
        <translation>random (Standard), success oder failure für jeden Druck.</translation>
    </message>
    <message>
        <source>Inject faults; repeatable. SPEC is name=value items, for example &quot;http5xx=0.2,status=502&quot; or &quot;drop-upload=1,at=0.5,budget=1&quot;.</source>
        <translation>Fehler einschleusen; wiederholbar. SPEC besteht aus name=value-Einträgen, zum Beispiel &quot;http5xx=0.2,status=502&quot; oder &quot;drop-upload=1,at=0.5,budget=1&quot;.</translation>
    </message>
    <message>
        <source>Run the built-in sandbox service on loopback until interrupted.</source>
        <translation>Integrierten Sandbox-Dienst auf Loopback bis zum Abbruch starten.</translation>
    </message>
    <message>
        <source>sandbox takes no arguments.</source>
        <translation>sandbox erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535.</source>
        <translation>--port erfordert eine Zahl von 0 bis 65535.</translation>
    </message>
    <message>
        <source>--speed needs a number above 0 (at most 100000).</source>
        <translation>--speed erfordert eine Zahl größer als 0 (höchstens 100000).</translation>
    </message>
    <message>
        <source>--auto-print needs a number of seconds (0 or more).</source>
        <translation>--auto-print erfordert eine Sekundenzahl (0 oder mehr).</translation>
    </message>
    <message>
        <source>--outcome must be random, success or failure.</source>
        <translation>--outcome muss random, success oder failure sein.</translation>
    </message>
    <message>
        <source>Invalid --fault: %1</source>
        <translation>Ungültige Angabe für --fault: %1</translation>
    </message>
    <message>
        <source>The sandbox could not listen on 127.0.0.1:%1: %2</source>
        <translation>Die Sandbox konnte nicht auf 127.0.0.1:%1 lauschen: %2</translation>
    </message>
    <message>
        <source>Sandbox listening on %1 with API key %2</source>
        <translation>Sandbox lauscht auf %1 mit API-Schlüssel %2</translation>
    </message>
    <message>
        <source>token created: %1</source>
        <translation>Token erstellt: %1</translation>
    </message>
    <message>
        <source>file uploaded: %1 (%2 bytes) for %3</source>
        <translation>Datei hochgeladen: %1 (%2 Bytes) für %3</translation>
    </message>
    <message>
        <source>print started: %1</source>
        <translation>Druck gestartet: %1</translation>
    </message>
    <message>
        <source>fault injected: %1</source>
        <translation>Fehler eingeschleust: %1</translation>
    </message>
    <message>
        <source>Sandbox stopped.</source>
        <translation>Sandbox beendet.</translation>
    </message>
    <message>
        <source>Show how the print of one token is going (api_get_partner_print_status).</source>
        <translation>Druckstatus eines Tokens anzeigen (api_get_partner_print_status).</translation>
    </message>
    <message>
        <source>The transaction token.</source>
        <translation>Das Transaktions-Token.</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>minutes left</source>
        <translation>Restminuten</translation>
    </message>
    <message>
        <source>print time</source>
        <translation>Druckzeit</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>status needs exactly one TOKEN.</source>
        <translation>status erfordert genau ein TOKEN.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a token: tokens are 32 hexadecimal digits.</source>
        <translation>&quot;%1&quot; ist kein Token: Token bestehen aus 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>Create a transaction token (api_create_partner_token).</source>
        <translation>Transaktions-Token erstellen (api_create_partner_token).</translation>
    </message>
    <message>
        <source>token takes no arguments.</source>
        <translation>token erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>Datei oder Ordner nicht vorhanden</translation>
    </message>
    <message>
        <source>not an .stl file</source>
        <translation>keine .stl-Datei</translation>
    </message>
    <message>
        <source>%1: uploaded, token %2, link %3</source>
        <translation>%1: hochgeladen, Token %2, Link %3</translation>
    </message>
    <message>
        <source>stopped in state %1</source>
        <translation>im Zustand %1 angehalten</translation>
    </message>
    <message>
        <source>%1: not uploaded: %2</source>
        <translation>%1: nicht hochgeladen: %2</translation>
    </message>
    <message>
        <source>The customer&apos;s e-mail address (receiver_email).</source>
        <translation>E-Mail-Adresse des Kunden (receiver_email).</translation>
    </message>
    <message>
        <source>The price of the design, e.g. 12.50 (print_value).</source>
        <translation>Preis des Designs, z. B. 12.50 (print_value).</translation>
    </message>
    <message>
        <source>ISO 4217 currency code (default USD).</source>
        <translation>Währungscode nach ISO 4217 (Standard: USD).</translation>
    </message>
    <message>
        <source>Your own order or job reference (partner_job_id).</source>
        <translation>Ihre eigene Auftrags- oder Job-Referenz (partner_job_id).</translation>
    </message>
    <message>
        <source>Uploads at the same time (default 2).</source>
        <translation>Gleichzeitige Uploads (Standard: 2).</translation>
    </message>
    <message>
        <source>Upload STL files: one transaction (token + upload) per file, resumable.</source>
        <translation>STL-Dateien hochladen (je Datei Token + Upload), fortsetzbar.</translation>
    </message>
    <message>
        <source>upload needs at least one FILE or FOLDER.</source>
        <translation>upload erfordert mindestens eine Datei oder einen Ordner (FILE|FOLDER).</translation>
    </message>
    <message>
        <source>upload needs --email and --value.</source>
        <translation>upload erfordert --email und --value.</translation>
    </message>
    <message>
        <source>--parallel needs a number from 1 to 16.</source>
        <translation>--parallel erfordert eine Zahl von 1 bis 16.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>%1: skipped (%2)</source>
        <translation>%1: übersprungen (%2)</translation>
    </message>
    <message>
        <source>Warning: %1 was already sent to this receiver: %2</source>
        <translation>Warnung: %1 wurde bereits an diesen Empfänger gesendet: %2</translation>
    </message>
    <message numerus="yes">
        <source>Resuming %n unfinished upload(s) of an earlier run.</source>
        <translation>
            <numerusform>%n nicht abgeschlossener Upload eines früheren Laufs wird fortgesetzt.</numerusform>
            <numerusform>%n nicht abgeschlossene Uploads eines früheren Laufs werden fortgesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>noch %1 Min.</translation>
    </message>
    <message>
        <source>Stop after this many seconds (default: once every order is final).</source>
        <translation>Nach so vielen Sekunden beenden (Standard: sobald jeder Auftrag abgeschlossen ist).</translation>
    </message>
    <message>
        <source>Follow the print status of every open order and print each change.</source>
        <translation>Druckstatus offener Aufträge verfolgen und jede Änderung ausgeben.</translation>
    </message>
    <message>
        <source>watch takes no arguments.</source>
        <translation>watch erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>--for needs a number of seconds (1 or more).</source>
        <translation>--for erfordert eine Sekundenzahl (1 oder mehr).</translation>
    </message>
    <message>
        <source>Cannot reach the service (%1); trying again later.</source>
        <translation>Der Dienst ist nicht erreichbar (%1); später wird es erneut versucht.</translation>
    </message>
    <message>
        <source>The service answers again.</source>
        <translation>Der Dienst antwortet wieder.</translation>
    </message>
    <message>
        <source>Every order is final: nothing to watch.</source>
        <translation>Alle Aufträge sind abgeschlossen: Es gibt nichts zu beobachten.</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n open order(s); Ctrl+C stops.</source>
        <translation>
            <numerusform>%n offener Auftrag wird beobachtet; Ctrl+C beendet.</numerusform>
            <numerusform>%n offene Aufträge werden beobachtet; Ctrl+C beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sandbox listening on %1 with the API key in %2</source>
        <translation>Sandbox lauscht auf %1 mit dem API-Schlüssel aus %2</translation>
    </message>
    <message>
        <source>The team database in the console&apos;s Settings is not usable: %1 Correct it in Settings, or name the database with --database.</source>
        <translation>Die Team-Datenbank in den Einstellungen der Konsole ist nicht verwendbar: %1 Korrigieren Sie sie in den Einstellungen oder geben Sie die Datenbank mit --database an.</translation>
    </message>
    <message>
        <source>Show the environment, service URL, API key source, data folder and order store in effect.</source>
        <translation>Zeigt die verwendete Umgebung, Dienst-URL, Herkunft des API-Schlüssels, den Datenordner und den Auftragsspeicher.</translation>
    </message>
    <message>
        <source>Where the orders are kept: a folder (the SQLite file, the default) or, in team mode, postgresql://USER@HOST[:PORT]/DATABASE. Otherwise PARTNER_CONSOLE_DATABASE, otherwise the console&apos;s Settings. Never put the password in the URL.</source>
        <translation>Wo die Aufträge liegen: ein Ordner (die SQLite-Datei, Standard) oder im Team-Modus postgresql://BENUTZER@HOST[:PORT]/DATENBANK. Sonst PARTNER_CONSOLE_DATABASE, sonst die Einstellungen der Konsole. Das Passwort gehört nie in die URL.</translation>
    </message>
    <message>
        <source>Read the PostgreSQL password from this file (first line). Otherwise PARTNER_CONSOLE_DATABASE_PASSWORD, otherwise the password kept by the console&apos;s Settings, otherwise ~/.pgpass.</source>
        <translation>Das PostgreSQL-Passwort aus dieser Datei lesen (erste Zeile). Sonst PARTNER_CONSOLE_DATABASE_PASSWORD, sonst das in den Einstellungen der Konsole gespeicherte Passwort, sonst ~/.pgpass.</translation>
    </message>
    <message>
        <source>The API key file was not used: %1</source>
        <translation>Die API-Schlüsseldatei wurde nicht verwendet: %1</translation>
    </message>
    <message>
        <source>The database password file was not used: %1</source>
        <translation>Die Passwortdatei der Datenbank wurde nicht verwendet: %1</translation>
    </message>
    <message>
        <source>its name is not valid UTF-8, so it cannot be opened; rename it, for example with: convmv -f latin1 -t utf-8 --notest FILE</source>
        <translation>der Name ist kein gültiges UTF-8, daher kann die Datei nicht geöffnet werden; benennen Sie sie um, zum Beispiel mit: convmv -f latin1 -t utf-8 --notest DATEI</translation>
    </message>
    <message>
        <source>a link to %1, which does not exist</source>
        <translation>eine Verknüpfung auf %1, das nicht existiert</translation>
    </message>
    <message>
        <source>not a regular file (a named pipe, device or socket)</source>
        <translation>keine reguläre Datei (eine Named Pipe, ein Gerät oder ein Socket)</translation>
    </message>
    <message>
        <source>The service may have created a token that never reached this computer; it is not used.</source>
        <translation>Der Dienst hat möglicherweise ein Token erstellt, das diesen Computer nie erreicht hat; es wird nicht verwendet.</translation>
    </message>
    <message>
        <source>Nothing was tried again: run the command again later.</source>
        <translation>Es wurde nichts wiederholt: Führen Sie den Befehl später erneut aus.</translation>
    </message>
    <message>
        <source>(links reconstructed)</source>
        <translation>(Links rekonstruiert)</translation>
    </message>
    <message>
        <source>remove: also remove an item that holds a token; the token and its customer are kept as an order.</source>
        <translation>remove: auch einen Eintrag entfernen, der ein Token hat; das Token und sein Kunde bleiben als Auftrag erhalten.</translation>
    </message>
    <message>
        <source>--force only goes with queue remove.</source>
        <translation>--force gibt es nur zu queue remove.</translation>
    </message>
    <message>
        <source>Queue item %1 holds token %2, which no order records yet: its file may be at the service for %3. Nothing was removed. To remove it anyway, run queue remove %1 --force: the token and its customer are then kept as an order (links built from the token page address).</source>
        <translation>Warteschlangeneintrag %1 hat das Token %2, das noch kein Auftrag festhält: Seine Datei kann für %3 beim Dienst liegen. Es wurde nichts entfernt. Um ihn trotzdem zu entfernen, führen Sie queue remove %1 --force aus: Das Token und sein Kunde bleiben dann als Auftrag erhalten (Links aus der Adresse der Token-Seite gebildet).</translation>
    </message>
    <message>
        <source>Queue item %1: removed; its token %2 is kept as order %3 (link %4, built from the token page address), which watch follows.</source>
        <translation>Warteschlangeneintrag %1: entfernt; sein Token %2 bleibt als Auftrag %3 erhalten (Link %4, aus der Adresse der Token-Seite gebildet), den watch verfolgt.</translation>
    </message>
    <message>
        <source>%1: at the service (the answer of an earlier attempt was lost), token %2, link %3 (built from the token page address)</source>
        <translation>%1: beim Dienst (die Antwort eines früheren Versuchs ging verloren), Token %2, Link %3 (aus der Adresse der Token-Seite gebildet)</translation>
    </message>
    <message>
        <source>%1: uploaded, token %2, link %3, but not recorded: %4</source>
        <translation>%1: hochgeladen, Token %2, Link %3, aber nicht gespeichert: %4</translation>
    </message>
    <message>
        <source>Stop after this many seconds in all, whatever is still running (exit code 5). Unfinished uploads stay in the queue; &quot;queue run&quot; goes on with them.</source>
        <translation>Nach so vielen Sekunden insgesamt aufhören, was auch noch läuft (Exit-Code 5). Nicht beendete Uploads bleiben in der Warteschlange; „queue run“ setzt sie fort.</translation>
    </message>
    <message>
        <source>--max-time needs a number of seconds from 1 to 604800 (a week).</source>
        <translation>--max-time braucht eine Anzahl Sekunden von 1 bis 604800 (eine Woche).</translation>
    </message>
    <message>
        <source>Stopped after --max-time %1 s. Uploads that had not finished stay in the queue with their tokens: &quot;partner-console-cli queue run&quot; goes on with them.</source>
        <translation>Nach --max-time %1 s beendet. Nicht beendete Uploads bleiben mit ihren Tokens in der Warteschlange: „partner-console-cli queue run“ setzt sie fort.</translation>
    </message>
    <message>
        <source>No answer before --max-time ran out.</source>
        <translation>Keine Antwort, bevor --max-time abgelaufen war.</translation>
    </message>
    <message>
        <source>Using the built-in sandbox at %1 (no partner key configured). Its tokens and prints are kept in %2 for the next command and the window.</source>
        <translation>Die eingebaute Sandbox unter %1 wird verwendet (kein Partnerschlüssel eingerichtet). Ihre Tokens und Drucke werden in %2 für den nächsten Befehl und das Fenster aufbewahrt.</translation>
    </message>
    <message numerus="yes">
        <source>%n token call(s) got no answer, so the service may hold as many unused tokens that no order records (the latest %1, for %2). No file was sent for them.</source>
        <translation>
            <numerusform>%n Token-Aufruf blieb ohne Antwort, daher hält der Dienst womöglich ein ungenutztes Token, das kein Auftrag verzeichnet (zuletzt %1, für %2). Dafür wurde keine Datei gesendet.</numerusform>
            <numerusform>%n Token-Aufrufe blieben ohne Antwort, daher hält der Dienst womöglich ebenso viele ungenutzte Tokens, die kein Auftrag verzeichnet (zuletzt %1, für %2). Dafür wurde keine Datei gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop; uploaded files are deleted on exit.</source>
        <translation>Mit Strg+C beenden; hochgeladene Dateien werden beim Beenden gelöscht.</translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop; tokens and uploaded files are kept in %1 for the next run.</source>
        <translation>Mit Strg+C beenden; Tokens und hochgeladene Dateien bleiben in %1 für den nächsten Lauf erhalten.</translation>
    </message>
    <message>
        <source>Use it with: partner-console-cli --base-url %1 --api-key-file %2 token</source>
        <translation>Verwendung: partner-console-cli --base-url %1 --api-key-file %2 token</translation>
    </message>
    <message>
        <source>Use it with: PARTNER_CONSOLE_API_KEY=%1 partner-console-cli --base-url %2 token</source>
        <translation>Verwendung: PARTNER_CONSOLE_API_KEY=%1 partner-console-cli --base-url %2 token</translation>
    </message>
    <message>
        <source>Send a price of 0, or one over 100,000 (10,000,000 in a currency without decimals, like JPY): it is meant.</source>
        <translation>Einen Preis von 0 oder über 100.000 (10.000.000 in einer Währung ohne Nachkommastellen wie JPY) senden: Er ist so gemeint.</translation>
    </message>
    <message>
        <source>%1 Nothing was sent. If the price is right, run the command again with --confirm-price.</source>
        <translation>%1 Es wurde nichts gesendet. Wenn der Preis stimmt, führen Sie den Befehl mit --confirm-price erneut aus.</translation>
    </message>
    <message>
        <source>Warning: %1 is queued twice for this receiver (also as %2, not sent yet); both are sent.</source>
        <translation>Warnung: %1 steht zweimal für diesen Empfänger in der Warteschlange (auch als %2, noch nicht gesendet); beide werden gesendet.</translation>
    </message>
    <message>
        <source>%1  %2: the service&apos;s answer was not a usable status (%3); asking again later.</source>
        <translation>%1  %2: Die Antwort des Dienstes war kein verwertbarer Status (%3); später wird erneut gefragt.</translation>
    </message>
    <message>
        <source>Stopped after --max-time %1 s.</source>
        <translation>Nach --max-time %1 s beendet.</translation>
    </message>
    <message>
        <source>%1  %2: the service refused to say how this token&apos;s print is going (%3); it is asked again now and then.</source>
        <translation>%1  %2: Der Dienst hat die Auskunft über den Druck dieses Tokens verweigert (%3); er wird ab und zu erneut gefragt.</translation>
    </message>
    <message>
        <source>PARTNER_CONSOLE_API_KEY holds a control character (a NUL, an escape or a carriage return, for example) at character %1, so it was not used: a key is plain printable text. Set the variable again to the key alone.</source>
        <translation>PARTNER_CONSOLE_API_KEY enthält an Zeichen %1 ein Steuerzeichen (zum Beispiel ein NUL, ein Escape oder einen Wagenrücklauf) und wurde daher nicht verwendet: Ein Schlüssel ist reiner druckbarer Text. Setzen Sie die Variable erneut, nur auf den Schlüssel.</translation>
    </message>
    <message>
        <source>%1: %2 STL, %3 triangles, %4</source>
        <translation>%1: STL (%2), %3 Dreiecke, %4</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5  %6</source>
        <translation>%1  %2  %3  %4  %5  %6</translation>
    </message>
</context>
<context>
    <name>ConsoleSettings</name>
    <message>
        <source>The service URL is not usable: %1</source>
        <translation>Die Dienst-URL ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>%1 is not an ISO 4217 currency code.</source>
        <translation>%1 ist kein Währungscode nach ISO 4217.</translation>
    </message>
    <message>
        <source>The service must not be asked about one order more often than every %1 seconds.</source>
        <translation>Der Dienst darf zu einem Auftrag höchstens alle %1 Sekunden abgefragt werden.</translation>
    </message>
    <message>
        <source>Parallel uploads must be between 1 and %1.</source>
        <translation>Die Zahl paralleler Uploads muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <source>Enter the address of a PostgreSQL database, for example postgresql://shop@db.example.com/partner_console.</source>
        <translation>Geben Sie die Adresse einer PostgreSQL-Datenbank ein, zum Beispiel postgresql://shop@db.example.com/partner_console.</translation>
    </message>
    <message>
        <source>The team database address is not usable: %1</source>
        <translation>Die Adresse der Team-Datenbank ist nicht verwendbar: %1</translation>
    </message>
</context>
<context>
    <name>CurrencyList</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>A currency in a currency list: %1 is the ISO code, %2 its name</extracomment>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>CustomerLinkMessage</name>
    <message>
        <source>Your print link for %1</source>
        <extracomment>The subject of the mail that sends the print link; %1 names the design</extracomment>
        <translation>Ihr Drucklink für %1</translation>
    </message>
    <message>
        <source>Hello,</source>
        <translation>Guten Tag,</translation>
    </message>
    <message>
        <source>your design %1 is ready to print.</source>
        <translation>Ihr Design %1 ist bereit zum Drucken.</translation>
    </message>
    <message>
        <source>Open this link and press Print on the page:</source>
        <translation>Öffnen Sie diesen Link und drücken Sie auf der Seite auf Drucken:</translation>
    </message>
    <message>
        <source>The link is yours alone; please do not pass it on.</source>
        <translation>Der Link gehört nur Ihnen; bitte geben Sie ihn nicht weiter.</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>An: %1</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <extracomment>How the customer&apos;s message names the design: %1 the file name, %2 the job id</extracomment>
        <translation>%1 (Auftrag %2)</translation>
    </message>
    <message>
        <source>Your print of %1 is under way</source>
        <extracomment>The subject of the mail about a print under way; %1 names the design</extracomment>
        <translation>Ihr Druck von %1 läuft</translation>
    </message>
    <message>
        <source>Your print of %1 is finished</source>
        <extracomment>The subject of the mail about a finished print; %1 names the design</extracomment>
        <translation>Ihr Druck von %1 ist fertig</translation>
    </message>
    <message>
        <source>Your print of %1 did not succeed</source>
        <extracomment>The subject of the mail about a failed print; %1 names the design</extracomment>
        <translation>Ihr Druck von %1 ist nicht gelungen</translation>
    </message>
    <message>
        <source>your design %1 is being printed now.</source>
        <translation>Ihr Design %1 wird gerade gedruckt.</translation>
    </message>
    <message>
        <source>You can follow the print on its page:</source>
        <translation>Den Druck können Sie auf seiner Seite verfolgen:</translation>
    </message>
    <message>
        <source>your design %1 has been printed.</source>
        <translation>Ihr Design %1 wurde gedruckt.</translation>
    </message>
    <message>
        <source>The print&apos;s page, for your records:</source>
        <translation>Die Seite des Drucks, für Ihre Unterlagen:</translation>
    </message>
    <message>
        <source>the print of your design %1 did not succeed.</source>
        <translation>der Druck Ihres Designs %1 ist nicht gelungen.</translation>
    </message>
    <message>
        <source>Please reply to this message so that we can help. The print&apos;s page:</source>
        <translation>Bitte antworten Sie auf diese Nachricht, damit wir helfen können. Die Seite des Drucks:</translation>
    </message>
    <message>
        <source>the print link for your design %1 is no longer active.</source>
        <translation>der Drucklink für Ihr Design %1 ist nicht mehr aktiv.</translation>
    </message>
    <message>
        <source>Please reply to this message if you still need it. The link was:</source>
        <translation>Bitte antworten Sie auf diese Nachricht, falls Sie ihn noch brauchen. Der Link war:</translation>
    </message>
    <message>
        <source>here is the link to your design %1:</source>
        <translation>hier ist der Link zu Ihrem Design %1:</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>%1 × %2 × %3 mm</source>
        <extracomment>The bounding box of a design in millimetres: width x depth x height</extracomment>
        <translation>%1 × %2 × %3 mm</translation>
    </message>
</context>
<context>
    <name>EnvironmentInfo</name>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Custom service</source>
        <translation>Eigener Dienst</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <extracomment>%1 is the environment (Sandbox, Production...), %2 its address</extracomment>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <source>You asked for the Design Streaming service at %1, but no API key is set, so the console runs on the built-in sandbox instead. To connect your partner account, start the console with your API key in the PARTNER_CONSOLE_API_KEY environment variable.</source>
        <extracomment>%1 is the requested environment&apos;s address</extracomment>
        <translation>Sie haben den Dienst Design Streaming unter %1 angefordert, aber es ist kein API-Schlüssel gesetzt; daher läuft die Konsole stattdessen mit der eingebauten Sandbox. Um Ihr Partnerkonto zu verbinden, starten Sie die Konsole mit Ihrem API-Schlüssel in der Umgebungsvariable PARTNER_CONSOLE_API_KEY.</translation>
    </message>
</context>
<context>
    <name>FileFingerprint</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled.</source>
        <translation>Das Lesen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 changed while it was being read.</source>
        <translation>%1 wurde während des Lesens geändert.</translation>
    </message>
    <message>
        <source>The file %1 was moved or deleted after it was queued.</source>
        <translation>Die Datei %1 wurde verschoben oder gelöscht, nachdem sie in die Warteschlange gestellt wurde.</translation>
    </message>
    <message>
        <source>The file %1 changed after it was queued (its size is now %2 bytes, was %3). Check it and validate it again.</source>
        <translation>Die Datei %1 wurde geändert, nachdem sie in die Warteschlange gestellt wurde (Größe jetzt %2 Bytes, vorher %3). Kontrollieren Sie die Datei und lassen Sie sie erneut prüfen.</translation>
    </message>
    <message>
        <source>The content of %1 changed after it was queued. Check it and validate it again.</source>
        <translation>Der Inhalt von %1 wurde geändert, nachdem die Datei in die Warteschlange gestellt wurde. Kontrollieren Sie die Datei und lassen Sie sie erneut prüfen.</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <source>Enter an address like name@example.com.</source>
        <translation>Geben Sie eine Adresse wie name@example.com ein.</translation>
    </message>
    <message>
        <source>The domain of the receiver e-mail is longer than %1 characters. Check the address.</source>
        <translation>Die Domain der Empfänger-E-Mail ist länger als %1 Zeichen. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The domain “%1” of the receiver e-mail has no dot. Enter the full domain, like example.com.</source>
        <translation>Die Domain „%1“ der Empfänger-E-Mail enthält keinen Punkt. Geben Sie die vollständige Domain ein, z. B. example.com.</translation>
    </message>
    <message>
        <source>The domain “%1” of the receiver e-mail has an empty part (two dots in a row, or a dot at the start or end). Check the address.</source>
        <translation>Die Domain „%1“ der Empfänger-E-Mail hat einen leeren Teil (zwei Punkte hintereinander oder ein Punkt am Anfang oder Ende). Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>A part of the domain “%1” of the receiver e-mail is longer than 63 characters. Check the address.</source>
        <translation>Ein Teil der Domain „%1“ der Empfänger-E-Mail ist länger als 63 Zeichen. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The domain “%1” of the receiver e-mail contains “%2”; only letters, digits, hyphens and dots are allowed. Check the address.</source>
        <translation>Die Domain „%1“ der Empfänger-E-Mail enthält „%2“; erlaubt sind nur Buchstaben, Ziffern, Bindestriche und Punkte. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>A part of the domain “%1” of the receiver e-mail starts or ends with a hyphen. Check the address.</source>
        <translation>Ein Teil der Domain „%1“ der Empfänger-E-Mail beginnt oder endet mit einem Bindestrich. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The domain “%1” of the receiver e-mail does not end in a valid top-level domain (like .com or .de). Check the address.</source>
        <translation>Die Domain „%1“ der Empfänger-E-Mail endet nicht auf eine gültige Top-Level-Domain (wie .com oder .de). Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The receiver e-mail is empty. %1</source>
        <translation>Die Empfänger-E-Mail ist leer. %1</translation>
    </message>
    <message>
        <source>The receiver e-mail has no @. %1</source>
        <translation>Die Empfänger-E-Mail enthält kein @. %1</translation>
    </message>
    <message>
        <source>The receiver e-mail has more than one @. %1</source>
        <translation>Die Empfänger-E-Mail enthält mehr als ein @. %1</translation>
    </message>
    <message>
        <source>The receiver e-mail has nothing before the @. %1</source>
        <translation>In der Empfänger-E-Mail steht nichts vor dem @. %1</translation>
    </message>
    <message>
        <source>The receiver e-mail has nothing after the @. %1</source>
        <translation>In der Empfänger-E-Mail steht nichts nach dem @. %1</translation>
    </message>
    <message>
        <source>The part before the @ of the receiver e-mail contains “%1”, which is not allowed there. Use letters, digits and . + - _ only.</source>
        <translation>Der Teil vor dem @ der Empfänger-E-Mail enthält „%1“, das dort nicht erlaubt ist. Verwenden Sie nur Buchstaben, Ziffern und die Zeichen . + - _.</translation>
    </message>
    <message>
        <source>The part before the @ of the receiver e-mail starts or ends with a dot, or has two dots in a row. Check the address.</source>
        <translation>Der Teil vor dem @ der Empfänger-E-Mail beginnt oder endet mit einem Punkt oder enthält zwei Punkte hintereinander. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The part before the @ of the receiver e-mail is longer than %1 characters. Check the address.</source>
        <translation>Der Teil vor dem @ der Empfänger-E-Mail ist länger als %1 Zeichen. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The domain “%1” of the receiver e-mail is not a valid international domain name. Check the address.</source>
        <translation>Die Domain „%1“ der Empfänger-E-Mail ist kein gültiger internationaler Domainname. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The receiver e-mail is longer than %1 characters. Check the address.</source>
        <translation>Die Empfänger-E-Mail ist länger als %1 Zeichen. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Use a number like 12.50.</source>
        <translation>Verwenden Sie eine Zahl wie 12.50.</translation>
    </message>
    <message>
        <source>“%1” is not an ISO 4217 currency code. Use a three-letter code like USD, EUR or GBP.</source>
        <translation>„%1“ ist kein Währungscode nach ISO 4217. Verwenden Sie einen Code aus drei Buchstaben wie USD, EUR oder GBP.</translation>
    </message>
    <message>
        <source>The price is empty. %1</source>
        <translation>Der Preis ist leer. %1</translation>
    </message>
    <message>
        <source>The price “%1” is not a number. %2</source>
        <translation>Der Preis „%1“ ist keine Zahl. %2</translation>
    </message>
    <message>
        <source>The price “%1” uses an exponent. Write the number in full, like 1500 instead of 1.5e3.</source>
        <translation>Der Preis „%1“ verwendet einen Exponenten. Schreiben Sie die Zahl aus, z. B. 1500 statt 1.5e3.</translation>
    </message>
    <message>
        <source>The price “%1” is ambiguous here: it could be a whole number or have decimals. Write it as %2 for the whole number or %3 for the decimals.</source>
        <translation>Der Preis „%1“ ist hier mehrdeutig: Er könnte eine ganze Zahl sein oder Nachkommastellen haben. Schreiben Sie %2 für die ganze Zahl oder %3 für die Nachkommastellen.</translation>
    </message>
    <message>
        <source>The price “%1” has more than one “%2”. %3</source>
        <translation>Der Preis „%1“ enthält mehr als ein „%2“. %3</translation>
    </message>
    <message>
        <source>The price “%1” has a comma that is neither a decimal separator nor a thousands separator. %2</source>
        <translation>Der Preis „%1“ enthält ein Komma, das weder Dezimal- noch Tausendertrennzeichen ist. %2</translation>
    </message>
    <message>
        <source>The price “%1” has a thousands separator after the decimal separator. %2</source>
        <translation>Der Preis „%1“ enthält ein Tausendertrennzeichen nach dem Dezimaltrennzeichen. %2</translation>
    </message>
    <message>
        <source>The price “%1” has no digits before the decimal separator. Write it like 0.50.</source>
        <translation>Der Preis „%1“ hat keine Ziffern vor dem Dezimaltrennzeichen. Schreiben Sie ihn z. B. als 0.50.</translation>
    </message>
    <message>
        <source>The price “%1” mixes different thousands separators. %2</source>
        <translation>Der Preis „%1“ mischt verschiedene Tausendertrennzeichen. %2</translation>
    </message>
    <message>
        <source>The price “%1” has %2 decimals; at most %3 are allowed. Round it, like 12.50.</source>
        <translation>Der Preis „%1“ hat %2 Nachkommastellen; erlaubt sind höchstens %3. Runden Sie ihn, z. B. auf 12.50.</translation>
    </message>
    <message>
        <source>The price “%1” is too large. Check the amount.</source>
        <translation>Der Preis „%1“ ist zu groß. Prüfen Sie den Betrag.</translation>
    </message>
    <message>
        <source>%1 is normally used without decimals, but the price %2 has some. Check the amount.</source>
        <translation>%1 wird normalerweise ohne Nachkommastellen verwendet, aber der Preis %2 hat welche. Prüfen Sie den Betrag.</translation>
    </message>
    <message>
        <source>%1 normally has %2 decimals, but the price %3 has more. Check the amount.</source>
        <translation>%1 hat normalerweise %2 Nachkommastellen, aber der Preis %3 hat mehr. Prüfen Sie den Betrag.</translation>
    </message>
    <message>
        <source>The partner job id contains a control character (such as a line break or tab). Remove it.</source>
        <translation>Die Partner-Job-ID enthält ein Steuerzeichen (z. B. einen Zeilenumbruch oder Tabulator). Entfernen Sie es.</translation>
    </message>
    <message>
        <source>The partner job id has %1 characters; at most %2 are allowed. Shorten it.</source>
        <translation>Die Partner-Job-ID hat %1 Zeichen; erlaubt sind höchstens %2. Kürzen Sie sie.</translation>
    </message>
    <message>
        <source>The receiver e-mail contains a space. Remove it. %1</source>
        <translation>Die Empfänger-E-Mail enthält ein Leerzeichen. Entfernen Sie es. %1</translation>
    </message>
    <message>
        <source>The domain of the receiver e-mail contains a space or an invisible character. Remove it. %1</source>
        <translation>Die Domain der Empfänger-E-Mail enthält ein Leerzeichen oder ein unsichtbares Zeichen. Entfernen Sie es. %1</translation>
    </message>
    <message>
        <source>The price cannot be negative. Enter 0 or more. %1</source>
        <translation>Der Preis darf nicht negativ sein. Geben Sie 0 oder mehr ein. %1</translation>
    </message>
    <message>
        <source>The price “%1” contains a space. Write it without thousands separators. %2</source>
        <translation>Der Preis „%1“ enthält ein Leerzeichen. Schreiben Sie ihn ohne Tausendertrennzeichen. %2</translation>
    </message>
    <message>
        <source>The price “%1” contains an apostrophe. Write it without thousands separators. %2</source>
        <translation>Der Preis „%1“ enthält einen Apostroph. Schreiben Sie ihn ohne Tausendertrennzeichen. %2</translation>
    </message>
    <message>
        <source>The price “%1” contains “%2”, which is not part of a number. Enter digits only, without a currency sign. %3</source>
        <translation>Der Preis „%1“ enthält „%2“, das nicht zu einer Zahl gehört. Geben Sie nur Ziffern ein, ohne Währungszeichen. %3</translation>
    </message>
    <message>
        <source>The price “%1” mixes “.” and “,” in a way that does not match the number format of %2. Write it without thousands separators. %3</source>
        <translation>Der Preis „%1“ mischt „.“ und „,“ auf eine Weise, die nicht zum Zahlenformat von %2 passt. Schreiben Sie ihn ohne Tausendertrennzeichen. %3</translation>
    </message>
    <message>
        <source>The price “%1” ends with a decimal separator. Add the decimals or remove it. %2</source>
        <translation>Der Preis „%1“ endet mit einem Dezimaltrennzeichen. Ergänzen Sie die Nachkommastellen oder entfernen Sie es. %2</translation>
    </message>
    <message>
        <source>The thousands separators in the price “%1” are misplaced. Write the number without them. %2</source>
        <translation>Die Tausendertrennzeichen im Preis „%1“ stehen an der falschen Stelle. Schreiben Sie die Zahl ohne sie. %2</translation>
    </message>
    <message>
        <source>The price is 0 %1: the customer gets this design for free. Is that right?</source>
        <extracomment>%1 is a currency code</extracomment>
        <translation>Der Preis ist 0 %1: Der Kunde bekommt dieses Design kostenlos. Stimmt das?</translation>
    </message>
    <message>
        <source>The price is %1 %2, more than %3 %2 for one design. Is that amount right?</source>
        <extracomment>%1 price, %2 currency code, %3 the usual upper limit</extracomment>
        <translation>Der Preis ist %1 %2, mehr als %3 %2 für ein Design. Stimmt dieser Betrag?</translation>
    </message>
</context>
<context>
    <name>OrderStore</name>
    <message>
        <source>The order database is not open.</source>
        <translation>Die Auftragsdatenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>The data folder %1 cannot be created. Choose another data folder (--data-dir).</source>
        <translation>Der Datenordner %1 kann nicht erstellt werden. Wählen Sie einen anderen Datenordner (--data-dir).</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>the file is not an SQLite database</source>
        <translation>die Datei ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>The order database %1 is damaged and cannot be moved aside: %2</source>
        <translation>Die Auftragsdatenbank %1 ist beschädigt und kann nicht beiseitegelegt werden: %2</translation>
    </message>
    <message>
        <source>The order database was damaged (%1). It was moved aside to %2 and a new, empty database was created; the old file was kept for recovery.</source>
        <translation>Die Auftragsdatenbank war beschädigt (%1). Sie wurde nach %2 verschoben und eine neue, leere Datenbank wurde angelegt; die alte Datei wurde zur Wiederherstellung aufbewahrt.</translation>
    </message>
    <message>
        <source>opening the database</source>
        <translation>Öffnen der Datenbank</translation>
    </message>
    <message>
        <source>The order database %1 cannot be opened. Check that the data folder is writable.</source>
        <translation>Die Auftragsdatenbank %1 kann nicht geöffnet werden. Prüfen Sie, ob der Datenordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>The order database is damaged.</source>
        <translation>Die Auftragsdatenbank ist beschädigt.</translation>
    </message>
    <message>
        <source>saving the queue item</source>
        <translation>Speichern des Eintrags</translation>
    </message>
    <message>
        <source>reading the queue item</source>
        <translation>Lesen des Eintrags</translation>
    </message>
    <message>
        <source>reading the queue</source>
        <translation>Lesen der Warteschlange</translation>
    </message>
    <message>
        <source>saving the queue item&apos;s progress</source>
        <translation>Speichern des Fortschritts des Eintrags</translation>
    </message>
    <message>
        <source>saving the queue item&apos;s file details</source>
        <translation>Speichern der Dateiangaben des Eintrags</translation>
    </message>
    <message>
        <source>saving the queue item&apos;s order details</source>
        <translation>Speichern der Auftragsdaten des Eintrags</translation>
    </message>
    <message>
        <source>An empty token cannot be saved.</source>
        <translation>Ein leeres Token kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>saving the token</source>
        <translation>Speichern des Tokens</translation>
    </message>
    <message>
        <source>Queue item %1 already has a token; a queue item never gets a second one.</source>
        <translation>Eintrag %1 hat bereits ein Token; ein Eintrag erhält nie ein zweites.</translation>
    </message>
    <message>
        <source>The token is already held by another queue item.</source>
        <translation>Das Token gehört bereits zu einem anderen Eintrag.</translation>
    </message>
    <message>
        <source>Queue item %1 already has a token.</source>
        <translation>Eintrag %1 hat bereits ein Token.</translation>
    </message>
    <message>
        <source>reordering the queue</source>
        <translation>Umsortieren der Warteschlange</translation>
    </message>
    <message>
        <source>removing the queue item</source>
        <translation>Entfernen des Eintrags</translation>
    </message>
    <message>
        <source>Order %1 does not exist.</source>
        <translation>Auftrag %1 existiert nicht.</translation>
    </message>
    <message>
        <source>An order needs a token.</source>
        <translation>Ein Auftrag benötigt ein Token.</translation>
    </message>
    <message>
        <source>The token %1 is already in the order list.</source>
        <translation>Das Token %1 ist bereits in der Auftragsliste.</translation>
    </message>
    <message>
        <source>saving the order</source>
        <translation>Speichern des Auftrags</translation>
    </message>
    <message>
        <source>Queue item %1 has no token yet.</source>
        <translation>Eintrag %1 hat noch kein Token.</translation>
    </message>
    <message>
        <source>reading the order</source>
        <translation>Lesen des Auftrags</translation>
    </message>
    <message>
        <source>reading the orders</source>
        <translation>Lesen der Aufträge</translation>
    </message>
    <message>
        <source>saving the print status</source>
        <translation>Speichern des Druckstatus</translation>
    </message>
    <message>
        <source>reading the status history</source>
        <translation>Lesen des Statusverlaufs</translation>
    </message>
    <message>
        <source>looking for duplicates</source>
        <translation>Suchen nach Duplikaten</translation>
    </message>
    <message>
        <source>reading the schema version</source>
        <translation>Lesen der Schemaversion</translation>
    </message>
    <message>
        <source>setting up the database</source>
        <translation>Einrichten der Datenbank</translation>
    </message>
    <message>
        <source>Nothing saved earlier was lost.</source>
        <translation>Bereits gespeicherte Daten sind nicht verloren gegangen.</translation>
    </message>
    <message>
        <source>The disk is full: %1 failed and was undone. %2 Free some disk space and try again.</source>
        <translation>Der Datenträger ist voll: Das %1 ist fehlgeschlagen und wurde rückgängig gemacht. %2 Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The order database is read-only: %1 failed and was undone. %2</source>
        <translation>Die Auftragsdatenbank ist schreibgeschützt: Das %1 ist fehlgeschlagen und wurde rückgängig gemacht. %2</translation>
    </message>
    <message>
        <source>The order database is in use by another program: %1 failed. %2 Try again in a moment.</source>
        <translation>Die Auftragsdatenbank wird von einem anderen Programm verwendet: Das %1 ist fehlgeschlagen. %2 Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The order database cannot be opened: %1 failed.</source>
        <translation>Die Auftragsdatenbank kann nicht geöffnet werden: Das %1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The order database is damaged: %1 failed. Restart the console to set the damaged file aside.</source>
        <translation>Die Auftragsdatenbank ist beschädigt: Das %1 ist fehlgeschlagen. Starten Sie die Konsole neu, um die beschädigte Datei beiseitezulegen.</translation>
    </message>
    <message>
        <source>%1 failed: the change contradicts data already saved. %2</source>
        <translation>Das %1 ist fehlgeschlagen: Die Änderung widerspricht bereits gespeicherten Daten. %2</translation>
    </message>
    <message>
        <source>The disk reported an error: %1 failed and was undone. %2</source>
        <translation>Der Datenträger hat einen Fehler gemeldet: Das %1 ist fehlgeschlagen und wurde rückgängig gemacht. %2</translation>
    </message>
    <message>
        <source>The order database reported an error: %1 failed. %2</source>
        <translation>Die Auftragsdatenbank hat einen Fehler gemeldet: Das %1 ist fehlgeschlagen. %2</translation>
    </message>
    <message>
        <source>checking the database</source>
        <translation>Prüfen der Datenbank</translation>
    </message>
    <message>
        <source>updating the database schema</source>
        <translation>Aktualisieren des Datenbankschemas</translation>
    </message>
    <message>
        <source>The order database was written by a newer version of the console (schema %1; this version knows %2). Update the console; the database was left as it is.</source>
        <translation>Die Auftragsdatenbank wurde von einer neueren Version der Konsole geschrieben (Schema %1; diese Version kennt %2). Aktualisieren Sie die Konsole; die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Queue item %1 does not exist.</source>
        <translation>Eintrag %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The data folder %1 is read-only, so the console cannot save its queue and orders there; nothing saved there was changed. Make the folder and the orders.db files in it writable for your user, or choose another data folder (--data-dir, or the PARTNER_CONSOLE_DATA_DIR environment variable).</source>
        <translation>Der Datenordner %1 ist schreibgeschützt, daher kann die Konsole ihre Warteschlange und Aufträge dort nicht speichern; nichts, was dort gespeichert ist, wurde verändert. Machen Sie den Ordner und die orders.db-Dateien darin für Ihren Benutzer beschreibbar, oder wählen Sie einen anderen Datenordner (--data-dir oder die Umgebungsvariable PARTNER_CONSOLE_DATA_DIR).</translation>
    </message>
    <message>
        <source>Another console (%1, process %2) is using the upload queue of the data folder %3. Only one console at a time uploads from a data folder, so that nothing is sent twice: wait until it has finished, or close it.</source>
        <translation>Eine andere Konsole (%1, Prozess %2) verwendet die Upload-Warteschlange des Datenordners %3. Aus einem Datenordner lädt immer nur eine Konsole hoch, damit nichts doppelt gesendet wird: Warten Sie, bis sie fertig ist, oder schließen Sie sie.</translation>
    </message>
    <message>
        <source>The upload queue of the data folder %1 cannot be locked for this console.</source>
        <translation>Die Upload-Warteschlange des Datenordners %1 kann für diese Konsole nicht gesperrt werden.</translation>
    </message>
    <message>
        <source>checking that the database can be written</source>
        <translation>Prüfen der Schreibbarkeit der Datenbank</translation>
    </message>
    <message>
        <source>A journal file beside the order database did not belong to it and was not applied. It was moved aside to %1; the database itself is unchanged.</source>
        <translation>Eine Journaldatei neben der Auftragsdatenbank gehörte nicht zu ihr und wurde nicht angewendet. Sie wurde nach %1 verschoben; die Datenbank selbst ist unverändert.</translation>
    </message>
    <message>
        <source>This installation cannot use a PostgreSQL database: Qt&apos;s PostgreSQL driver is missing. Install the package libqt6sql6-psql.</source>
        <translation>Diese Installation kann keine PostgreSQL-Datenbank verwenden: Der PostgreSQL-Treiber von Qt fehlt. Installieren Sie das Paket libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>a console that did not say its name</source>
        <translation>eine Konsole, die ihren Namen nicht angegeben hat</translation>
    </message>
    <message>
        <source>Another console (%1) is using the upload queue of the database %2. Only one console at a time uploads from a store, so that nothing is sent twice: wait until it has finished, or close it.</source>
        <translation>Eine andere Konsole (%1) verwendet die Upload-Warteschlange der Datenbank %2. Es lädt immer nur eine Konsole aus einem Speicher hoch, damit nichts doppelt gesendet wird: Warten Sie, bis sie fertig ist, oder schließen Sie sie.</translation>
    </message>
    <message>
        <source>The database %1 does not exist on the server. Ask the database administrator to create it (createdb -O %2 %1).</source>
        <translation>Die Datenbank %1 existiert nicht auf dem Server. Bitten Sie die Datenbankadministration, sie anzulegen (createdb -O %2 %1).</translation>
    </message>
    <message>
        <source>The database server at %1 knows no user %2. Check the user name in the database URL.</source>
        <translation>Der Datenbankserver %1 kennt keinen Benutzer %2. Prüfen Sie den Benutzernamen in der Datenbank-URL.</translation>
    </message>
    <message>
        <source>The database server at %1 does not let this computer connect as %2 (pg_hba.conf). Ask the database administrator to allow it.</source>
        <translation>Der Datenbankserver %1 erlaubt diesem Computer keine Verbindung als %2 (pg_hba.conf). Bitten Sie die Datenbankadministration, sie zu erlauben.</translation>
    </message>
    <message>
        <source>The database server %1 is not known on the network. Check the host name in the database URL.</source>
        <translation>Der Datenbankserver %1 ist im Netzwerk nicht bekannt. Prüfen Sie den Hostnamen in der Datenbank-URL.</translation>
    </message>
    <message>
        <source>A secure connection to the database server at %1 could not be made. Check the URL&apos;s sslmode and the server&apos;s certificate.</source>
        <translation>Eine sichere Verbindung zum Datenbankserver %1 kam nicht zustande. Prüfen Sie sslmode in der URL und das Zertifikat des Servers.</translation>
    </message>
    <message>
        <source>The database server at %1, port %2 cannot be reached. Check that it is running and that this computer may connect to it.</source>
        <translation>Der Datenbankserver %1, Port %2 ist nicht erreichbar. Prüfen Sie, ob er läuft und ob dieser Computer sich mit ihm verbinden darf.</translation>
    </message>
    <message>
        <source>claiming the upload queue</source>
        <translation>Übernehmen der Upload-Warteschlange</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full: %1 failed and was undone. %2 Ask the database administrator to free space.</source>
        <translation>Der Datenträger des Datenbankservers ist voll: %1 ist fehlgeschlagen und wurde rückgängig gemacht. %2 Bitten Sie die Datenbankadministration, Speicherplatz freizugeben.</translation>
    </message>
    <message>
        <source>The database does not let this user write: %1 failed and was undone. %2 Ask the database administrator for write access.</source>
        <translation>Die Datenbank erlaubt diesem Benutzer keine Schreibzugriffe: %1 ist fehlgeschlagen und wurde rückgängig gemacht. %2 Bitten Sie die Datenbankadministration um Schreibrechte.</translation>
    </message>
    <message>
        <source>The database is busy with another console&apos;s change: %1 failed. %2 Try again in a moment.</source>
        <translation>Die Datenbank ist mit der Änderung einer anderen Konsole beschäftigt: %1 ist fehlgeschlagen. %2 Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The connection to the database server was lost: %1 failed. %2 The console connects again by itself.</source>
        <translation>Die Verbindung zum Datenbankserver ist abgebrochen: %1 ist fehlgeschlagen. %2 Die Konsole verbindet sich von selbst neu.</translation>
    </message>
    <message>
        <source>sharing out the print status checks</source>
        <translation>Verteilen der Druckstatus-Abfragen</translation>
    </message>
    <message>
        <source>handing the print status checks to other consoles</source>
        <translation>Übergeben der Druckstatus-Abfragen an andere Konsolen</translation>
    </message>
    <message>
        <source>reading who checks which print</source>
        <translation>Lesen, wer welchen Druck abfragt</translation>
    </message>
    <message>
        <source>The database server at %1 refused the user %2: the password is wrong or missing. Enter it in Settings (Order history), or give it in a password file (--database-password-file), in PARTNER_CONSOLE_DATABASE_PASSWORD or in ~/.pgpass.</source>
        <translation>Der Datenbankserver auf %1 hat den Benutzer %2 abgewiesen: Das Passwort ist falsch oder fehlt. Geben Sie es in den Einstellungen (Auftragsverlauf) ein oder in einer Passwortdatei (--database-password-file), in PARTNER_CONSOLE_DATABASE_PASSWORD oder in ~/.pgpass.</translation>
    </message>
    <message>
        <source>Connected to PostgreSQL %1 at %2.</source>
        <translation>Verbunden mit PostgreSQL %1 auf %2.</translation>
    </message>
    <message>
        <source>The database %1 is empty, and the user %2 may not create the order history in it. Ask the database administrator to make %2 its owner (ALTER DATABASE %1 OWNER TO %2).</source>
        <translation>Die Datenbank %1 ist leer, und der Benutzer %2 darf den Auftragsverlauf darin nicht anlegen. Bitten Sie die Datenbankverwaltung, %2 zum Eigentümer zu machen (ALTER DATABASE %1 OWNER TO %2).</translation>
    </message>
    <message>
        <source>The database %1 is empty; the console sets up the order history in it when it starts in team mode.</source>
        <translation>Die Datenbank %1 ist leer; die Konsole legt den Auftragsverlauf darin an, wenn sie im Team-Modus startet.</translation>
    </message>
    <message>
        <source>The order history in %1 was set up by a newer version of the console. Update this console before joining the team database.</source>
        <translation>Der Auftragsverlauf in %1 wurde von einer neueren Version der Konsole angelegt. Aktualisieren Sie diese Konsole, bevor sie der Team-Datenbank beitritt.</translation>
    </message>
    <message>
        <source>The user %1 may not read the order history in %2. Ask the database administrator for access.</source>
        <translation>Der Benutzer %1 darf den Auftragsverlauf in %2 nicht lesen. Bitten Sie die Datenbankverwaltung um Zugriff.</translation>
    </message>
    <message numerus="yes">
        <source>The database %1 holds the team&apos;s order history: %n order(s).</source>
        <translation>
            <numerusform>Die Datenbank %1 enthält den Auftragsverlauf des Teams: %n Auftrag.</numerusform>
            <numerusform>Die Datenbank %1 enthält den Auftragsverlauf des Teams: %n Aufträge.</numerusform>
        </translation>
    </message>
    <message>
        <source>The order history is kept on this computer, in %1.</source>
        <translation>Der Auftragsverlauf liegt auf diesem Computer, in %1.</translation>
    </message>
    <message>
        <source>The connection to the order database %1 was lost. The console connects again by itself; nothing saved earlier was lost.</source>
        <translation>Die Verbindung zur Auftragsdatenbank %1 ist verloren gegangen. Die Konsole verbindet sich von selbst erneut; nichts zuvor Gespeicherte ist verloren.</translation>
    </message>
    <message>
        <source>the file does not exist yet</source>
        <translation>die Datei existiert noch nicht</translation>
    </message>
    <message>
        <source>a journal file beside it does not belong to it</source>
        <translation>eine Journaldatei daneben gehört nicht zu ihr</translation>
    </message>
    <message>
        <source>The order database in %1 cannot be locked for use: %2. Check that the data folder is writable.</source>
        <translation>Die Auftragsdatenbank in %1 kann nicht zur Nutzung gesperrt werden: %2. Prüfen Sie, ob der Datenordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>Another console has been creating or repairing the order database in %1 for too long. Try again in a moment.</source>
        <translation>Eine andere Konsole legt die Auftragsdatenbank in %1 schon zu lange an oder repariert sie. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The order database %1 looks damaged (%2), but another console is using it, so it was left as it is. Close the other consoles that use this data folder and start again.</source>
        <translation>Die Auftragsdatenbank %1 scheint beschädigt zu sein (%2), wird aber von einer anderen Konsole verwendet und wurde deshalb so belassen. Schließen Sie die anderen Konsolen, die diesen Datenordner verwenden, und starten Sie erneut.</translation>
    </message>
    <message>
        <source>The disk that holds %1 is full: the queue and the orders can be read, but nothing can be saved until some space is freed on it.</source>
        <translation>Der Datenträger mit %1 ist voll: Warteschlange und Aufträge können gelesen, aber nichts kann gespeichert werden, bis dort Speicherplatz frei wird.</translation>
    </message>
    <message>
        <source>locking the upload queue</source>
        <translation>Sperren der Upload-Warteschlange</translation>
    </message>
    <message>
        <source>The disk that holds %1 is full (%2 free): %3 failed and was undone. Nothing saved earlier was lost. Free some space on that disk (%4) and try again.</source>
        <translation>Der Datenträger mit %1 ist voll (%2 frei): %3 ist fehlgeschlagen und wurde rückgängig gemacht. Nichts zuvor Gespeichertes ging verloren. Geben Sie auf diesem Datenträger (%4) Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>updating the print page links</source>
        <translation>Aktualisieren der Links zur Druckseite</translation>
    </message>
    <message>
        <source>saving a lost token call</source>
        <translation>Speichern eines Token-Aufrufs ohne Antwort</translation>
    </message>
    <message>
        <source>reading the lost token calls</source>
        <translation>Lesen der Token-Aufrufe ohne Antwort</translation>
    </message>
    <message>
        <source>Another console is using the upload queue of the data folder %1. Only one console at a time uploads from a data folder, so that nothing is sent twice: wait until it has finished, or close it.</source>
        <translation>Eine andere Konsole verwendet die Upload-Warteschlange des Datenordners %1. Aus einem Datenordner lädt immer nur eine Konsole hoch, damit nichts doppelt gesendet wird: Warten Sie, bis sie fertig ist, oder schließen Sie sie.</translation>
    </message>
    <message>
        <source>archiving the order</source>
        <translation>Archivieren des Auftrags</translation>
    </message>
    <message>
        <source>taking the order out of the archive</source>
        <translation>Zurückholen des Auftrags aus dem Archiv</translation>
    </message>
    <message>
        <source>The note has %1 characters; an order keeps at most %2. Shorten it and save it again.</source>
        <translation>Die Notiz hat %1 Zeichen; ein Auftrag speichert höchstens %2. Kürzen Sie sie und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>saving the order&apos;s note</source>
        <translation>Speichern der Notiz zum Auftrag</translation>
    </message>
    <message>
        <source>deleting the order</source>
        <translation>Löschen des Auftrags</translation>
    </message>
    <message>
        <source>Order %1 is not a sandbox test order: its token is a real transaction with the service at %2. Archive it to hide it, or confirm that this console should forget its token.</source>
        <translation>Auftrag %1 ist kein Testauftrag der Sandbox: Sein Token ist eine echte Transaktion mit dem Dienst unter %2. Archivieren Sie ihn, um ihn auszublenden, oder bestätigen Sie, dass diese Konsole sein Token vergessen soll.</translation>
    </message>
    <message>
        <source>saving when the service was asked</source>
        <translation>Speichern, wann der Dienst gefragt wurde</translation>
    </message>
    <message>
        <source>reading when the service was asked</source>
        <translation>Lesen, wann der Dienst gefragt wurde</translation>
    </message>
    <message>
        <source>The order database gave the new queue item no id.</source>
        <translation>Die Auftragsdatenbank hat dem neuen Warteschlangeneintrag keine Kennung gegeben.</translation>
    </message>
    <message>
        <source>The order database gave the new order no id.</source>
        <translation>Die Auftragsdatenbank hat dem neuen Auftrag keine Kennung gegeben.</translation>
    </message>
    <message>
        <source>The order of queue item %1 was deleted while it was saved. Try again.</source>
        <translation>Der Auftrag zum Warteschlangeneintrag %1 wurde gelöscht, während er gespeichert wurde. Versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>PriceConfirmation</name>
    <message>
        <source>Check the price</source>
        <translation>Preis prüfen</translation>
    </message>
    <message>
        <source>&amp;Keep this price</source>
        <translation>Preis &amp;beibehalten</translation>
    </message>
    <message>
        <source>&amp;Change the price</source>
        <translation>Preis ä&amp;ndern</translation>
    </message>
</context>
<context>
    <name>RegularFile</name>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>%1 is a named pipe (FIFO), not a regular file, so it was not read. Give the path of an ordinary file.</source>
        <translation>%1 ist eine Named Pipe (FIFO), keine reguläre Datei, und wurde daher nicht gelesen. Geben Sie den Pfad einer gewöhnlichen Datei an.</translation>
    </message>
    <message>
        <source>%1 is a device, not a regular file, so it was not read. Give the path of an ordinary file.</source>
        <translation>%1 ist ein Gerät, keine reguläre Datei, und wurde daher nicht gelesen. Geben Sie den Pfad einer gewöhnlichen Datei an.</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a socket or another special file), so it was not read. Give the path of an ordinary file.</source>
        <translation>%1 ist keine reguläre Datei (ein Socket oder eine andere Spezialdatei) und wurde daher nicht gelesen. Geben Sie den Pfad einer gewöhnlichen Datei an.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>RetryPolicy</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing failed.</source>
        <translation>Nichts ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Waiting for the network: %1 Checking again in %2.</source>
        <translation>Warten auf das Netzwerk: %1 Erneute Prüfung in %2.</translation>
    </message>
    <message>
        <source>%1 Gave up after %2 attempts; use Retry to try again.</source>
        <translation>%1 Nach %2 Versuchen aufgegeben; mit „Wiederholen“ erneut versuchen.</translation>
    </message>
    <message>
        <source>%1 Trying again in %2 (attempt %3 of %4).</source>
        <translation>%1 Erneuter Versuch in %2 (Versuch %3 von %4).</translation>
    </message>
</context>
<context>
    <name>SecretFile</name>
    <message>
        <source>%1 can be read or changed by other users, so it was not used. Restrict it with: chmod 600 %1</source>
        <translation>%1 kann von anderen Benutzern gelesen oder geändert werden und wurde daher nicht verwendet. Schränken Sie den Zugriff ein mit: chmod 600 %1</translation>
    </message>
    <message>
        <source>%1 is empty. Put the secret on its first line.</source>
        <translation>%1 ist leer. Schreiben Sie das Geheimnis in die erste Zeile.</translation>
    </message>
    <message>
        <source>The first line of %1 is longer than %2 bytes, too long for a key or a password; it was not used. Check that this is the right file.</source>
        <translation>Die erste Zeile von %1 ist länger als %2 Bytes, zu lang für einen Schlüssel oder ein Passwort; sie wurde nicht verwendet. Prüfen Sie, ob dies die richtige Datei ist.</translation>
    </message>
    <message>
        <source>The first line of %1 is not valid UTF-8 text, so it was not used. Write the secret into the file again as plain text.</source>
        <translation>Die erste Zeile von %1 ist kein gültiger UTF-8-Text und wurde daher nicht verwendet. Schreiben Sie das Geheimnis erneut als reinen Text in die Datei.</translation>
    </message>
    <message>
        <source>The first line of %1 is blank. Put the secret on the first line, with nothing before it.</source>
        <translation>Die erste Zeile von %1 ist leer. Schreiben Sie das Geheimnis in die erste Zeile, ohne etwas davor.</translation>
    </message>
    <message>
        <source>The first line of %1 holds a control character (a NUL, an escape or a carriage return, for example) at character %2, so it was not used: a key or a password is plain printable text. Write the secret into the file again as plain text.</source>
        <translation>Die erste Zeile von %1 enthält an Zeichen %2 ein Steuerzeichen (zum Beispiel ein NUL, ein Escape oder einen Wagenrücklauf) und wurde daher nicht verwendet: Ein Schlüssel oder Passwort ist reiner druckbarer Text. Schreiben Sie das Geheimnis erneut als reinen Text in die Datei.</translation>
    </message>
</context>
<context>
    <name>ServiceEndpoint</name>
    <message>
        <source>The service URL is empty.</source>
        <translation>Die Dienst-URL ist leer.</translation>
    </message>
    <message>
        <source>The service URL is not a valid URL.</source>
        <translation>Die Dienst-URL ist keine gültige URL.</translation>
    </message>
    <message>
        <source>The service URL must start with http:// or https://.</source>
        <translation>Die Dienst-URL muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>The service URL has no host name.</source>
        <translation>Die Dienst-URL enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <source>The service URL must not contain a user name or password.</source>
        <translation>Die Dienst-URL darf weder Benutzernamen noch Passwort enthalten.</translation>
    </message>
    <message>
        <source>The service URL must not contain a query (?...) or fragment (#...).</source>
        <translation>Die Dienst-URL darf weder eine Abfrage (?...) noch ein Fragment (#...) enthalten.</translation>
    </message>
</context>
<context>
    <name>StatusPresentation</name>
    <message>
        <source>Waiting for customer</source>
        <translation>Wartet auf Kunden</translation>
    </message>
    <message>
        <source>Warming up</source>
        <translation>Heizt auf</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Druckt</translation>
    </message>
    <message>
        <source>Print failed</source>
        <translation>Druck fehlgeschlagen</translation>
    </message>
    <message>
        <source>Print succeeded</source>
        <translation>Druck erfolgreich</translation>
    </message>
    <message>
        <source>Success confirmed</source>
        <translation>Erfolg bestätigt</translation>
    </message>
    <message>
        <source>Failure confirmed</source>
        <translation>Fehlschlag bestätigt</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>Unbekannter Status</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>noch weniger als eine Minute</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>noch %1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>noch %1 h %2 min</translation>
    </message>
</context>
<context>
    <name>StlInspector</name>
    <message>
        <source>the end of the file</source>
        <translation>das Dateiende</translation>
    </message>
    <message>
        <source>Line %1: %2. This is not a valid ASCII STL file; export it again.</source>
        <translation>Zeile %1: %2. Dies ist keine gültige ASCII-STL-Datei; exportieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>expected &quot;%1&quot; but found %2</source>
        <translation>&quot;%1&quot; erwartet, aber %2 gefunden</translation>
    </message>
    <message>
        <source>expected a number but found %1</source>
        <translation>Zahl erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <source>the number %1 is out of range</source>
        <translation>die Zahl %1 liegt außerhalb des zulässigen Bereichs</translation>
    </message>
    <message>
        <source>the coordinate %1 is not a finite number (NaN or infinity)</source>
        <translation>die Koordinate %1 ist keine endliche Zahl (NaN oder unendlich)</translation>
    </message>
    <message>
        <source>a loop has more than 3 vertices; STL facets must be triangles</source>
        <translation>eine Schleife hat mehr als 3 Eckpunkte; STL-Facetten müssen Dreiecke sein</translation>
    </message>
    <message>
        <source>The file ends without &quot;endsolid&quot;; it may be incomplete.</source>
        <translation>Die Datei endet ohne &quot;endsolid&quot;; sie ist möglicherweise unvollständig.</translation>
    </message>
    <message>
        <source>expected &quot;facet&quot; or &quot;endsolid&quot; but found %1</source>
        <translation>&quot;facet&quot; oder &quot;endsolid&quot; erwartet, aber %1 gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n open edge(s): the mesh has holes and is not watertight.</source>
        <translation>
            <numerusform>%n offene Kante: Das Netz hat Löcher und ist nicht wasserdicht.</numerusform>
            <numerusform>%n offene Kanten: Das Netz hat Löcher und ist nicht wasserdicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n non-manifold edge(s) (shared by more than two facets).</source>
        <translation>
            <numerusform>%n nicht mannigfaltige Kante (von mehr als zwei Facetten geteilt).</numerusform>
            <numerusform>%n nicht mannigfaltige Kanten (von mehr als zwei Facetten geteilt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edge(s) where neighbouring facets disagree on orientation (flipped facets).</source>
        <translation>
            <numerusform>%n Kante, an der benachbarte Facetten unterschiedlich orientiert sind (umgedrehte Facetten).</numerusform>
            <numerusform>%n Kanten, an denen benachbarte Facetten unterschiedlich orientiert sind (umgedrehte Facetten).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degenerate facet(s) (zero area).</source>
        <translation>
            <numerusform>%n entartete Facette (Fläche null).</numerusform>
            <numerusform>%n entartete Facetten (Fläche null).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored normal(s) point against the facet&apos;s winding.</source>
        <translation>
            <numerusform>%n gespeicherte Normale zeigt entgegen der Umlaufrichtung ihrer Facette.</numerusform>
            <numerusform>%n gespeicherte Normalen zeigen entgegen der Umlaufrichtung ihrer Facette.</numerusform>
        </translation>
    </message>
    <message>
        <source>The closed mesh is oriented inside out (negative volume): its facets face inward.</source>
        <translation>Das geschlossene Netz ist nach innen gekehrt (negatives Volumen): Seine Facetten zeigen nach innen.</translation>
    </message>
    <message>
        <source>The object is only %1 units across: the file is probably in metres or inches, not millimetres.</source>
        <translation>Das Objekt ist nur %1 Einheiten groß: Die Datei ist wahrscheinlich in Metern oder Zoll angelegt, nicht in Millimetern.</translation>
    </message>
    <message>
        <source>The object is %1 units across: the file is probably in micrometres, not millimetres.</source>
        <translation>Das Objekt ist %1 Einheiten groß: Die Datei ist wahrscheinlich in Mikrometern angelegt, nicht in Millimetern.</translation>
    </message>
    <message>
        <source>The inspection was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>ein PNG-Bild</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>ein JPEG-Bild</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>ein GIF-Bild</translation>
    </message>
    <message>
        <source>a ZIP archive (3MF files are ZIP archives too)</source>
        <translation>ein ZIP-Archiv (auch 3MF-Dateien sind ZIP-Archive)</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>ein PDF-Dokument</translation>
    </message>
    <message>
        <source>a gzip-compressed file</source>
        <translation>eine gzip-komprimierte Datei</translation>
    </message>
    <message>
        <source>The header announces %1 triangles, more than this program accepts (2147483647); the file has only %2 bytes. The file is corrupt or not an STL file.</source>
        <translation>Der Dateikopf gibt %1 Dreiecke an, mehr als dieses Programm akzeptiert (2147483647); die Datei hat nur %2 Bytes. Die Datei ist beschädigt oder keine STL-Datei.</translation>
    </message>
    <message>
        <source>The file is truncated: its header announces %1 triangles, which need %2 bytes, but the file has only %3 bytes. Export or copy it again.</source>
        <translation>Die Datei ist abgeschnitten: Ihr Dateikopf gibt %1 Dreiecke an, die %2 Bytes benötigen, aber die Datei hat nur %3 Bytes. Exportieren oder kopieren Sie sie erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) after the last triangle were ignored.</source>
        <translation>
            <numerusform>%n Byte nach dem letzten Dreieck wurde ignoriert.</numerusform>
            <numerusform>%n Bytes nach dem letzten Dreieck wurden ignoriert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file could not be read to the end.</source>
        <translation>Die Datei konnte nicht bis zum Ende gelesen werden.</translation>
    </message>
    <message>
        <source>Triangle %1 of %2 has a coordinate that is not a finite number (NaN or infinity). The file is corrupt; export it again.</source>
        <translation>Dreieck %1 von %2 hat eine Koordinate, die keine endliche Zahl ist (NaN oder unendlich). Die Datei ist beschädigt; exportieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>The file contains no triangles (an empty solid). Export the model again with its geometry.</source>
        <translation>Die Datei enthält keine Dreiecke (ein leerer Körper). Exportieren Sie das Modell erneut mit seiner Geometrie.</translation>
    </message>
    <message numerus="yes">
        <source>%n stored normal(s) are not finite numbers; they were ignored.</source>
        <translation>
            <numerusform>%n gespeicherte Normale ist keine endliche Zahl; sie wurde ignoriert.</numerusform>
            <numerusform>%n gespeicherte Normalen sind keine endlichen Zahlen; sie wurden ignoriert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is empty (0 bytes). Export the model again.</source>
        <translation>Die Datei ist leer (0 Bytes). Exportieren Sie das Modell erneut.</translation>
    </message>
    <message>
        <source>This is %1, not an STL file. Choose the .stl file exported from the CAD program.</source>
        <translation>Dies ist %1, keine STL-Datei. Wählen Sie die aus dem CAD-Programm exportierte .stl-Datei.</translation>
    </message>
    <message>
        <source>The file has only %1 bytes: too small for a binary STL (at least 84 bytes) and it is not an ASCII STL (it does not begin with &quot;solid&quot;).</source>
        <translation>Die Datei hat nur %1 Bytes: zu klein für eine binäre STL-Datei (mindestens 84 Bytes), und sie ist keine ASCII-STL-Datei (sie beginnt nicht mit &quot;solid&quot;).</translation>
    </message>
    <message>
        <source>This is a text file, but not an ASCII STL (it does not begin with &quot;solid&quot;). Choose the .stl file exported from the CAD program.</source>
        <translation>Dies ist eine Textdatei, aber keine ASCII-STL-Datei (sie beginnt nicht mit &quot;solid&quot;). Wählen Sie die aus dem CAD-Programm exportierte .stl-Datei.</translation>
    </message>
    <message>
        <source>%1 became shorter while it was being read, so what was read is not its content. Wait until the program writing it has finished, then try again.</source>
        <translation>%1 wurde während des Lesens kürzer, das Gelesene ist daher nicht ihr Inhalt. Warten Sie, bis das Programm, das sie schreibt, fertig ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The object is only %1 units across: the file is probably in inches, not millimetres.</source>
        <translation>Das Objekt ist nur %1 Einheiten groß: Die Datei ist wahrscheinlich in Zoll, nicht in Millimetern.</translation>
    </message>
</context>
<context>
    <name>StoreLocation</name>
    <message>
        <source>No database given. Give a folder for the SQLite file, or a URL such as postgresql://user@host/database.</source>
        <translation>Keine Datenbank angegeben. Geben Sie einen Ordner für die SQLite-Datei an oder eine URL wie postgresql://user@host/database.</translation>
    </message>
    <message>
        <source>The database %1 names no folder: write sqlite:FOLDER.</source>
        <translation>Die Datenbank %1 nennt keinen Ordner: Schreiben Sie sqlite:ORDNER.</translation>
    </message>
    <message>
        <source>The database %1 is neither a folder nor a PostgreSQL URL. Team mode needs postgresql://user@host/database.</source>
        <translation>Die Datenbank %1 ist weder ein Ordner noch eine PostgreSQL-URL. Der Teammodus braucht postgresql://user@host/database.</translation>
    </message>
    <message>
        <source>The database URL %1 is not valid: write postgresql://user@host[:port]/database.</source>
        <translation>Die Datenbank-URL %1 ist ungültig: Schreiben Sie postgresql://user@host[:port]/database.</translation>
    </message>
    <message>
        <source>The database URL %1 names no user: write postgresql://user@%2/database.</source>
        <translation>Die Datenbank-URL %1 nennt keinen Benutzer: Schreiben Sie postgresql://user@%2/database.</translation>
    </message>
    <message>
        <source>The database URL %1 names no database: write postgresql://%2@%3/database.</source>
        <translation>Die Datenbank-URL %1 nennt keine Datenbank: Schreiben Sie postgresql://%2@%3/database.</translation>
    </message>
    <message>
        <source>The database URL&apos;s sslmode %1 is not one of %2.</source>
        <translation>Der sslmode %1 der Datenbank-URL ist keiner von %2.</translation>
    </message>
    <message>
        <source>The database URL&apos;s connect_timeout %1 is not a number of seconds from 1 to 600.</source>
        <translation>Das connect_timeout %1 der Datenbank-URL ist keine Sekundenzahl von 1 bis 600.</translation>
    </message>
    <message>
        <source>The database URL&apos;s option %1 is not supported; the console passes on sslmode and connect_timeout.</source>
        <translation>Die Option %1 der Datenbank-URL wird nicht unterstützt; die Konsole gibt sslmode und connect_timeout weiter.</translation>
    </message>
    <message>
        <source>The database URL holds a password. A password in a URL ends up in settings files, logs and process lists: remove it from the URL and enter it in Settings (Order history), or give it in a password file (--database-password-file), in PARTNER_CONSOLE_DATABASE_PASSWORD or in ~/.pgpass.</source>
        <translation>Die Datenbank-URL enthält ein Passwort. Ein Passwort in einer URL landet in Einstellungsdateien, Protokollen und Prozesslisten: Entfernen Sie es aus der URL und geben Sie es in den Einstellungen (Auftragsverlauf) ein oder in einer Passwortdatei (--database-password-file), in PARTNER_CONSOLE_DATABASE_PASSWORD oder in ~/.pgpass.</translation>
    </message>
</context>
<context>
    <name>UploadQueue</name>
    <message>
        <source>order %1 (%2, token %3)</source>
        <translation>Auftrag %1 (%2, Token %3)</translation>
    </message>
    <message>
        <source>queue item %1 (%2)</source>
        <translation>Eintrag %1 (%2)</translation>
    </message>
    <message>
        <source>The token could not be saved: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The file changed or vanished after it was queued; check it and queue it again.</source>
        <translation>Die Datei wurde geändert oder ist verschwunden, nachdem sie in die Warteschlange gestellt wurde; prüfen Sie sie und stellen Sie sie erneut in die Warteschlange.</translation>
    </message>
    <message>
        <source>The service could not confirm the item&apos;s token before the upload was sent again: %1</source>
        <translation>Der Dienst konnte das Token des Eintrags vor dem erneuten Senden des Uploads nicht bestätigen: %1</translation>
    </message>
    <message>
        <source>The upload succeeded but the order could not be saved: %1; make room and retry to save it (the file is not sent again).</source>
        <translation>Der Upload war erfolgreich, aber der Auftrag konnte nicht gespeichert werden: %1; schaffen Sie Platz und versuchen Sie es erneut, um ihn zu speichern (die Datei wird nicht erneut gesendet).</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The file was not queued: its order details are incomplete.</source>
        <translation>Die Datei wurde nicht eingereiht: Ihre Auftragsdaten sind unvollständig.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>%1: upload the STL designs your shop has sold to Design Streaming and follow each customer&apos;s print.

Without an API key (environment variable %2) the console runs on its built-in sandbox, a simulated service on this computer.</source>
        <translation>%1: Laden Sie die von Ihrem Shop verkauften STL-Designs zu Design Streaming hoch und verfolgen Sie den Druck jedes Kunden.

Ohne API-Schlüssel (Umgebungsvariable %2) läuft die Konsole mit ihrer integrierten Sandbox, einem simulierten Dienst auf diesem Computer.</translation>
    </message>
    <message>
        <source>The service to use: &apos;sandbox&apos; (built in, nothing leaves this computer) or &apos;production&apos; (needs an API key).</source>
        <translation>Der zu verwendende Dienst: &apos;sandbox&apos; (integriert, nichts verlässt diesen Computer) oder &apos;production&apos; (erfordert einen API-Schlüssel).</translation>
    </message>
    <message>
        <source>Use the Design Streaming service at this api3 base URL instead of the production address (needs an API key).</source>
        <translation>Den Dienst Design Streaming unter dieser api3-Basis-URL statt der Produktionsadresse verwenden (erfordert einen API-Schlüssel).</translation>
    </message>
    <message>
        <source>unknown environment &apos;%1&apos;: use &apos;sandbox&apos; or &apos;production&apos;</source>
        <translation>unbekannte Umgebung &apos;%1&apos;: Verwenden Sie &apos;sandbox&apos; oder &apos;production&apos;</translation>
    </message>
    <message>
        <source>--base-url &apos;%1&apos;: %2</source>
        <translation>--base-url &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>--base-url names a remote service; it cannot be combined with --environment sandbox</source>
        <translation>--base-url gibt einen entfernten Dienst an und kann nicht mit --environment sandbox kombiniert werden</translation>
    </message>
    <message>
        <source>The built-in sandbox service could not start.</source>
        <translation>Der integrierte Sandbox-Dienst konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>The console runs a simulated Design Streaming service on this computer (address 127.0.0.1) when no API key is set. It could not open a local network port: %1

Check that local network connections are allowed, then start the console again.</source>
        <translation>Ist kein API-Schlüssel festgelegt, führt die Konsole auf diesem Computer (Adresse 127.0.0.1) eine Simulation des Dienstes Design Streaming aus. Dabei konnte kein lokaler Netzwerkport geöffnet werden: %1

Prüfen Sie, ob lokale Netzwerkverbindungen erlaubt sind, und starten Sie die Konsole dann erneut.</translation>
    </message>
    <message>
        <source>The console cannot open its data.</source>
        <translation>Die Konsole kann ihre Daten nicht öffnen.</translation>
    </message>
    <message>
        <source>STL files or folders to queue. When the console is already running, they go to its queue.</source>
        <translation>STL-Dateien oder Ordner, die in die Warteschlange gestellt werden. Läuft die Konsole bereits, kommen sie in deren Warteschlange.</translation>
    </message>
    <message>
        <source>Built-in sandbox: time compression of the print simulation (60 = a minute per second). Default: the Sandbox menu&apos;s choice, else 1.</source>
        <translation>Eingebaute Sandbox: Zeitraffer der Drucksimulation (60 = eine Minute pro Sekunde). Standard: die Wahl im Menü Sandbox, sonst 1.</translation>
    </message>
    <message>
        <source>Built-in sandbox: start printing by itself this many seconds after each upload.</source>
        <translation>Eingebaute Sandbox: so viele Sekunden nach jedem Upload von selbst mit dem Druck beginnen.</translation>
    </message>
    <message>
        <source>Built-in sandbox: random, success or failure for every print.</source>
        <translation>Eingebaute Sandbox: zufällig, Erfolg oder Fehlschlag für jeden Druck.</translation>
    </message>
    <message>
        <source>--sandbox-speed needs a number above 0 (at most 100000).</source>
        <translation>--sandbox-speed braucht eine Zahl über 0 (höchstens 100000).</translation>
    </message>
    <message>
        <source>--sandbox-auto-print needs a number of seconds (0 to 86400).</source>
        <translation>--sandbox-auto-print braucht eine Anzahl Sekunden (0 bis 86400).</translation>
    </message>
    <message>
        <source>--sandbox-outcome must be random, success or failure.</source>
        <translation>--sandbox-outcome muss random, success oder failure sein.</translation>
    </message>
</context>
<context>
    <name>pc::Dashboard</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Orders by status</source>
        <translation>Aufträge nach Status</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Prints per day</source>
        <translation>Drucke pro Tag</translation>
    </message>
    <message>
        <source>%1: %2 succeeded, %3 failed</source>
        <translation>%1: %2 erfolgreich, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>No print has finished yet.</source>
        <translation>Bisher wurde kein Druck abgeschlossen.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>The success rate as a percentage</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 succeeded, %2 failed</source>
        <translation>%1 erfolgreich, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Orders: %1</source>
        <translation>Aufträge: %1</translation>
    </message>
    <message>
        <source>Printing now: %1</source>
        <translation>Gerade im Druck: %1</translation>
    </message>
    <message>
        <source>Waiting for the customer: %1</source>
        <translation>Wartet auf Kunden: %1</translation>
    </message>
    <message>
        <source>Success rate %1</source>
        <translation>Erfolgsquote %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A bar of the &quot;orders by status&quot; chart: the status and its number of orders</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Export Orders as CSV</source>
        <translation>Aufträge als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>Click a bar, or choose one with the arrow keys and Enter, to see its orders</source>
        <translation>Klicken Sie auf einen Balken oder wählen Sie ihn mit den Pfeiltasten und Eingabe, um seine Aufträge zu sehen</translation>
    </message>
    <message>
        <source>Click a day, or choose one with the arrow keys and Enter, to see the prints that finished on it</source>
        <translation>Klicken Sie auf einen Tag oder wählen Sie ihn mit den Pfeiltasten und Eingabe, um die an ihm beendeten Drucke zu sehen</translation>
    </message>
    <message>
        <source>Need attention: %1</source>
        <translation>Brauchen Aufmerksamkeit: %1</translation>
    </message>
    <message>
        <source>Need attention: orders that are not confirmed but cannot move by themselves - the service no longer knows the token, the status is unknown, or the order has no print link.</source>
        <translation>Brauchen Aufmerksamkeit: Aufträge, die nicht bestätigt sind, aber sich nicht von selbst weiterbewegen – der Dienst kennt das Token nicht mehr, der Status ist unbekannt oder der Auftrag hat keinen Drucklink.</translation>
    </message>
    <message>
        <source>Over %1 days: %2 prints succeeded, %3 failed</source>
        <translation>In %1 Tagen: %2 Drucke erfolgreich, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Prints on %1</source>
        <translation>Drucke am %1</translation>
    </message>
    <message>
        <source>Prints per day, %1 to %2</source>
        <translation>Drucke pro Tag, %1 bis %2</translation>
    </message>
    <message>
        <source>Period of the figures</source>
        <translation>Zeitraum der Zahlen</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Eigene Daten</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Save every order of the period, archived ones included, as a CSV file for a spreadsheet</source>
        <translation>Alle Aufträge des Zeitraums, archivierte eingeschlossen, als CSV-Datei für eine Tabellenkalkulation speichern</translation>
    </message>
    <message>
        <source>Each currency on its own line; amounts in different currencies are never added up.</source>
        <translation>Jede Währung in eigener Zeile; Beträge in verschiedenen Währungen werden nie addiert.</translation>
    </message>
    <message>
        <source>No orders in this period.</source>
        <translation>Keine Aufträge in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>%1 (no currency)</source>
        <translation>%1 (ohne Währung)</translation>
    </message>
    <message>
        <source>%1 (orders: %2)</source>
        <extracomment>Revenue of one currency: the amount and its number of orders (&quot;label: figure&quot; needs no plural forms)</extracomment>
        <translation>%1 (Aufträge: %2)</translation>
    </message>
    <message>
        <source>Nothing to Export</source>
        <translation>Nichts zu exportieren</translation>
    </message>
    <message>
        <source>orders-%1-to-%2.csv</source>
        <translation>auftraege-%1-bis-%2.csv</translation>
    </message>
    <message>
        <source>orders-%1.csv</source>
        <translation>auftraege-%1.csv</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The orders could not be saved as %1 (the system said: %2). Choose another folder, or free some disk space, and export again.</source>
        <translation>Die Aufträge konnten nicht als %1 gespeichert werden (das System meldete: %2). Wählen Sie einen anderen Ordner oder schaffen Sie Speicherplatz und exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>Exported %1 orders to %2</source>
        <translation>%1 Aufträge nach %2 exportiert</translation>
    </message>
    <message>
        <source>No order was created in this period. Choose a longer period, or “All time”, and export again.</source>
        <translation>In diesem Zeitraum wurde kein Auftrag angelegt. Wählen Sie einen längeren Zeitraum oder „Gesamter Zeitraum“ und exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>Perio&amp;d:</source>
        <translation>Zei&amp;traum:</translation>
    </message>
    <message>
        <source>E&amp;xport Orders as CSV…</source>
        <translation>Aufträge als CSV e&amp;xportieren…</translation>
    </message>
</context>
<context>
    <name>pc::DesktopNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>Receiver %1</source>
        <translation>Empfänger %1</translation>
    </message>
</context>
<context>
    <name>pc::DropScanner</name>
    <message>
        <source>Not a regular file.</source>
        <translation>Keine reguläre Datei.</translation>
    </message>
    <message>
        <source>Not an STL file: only files ending in .stl are uploaded.</source>
        <translation>Keine STL-Datei: Nur Dateien mit der Endung .stl werden hochgeladen.</translation>
    </message>
    <message>
        <source>Cannot be read: you have no permission to read this file. Change its permissions and drop it again.</source>
        <translation>Nicht lesbar: Sie haben keine Berechtigung, diese Datei zu lesen. Ändern Sie die Berechtigungen, und legen Sie die Datei erneut ab.</translation>
    </message>
    <message>
        <source>Cannot be opened: you have no permission to read this folder.</source>
        <translation>Kann nicht geöffnet werden: Sie haben keine Berechtigung, diesen Ordner zu lesen.</translation>
    </message>
    <message>
        <source>No STL files in this folder or its subfolders.</source>
        <translation>Keine STL-Dateien in diesem Ordner oder seinen Unterordnern.</translation>
    </message>
    <message>
        <source>Not found: it may have been moved or deleted.</source>
        <translation>Nicht gefunden: möglicherweise verschoben oder gelöscht.</translation>
    </message>
    <message>
        <source>Not a file on this computer: download it first, then drop the downloaded file.</source>
        <translation>Keine Datei auf diesem Computer: Laden Sie sie zuerst herunter, und legen Sie dann die heruntergeladene Datei ab.</translation>
    </message>
    <message>
        <source>Its name is not valid UTF-8, so it cannot be opened. Rename it (for example in the file manager) and drop it again.</source>
        <translation>Ihr Name ist kein gültiges UTF-8, daher kann sie nicht geöffnet werden. Benennen Sie sie um (zum Beispiel im Dateimanager) und legen Sie sie erneut ab.</translation>
    </message>
    <message>
        <source>Empty (0 bytes): it holds no design. Export or download the design again and drop the new file.</source>
        <translation>Leer (0 Byte): Die Datei enthält kein Design. Exportieren oder laden Sie das Design erneut herunter und ziehen Sie die neue Datei hierher.</translation>
    </message>
</context>
<context>
    <name>pc::EnvironmentBadge</name>
    <message>
        <source>Environment icon</source>
        <translation>Umgebungssymbol</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Umgebung: %1</translation>
    </message>
</context>
<context>
    <name>pc::FileThumbnails</name>
    <message>
        <source>The file is not there any more.</source>
        <translation>Die Datei ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>The file cannot be read (no permission).</source>
        <translation>Die Datei kann nicht gelesen werden (keine Berechtigung).</translation>
    </message>
</context>
<context>
    <name>pc::MainWindow</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>Window title: %1 is the environment (Sandbox, Production...), %2 the application name</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation>Konsole schließen</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>Ü&amp;ber %1</translation>
    </message>
    <message>
        <source>Show the version and the connected service</source>
        <translation>Version und verbundenen Dienst anzeigen</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Show the Qt version the console is built with</source>
        <translation>Qt-Version anzeigen, mit der die Konsole erstellt wurde</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>%1 icon</source>
        <translation>Symbol von %1</translation>
    </message>
    <message>
        <source>Application name</source>
        <translation>Anwendungsname</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Upload the STL designs your shop has sold to Design Streaming, and follow each customer&apos;s print: from the moment they press Print to the printer owner&apos;s confirmation.</source>
        <translation>Laden Sie die STL-Designs, die Ihr Shop verkauft hat, zu Design Streaming hoch, und verfolgen Sie den Druck jedes Kunden: vom Moment, in dem er den Druck startet, bis zur Bestätigung durch den Besitzer des Druckers.</translation>
    </message>
    <message>
        <source>What this console does</source>
        <translation>Was diese Konsole tut</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Achtung</translation>
    </message>
    <message>
        <source>Connected service</source>
        <translation>Verbundener Dienst</translation>
    </message>
    <message>
        <source>Sandbox: the built-in service on this computer</source>
        <translation>Sandbox: der integrierte Dienst auf diesem Computer</translation>
    </message>
    <message>
        <source>The console is connected to a simulated Design Streaming service that runs inside this application. Nothing you upload leaves this computer; customers and their prints are simulated. The sandbox stops, and forgets everything, when you quit the console.</source>
        <translation>Die Konsole ist mit einer Simulation des Dienstes Design Streaming verbunden, die innerhalb dieser Anwendung läuft. Nichts, was Sie hochladen, verlässt diesen Computer; Kunden und ihre Drucke werden simuliert. Die Sandbox wird beendet und vergisst alles, wenn Sie die Konsole beenden.</translation>
    </message>
    <message>
        <source>Production: the Design Streaming service</source>
        <translation>Produktion: der Dienst Design Streaming</translation>
    </message>
    <message>
        <source>The console works with the live Design Streaming service and your partner account. Designs you upload reach real customers, and their prints are real.</source>
        <translation>Die Konsole arbeitet mit dem Live-Dienst von Design Streaming und Ihrem Partnerkonto. Hochgeladene Designs erreichen echte Kunden, und deren Drucke sind echt.</translation>
    </message>
    <message>
        <source>Custom service: a Design Streaming service you chose</source>
        <translation>Eigener Dienst: ein von Ihnen gewählter Dienst für Design Streaming</translation>
    </message>
    <message>
        <source>The console works with the service at the address given with --base-url and your partner account. Designs you upload are sent to that service.</source>
        <translation>Die Konsole arbeitet mit dem Dienst unter der mit --base-url angegebenen Adresse und Ihrem Partnerkonto. Hochgeladene Designs werden an diesen Dienst gesendet.</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Adresse des Dienstes</translation>
    </message>
    <message>
        <source>To work with real orders, connect your partner account: start the console with your API key in the PARTNER_CONSOLE_API_KEY environment variable.</source>
        <translation>Um mit echten Aufträgen zu arbeiten, verbinden Sie Ihr Partnerkonto: Starten Sie die Konsole mit Ihrem API-Schlüssel in der Umgebungsvariable PARTNER_CONSOLE_API_KEY.</translation>
    </message>
    <message>
        <source>How to connect your partner account</source>
        <translation>So verbinden Sie Ihr Partnerkonto</translation>
    </message>
    <message>
        <source>Designs and orders</source>
        <translation>Designs und Aufträge</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>No designs or orders yet</source>
        <translation>Noch keine Designs oder Aufträge</translation>
    </message>
    <message>
        <source>This version of the console does not upload designs yet. When it does, your upload queue and your customers&apos; orders will appear here.</source>
        <translation>Diese Version der Konsole lädt noch keine Designs hoch. Sobald sie es kann, erscheinen hier Ihre Upload-Warteschlange und die Aufträge Ihrer Kunden.</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Umgebung: %1</translation>
    </message>
    <message>
        <source>Upload queue</source>
        <translation>Upload-Warteschlange</translation>
    </message>
    <message>
        <source>Print status checks</source>
        <translation>Abfrage des Druckstatus</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>Uploads the STL designs your shop has sold to Design Streaming and follows each customer&apos;s print.</source>
        <translation>Lädt die STL-Designs, die Ihr Shop verkauft hat, zu Design Streaming hoch und verfolgt den Druck jedes Kunden.</translation>
    </message>
    <message>
        <source>Environment: %1, %2</source>
        <extracomment>%1 is the environment (Sandbox, Production...), %2 its address</extracomment>
        <translation>Umgebung: %1, %2</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Erstellt mit Qt %1, läuft unter Qt %2.</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Dash&amp;board</translation>
    </message>
    <message>
        <source>Built-in sandbox at %1: nothing you upload leaves this computer; customers and prints are simulated.</source>
        <translation>Integrierte Sandbox unter %1: Nichts, was Sie hochladen, verlässt diesen Computer; Kunden und Drucke werden simuliert.</translation>
    </message>
    <message>
        <source>Design Streaming at %1: uploads reach real customers.</source>
        <translation>Design Streaming unter %1: Uploads erreichen echte Kunden.</translation>
    </message>
    <message>
        <source>The service at %1.</source>
        <translation>Der Dienst unter %1.</translation>
    </message>
    <message>
        <source>Connect your partner account…</source>
        <translation>Partnerkonto verbinden…</translation>
    </message>
    <message>
        <source>Connect your partner account</source>
        <translation>Partnerkonto verbinden</translation>
    </message>
    <message>
        <source>Enter your partner API key to work with real orders</source>
        <translation>Geben Sie Ihren Partner-API-Schlüssel ein, um mit echten Aufträgen zu arbeiten</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Print page</source>
        <translation>Druckseite</translation>
    </message>
    <message>
        <source>The service did not return a link for this order.</source>
        <translation>Der Dienst hat für diesen Auftrag keinen Link zurückgegeben.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Queue a small sample STL to see the whole flow</source>
        <translation>Eine kleine Beispiel-STL-Datei in die Warteschlange stellen, um den ganzen Ablauf zu sehen</translation>
    </message>
    <message>
        <source>&amp;Find Orders</source>
        <translation>Aufträge &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>Show the console</source>
        <translation>Konsole anzeigen</translation>
    </message>
    <message>
        <source>Checking again %1.</source>
        <translation>Erneute Prüfung %1.</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
    <message>
        <source>Offline: checking again in %1 s</source>
        <translation>Offline: erneute Prüfung in %1 s</translation>
    </message>
    <message>
        <source>No open orders to follow</source>
        <translation>Keine offenen Aufträge zu verfolgen</translation>
    </message>
    <message>
        <source>Checking print status…</source>
        <translation>Druckstatus wird abgefragt…</translation>
    </message>
    <message>
        <source>The sample design could not be copied to %1.</source>
        <translation>Das Beispieldesign konnte nicht nach %1 kopiert werden.</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Einstellungen gespeichert</translation>
    </message>
    <message>
        <source>The console connects to the chosen service the next time it starts. Uploads in progress carry on with the current one until then.</source>
        <translation>Die Konsole verbindet sich beim nächsten Start mit dem gewählten Dienst. Laufende Uploads werden bis dahin mit dem aktuellen Dienst fortgesetzt.</translation>
    </message>
    <message>
        <source>Queue a sa&amp;mple design</source>
        <translation>Bei&amp;spieldesign einreihen</translation>
    </message>
    <message>
        <source>Team database %1 on %2</source>
        <translation>Team-Datenbank %1 auf %2</translation>
    </message>
    <message>
        <source>The order history is shared with the shop&apos;s other consoles: %1
This console: %2</source>
        <translation>Der Auftragsverlauf wird mit den anderen Konsolen des Shops geteilt: %1
Diese Konsole: %2</translation>
    </message>
    <message>
        <source>Order history</source>
        <translation>Auftragsverlauf</translation>
    </message>
    <message>
        <source>The console keeps its order history on this computer from the next time it starts. Until then it works on the current one.</source>
        <translation>Die Konsole führt ihren Auftragsverlauf ab dem nächsten Start auf diesem Computer. Bis dahin arbeitet sie mit dem aktuellen.</translation>
    </message>
    <message>
        <source>The console works on the shared team database the next time it starts. Until then it works on the current order history.</source>
        <translation>Die Konsole arbeitet ab dem nächsten Start mit der gemeinsamen Team-Datenbank. Bis dahin arbeitet sie mit dem aktuellen Auftragsverlauf.</translation>
    </message>
    <message>
        <source>Order history: the team database</source>
        <translation>Auftragsverlauf: die Team-Datenbank</translation>
    </message>
    <message>
        <source>Order history: this computer</source>
        <translation>Auftragsverlauf: dieser Computer</translation>
    </message>
    <message>
        <source>⚠ Team database on %1 unreachable: reconnecting…</source>
        <translation>⚠ Team-Datenbank auf %1 nicht erreichbar: verbinde erneut…</translation>
    </message>
    <message numerus="yes">
        <source>Following %n open order(s); next check in %1 s</source>
        <translation>
            <numerusform>%n offener Auftrag wird verfolgt; nächste Abfrage in %1 s</numerusform>
            <numerusform>%n offene Aufträge werden verfolgt; nächste Abfrage in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Following %n open order(s)</source>
        <translation>
            <numerusform>%n offener Auftrag wird verfolgt</numerusform>
            <numerusform>%n offene Aufträge werden verfolgt</numerusform>
        </translation>
    </message>
    <message>
        <source>Prints that ended</source>
        <translation>Beendete Drucke</translation>
    </message>
    <message>
        <source>Upload &amp;Queue</source>
        <translation>&amp;Upload-Warteschlange</translation>
    </message>
    <message>
        <source>Go to the upload queue and its order details form</source>
        <translation>Zur Upload-Warteschlange und ihrem Formular für die Auftragsdaten</translation>
    </message>
    <message>
        <source>Go to the orders table</source>
        <translation>Zur Auftragstabelle</translation>
    </message>
    <message>
        <source>Go to the dashboard</source>
        <translation>Zum Dashboard</translation>
    </message>
    <message>
        <source>Order D&amp;etails</source>
        <translation>Auftragsd&amp;etails</translation>
    </message>
    <message>
        <source>Go to the selected order&apos;s details</source>
        <translation>Zu den Details des ausgewählten Auftrags</translation>
    </message>
    <message>
        <source>&amp;Print Page</source>
        <translation>Druck&amp;seite</translation>
    </message>
    <message>
        <source>Go to the selected order&apos;s print page</source>
        <translation>Zur Druckseite des ausgewählten Auftrags</translation>
    </message>
    <message>
        <source>&amp;Next Pane</source>
        <translation>&amp;Nächster Bereich</translation>
    </message>
    <message>
        <source>Pre&amp;vious Pane</source>
        <translation>&amp;Vorheriger Bereich</translation>
    </message>
    <message>
        <source>Orders (%1)</source>
        <translation>Aufträge (%1)</translation>
    </message>
    <message>
        <source>Dashboard (%1)</source>
        <translation>Dashboard (%1)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s) under way stop now: %1. The next time the console starts it sends them again from the beginning, after asking the service whether a file already arrived, so no order is made twice.</source>
        <translation>
            <numerusform>%n laufender Upload wird jetzt abgebrochen: %1. Beim nächsten Start sendet die Konsole ihn von vorn, nachdem sie den Dienst gefragt hat, ob die Datei schon angekommen ist, sodass kein Auftrag doppelt entsteht.</numerusform>
            <numerusform>%n laufende Uploads werden jetzt abgebrochen: %1. Beim nächsten Start sendet die Konsole sie von vorn, nachdem sie den Dienst gefragt hat, ob eine Datei schon angekommen ist, sodass kein Auftrag doppelt entsteht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not sent yet stay in the queue and are sent the next time the console starts: %1.</source>
        <translation>
            <numerusform>%n noch nicht gesendete Datei bleibt in der Warteschlange und wird beim nächsten Start gesendet: %1.</numerusform>
            <numerusform>%n noch nicht gesendete Dateien bleiben in der Warteschlange und werden beim nächsten Start gesendet: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) waiting for order details stay in the queue, still waiting: %1. Nothing is sent for them until you confirm their details after the next start.</source>
        <translation>
            <numerusform>%n Datei, die auf Auftragsdaten wartet, bleibt wartend in der Warteschlange: %1. Für sie wird nichts gesendet, bis Sie nach dem nächsten Start ihre Daten bestätigen.</numerusform>
            <numerusform>%n Dateien, die auf Auftragsdaten warten, bleiben wartend in der Warteschlange: %1. Für sie wird nichts gesendet, bis Sie nach dem nächsten Start ihre Daten bestätigen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit the console?</source>
        <translation>Konsole beenden?</translation>
    </message>
    <message>
        <source>Quit while uploads are not finished?</source>
        <translation>Beenden, obwohl Uploads nicht fertig sind?</translation>
    </message>
    <message>
        <source>Quit while files wait for their order details?</source>
        <translation>Beenden, während Dateien auf ihre Auftragsdaten warten?</translation>
    </message>
    <message>
        <source>&amp;Quit Now</source>
        <translation>Jetzt &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Keep Working</source>
        <translation>&amp;Weiterarbeiten</translation>
    </message>
    <message>
        <source>Orders</source>
        <comment>tab</comment>
        <extracomment>Tab title</extracomment>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <comment>tab</comment>
        <extracomment>Tab title</extracomment>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Select an order to show its print page here.</source>
        <translation>Wählen Sie einen Auftrag, um hier seine Druckseite zu zeigen.</translation>
    </message>
    <message>
        <source>Print page: %1, %2</source>
        <extracomment>Title of the print page&apos;s dock: %1 is the partner job ID (or the file name), %2 the receiver&apos;s e-mail</extracomment>
        <translation>Druckseite: %1, %2</translation>
    </message>
    <message>
        <source>⚑ %1</source>
        <extracomment>Status bar sign of prints that ended: %1 is the latest (&quot;bracket.stl: Print failed&quot;)</extracomment>
        <translation>⚑ %1</translation>
    </message>
    <message numerus="yes">
        <source>⚑ %1 (and %n more)</source>
        <translation>
            <numerusform>⚑ %1 (und %n weiterer)</numerusform>
            <numerusform>⚑ %1 (und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Prints that ended:
%1
Click, or press %2, to see the orders.</source>
        <translation>Beendete Drucke:
%1
Klicken oder %2 drücken, um die Aufträge zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>Orders (%n new)</source>
        <comment>tab</comment>
        <extracomment>Tab title with the count of prints that ended since the orders were last looked at</extracomment>
        <translation>
            <numerusform>Aufträge (%n neu)</numerusform>
            <numerusform>Aufträge (%n neu)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could Not Unarchive</source>
        <translation>Zurückholen nicht möglich</translation>
    </message>
    <message>
        <source>Could Not Archive</source>
        <translation>Archivieren nicht möglich</translation>
    </message>
    <message>
        <source>Removed the note</source>
        <translation>Notiz entfernt</translation>
    </message>
    <message>
        <source>Saved the note</source>
        <translation>Notiz gespeichert</translation>
    </message>
    <message>
        <source>Could Not Save the Note</source>
        <translation>Notiz konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Deleted the order for %1 from this console</source>
        <translation>Auftrag für %1 aus dieser Konsole gelöscht</translation>
    </message>
    <message>
        <source>Could Not Delete</source>
        <translation>Löschen nicht möglich</translation>
    </message>
    <message numerus="yes">
        <source>Took %n order(s) out of the archive</source>
        <translation>
            <numerusform>%n Auftrag aus dem Archiv geholt</numerusform>
            <numerusform>%n Aufträge aus dem Archiv geholt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n order(s)</source>
        <translation>
            <numerusform>%n Auftrag archiviert</numerusform>
            <numerusform>%n Aufträge archiviert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n order(s); “Show archived” shows them again</source>
        <translation>
            <numerusform>%n Auftrag archiviert; „Archivierte anzeigen“ zeigt ihn wieder</numerusform>
            <numerusform>%n Aufträge archiviert; „Archivierte anzeigen“ zeigt sie wieder</numerusform>
        </translation>
    </message>
    <message>
        <source>The print page is %1 px wide: scroll sideways to see all of it, or widen this panel.</source>
        <translation>Die Druckseite ist %1 px breit: Scrollen Sie seitwärts, um alles zu sehen, oder verbreitern Sie diesen Bereich.</translation>
    </message>
    <message>
        <source>Connecting to the team database %1 on %2.</source>
        <translation>Verbindung zur Team-Datenbank %1 auf %2 wird hergestellt.</translation>
    </message>
    <message>
        <source>Opening the order store in %1.</source>
        <translation>Der Auftragsspeicher in %1 wird geöffnet.</translation>
    </message>
    <message>
        <source>Reading the order history…</source>
        <translation>Auftragsverlauf wird gelesen…</translation>
    </message>
    <message>
        <source>The order this page belonged to was deleted.</source>
        <translation>Der Auftrag, zu dem diese Seite gehörte, wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>pc::OrderDeletionDialog</name>
    <message>
        <source>Delete Test Order</source>
        <translation>Testauftrag löschen</translation>
    </message>
    <message>
        <source>Delete Order</source>
        <translation>Auftrag löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Archive Instead</source>
        <translation>Stattdessen archivieren</translation>
    </message>
    <message>
        <source>To delete it all the same, type the first %1 characters of the token (%2):</source>
        <translation>Um ihn trotzdem zu löschen, geben Sie die ersten %1 Zeichen des Tokens ein (%2):</translation>
    </message>
    <message>
        <source>The token&apos;s first characters</source>
        <translation>Die ersten Zeichen des Tokens</translation>
    </message>
    <message>
        <source>Delete the sandbox test order for %1?</source>
        <translation>Den Sandbox-Testauftrag für %1 löschen?</translation>
    </message>
    <message>
        <source>Delete the order for %1 from this console?</source>
        <translation>Den Auftrag für %1 aus dieser Konsole löschen?</translation>
    </message>
    <message>
        <source>Token: %1</source>
        <translation>Token: %1</translation>
    </message>
    <message>
        <source>Receiver: %1</source>
        <translation>Empfänger: %1</translation>
    </message>
    <message>
        <source>Job ID: %1</source>
        <translation>Job-ID: %1</translation>
    </message>
    <message>
        <source>The console forgets the token, its links, its print status history and its note. The sandbox is only a test service: no customer and no money are involved. This cannot be undone.</source>
        <translation>Die Konsole vergisst das Token, seine Links, seinen Statusverlauf und seine Notiz. Die Sandbox ist nur ein Testdienst: Kein Kunde und kein Geld sind betroffen. Dies lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>This is a real order. The console forgets its token, its links, its print status history and its note, and no longer follows its print. The service keeps the token: the customer can still print with the link, and the console cannot show that print again. This cannot be undone.</source>
        <translation>Dies ist ein echter Auftrag. Die Konsole vergisst sein Token, seine Links, seinen Statusverlauf und seine Notiz und verfolgt seinen Druck nicht mehr. Der Dienst behält das Token: Der Kunde kann mit dem Link weiterhin drucken, und die Konsole kann diesen Druck nicht mehr zeigen. Dies lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Archive the order instead to only hide it from the table; archived orders can be shown again at any time.</source>
        <translation>Archivieren Sie den Auftrag stattdessen, um ihn nur in der Tabelle auszublenden; archivierte Aufträge lassen sich jederzeit wieder anzeigen.</translation>
    </message>
</context>
<context>
    <name>pc::OrderDetails</name>
    <message>
        <source>The customer has not pressed Print yet.</source>
        <translation>Der Kunde hat „Drucken“ noch nicht gedrückt.</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <extracomment>The printer owner&apos;s comment, quoted</extracomment>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>Printer: %1</source>
        <translation>Drucker: %1</translation>
    </message>
    <message>
        <source>Order details</source>
        <translation>Auftragsdaten</translation>
    </message>
    <message>
        <source>Select an order to see its file, links and status history.</source>
        <translation>Wählen Sie einen Auftrag aus, um Datei, Links und Statusverlauf zu sehen.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Print started</source>
        <translation>Druckbeginn</translation>
    </message>
    <message>
        <source>Print finished</source>
        <translation>Druckende</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>Print time</source>
        <translation>Druckzeit</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>TLS link</source>
        <translation>TLS-Link</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Triangles</source>
        <translation>Dreiecke</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>No status change has been recorded yet.</source>
        <translation>Bisher wurde keine Statusänderung aufgezeichnet.</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>%1 (unknown to the service)</source>
        <translation>%1 (dem Dienst unbekannt)</translation>
    </message>
    <message>
        <source>The uploaded file is not known on this computer, so there is no preview.</source>
        <translation>Die hochgeladene Datei ist auf diesem Computer nicht bekannt, daher gibt es keine Vorschau.</translation>
    </message>
    <message>
        <source>The file is no longer at %1, so there is no preview.</source>
        <translation>Die Datei befindet sich nicht mehr unter %1, daher gibt es keine Vorschau.</translation>
    </message>
    <message>
        <source>The file at %1 has changed since it was uploaded, so it is not shown here.</source>
        <translation>Die Datei unter %1 wurde seit dem Hochladen geändert und wird daher hier nicht angezeigt.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>The file could not be read for a preview: %1</source>
        <translation>Die Datei konnte für eine Vorschau nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Preview of the file at %1.</source>
        <translation>Vorschau der Datei unter %1.</translation>
    </message>
    <message>
        <source>(reconstructed)</source>
        <translation>(rekonstruiert)</translation>
    </message>
    <message>
        <source>Built from the service&apos;s token page address: the answer of the upload, which carries the links, was lost.</source>
        <translation>Aus der Adresse der Token-Seite des Dienstes gebildet: Die Antwort des Uploads, die die Links enthält, ging verloren.</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>pc::OrderFactsBar</name>
    <message>
        <source>Order details</source>
        <translation>Auftragsdaten</translation>
    </message>
    <message>
        <source>customer@example.com</source>
        <translation>customer@example.com</translation>
    </message>
    <message>
        <source>Receiver e-mail</source>
        <translation>Empfänger-E-Mail</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <extracomment>Example price in the price field; shown in the user&apos;s number format</extracomment>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Partner job ID</source>
        <translation>Partner-Job-ID</translation>
    </message>
    <message>
        <source>&amp;Receiver e-mail</source>
        <translation>&amp;Empfänger-E-Mail</translation>
    </message>
    <message>
        <source>&amp;Price</source>
        <translation>&amp;Preis</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>Wäh&amp;rung</translation>
    </message>
    <message>
        <source>Partner &amp;job ID</source>
        <translation>Partner-&amp;Job-ID</translation>
    </message>
    <message>
        <source>Don&apos;t queue them</source>
        <translation>Nicht einreihen</translation>
    </message>
    <message>
        <source>Give the selected queue rows these details</source>
        <translation>Den ausgewählten Zeilen der Warteschlange diese Daten zuweisen</translation>
    </message>
    <message>
        <source>Queue the waiting files with these details</source>
        <translation>Die wartenden Dateien mit diesen Daten in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n file(s)</source>
        <translation>
            <numerusform>%n Datei einreihen</numerusform>
            <numerusform>%n Dateien einreihen</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Einreihen</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n selected row(s)</source>
        <translation>
            <numerusform>Auf %n ausgewählte Zeile anwenden</numerusform>
            <numerusform>Auf %n ausgewählte Zeilen anwenden</numerusform>
        </translation>
    </message>
    <message>
        <source>The selected rows are uploading or done: their details can no longer change</source>
        <translation>Die ausgewählten Zeilen werden hochgeladen oder sind fertig; deren Daten können nicht mehr geändert werden</translation>
    </message>
    <message>
        <source>Files you drop or add wait in the queue until you confirm their details here. Select rows in the queue to change theirs.</source>
        <translation>Dateien, die Sie ablegen oder hinzufügen, warten in der Warteschlange, bis Sie hier ihre Daten bestätigen. Wählen Sie Zeilen in der Warteschlange aus, um deren Daten zu ändern.</translation>
    </message>
    <message>
        <source>Take these waiting files off the queue; the files themselves stay on disk</source>
        <translation>Diese wartenden Dateien aus der Warteschlange nehmen; die Dateien selbst bleiben auf dem Datenträger</translation>
    </message>
    <message>
        <source>Use the last details</source>
        <translation>Letzte Daten verwenden</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <extracomment>After the first few file names of a batch: &quot;a.stl, b.stl, c.stl, d.stl and 3 more&quot;</extracomment>
        <translation>
            <numerusform>%1 und %n weitere</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For %n file(s): %1</source>
        <extracomment>Which files the order details form is for: %1 lists their names</extracomment>
        <translation>
            <numerusform>Für %n Datei: %1</numerusform>
            <numerusform>Für %n Dateien: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Then %n more file(s), which will get their own details: %1</source>
        <extracomment>Files that arrived while the form was for other files; %1 lists their names</extracomment>
        <translation>
            <numerusform>Danach %n weitere Datei, die eigene Daten bekommt: %1</numerusform>
            <numerusform>Danach %n weitere Dateien, die eigene Daten bekommen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Fill in the details last queued: %1, %2 %3</source>
        <extracomment>%1 receiver e-mail, %2 currency code, %3 price</extracomment>
        <translation>Die zuletzt eingereihten Daten eintragen: %1, %2 %3</translation>
    </message>
    <message>
        <source>Check the details, then press Queue to send them.</source>
        <translation>Prüfen Sie die Daten und klicken Sie dann auf „Einreihen“, um sie zu senden.</translation>
    </message>
    <message>
        <source>Waiting for order details: complete the form, then press Queue.</source>
        <translation>Wartet auf Auftragsdaten: Füllen Sie das Formular aus und klicken Sie dann auf „Einreihen“.</translation>
    </message>
    <message>
        <source>Files waiting for order details get theirs with Queue, when this form names them</source>
        <translation>Dateien, die auf Auftragsdaten warten, bekommen sie mit „Einreihen“, sobald dieses Formular sie nennt</translation>
    </message>
</context>
<context>
    <name>pc::OrderSummaryModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
</context>
<context>
    <name>pc::OrderTableModel</name>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>The service no longer knows this token, so its status is not updated.</source>
        <translation>Der Dienst kennt dieses Token nicht mehr, daher wird sein Status nicht aktualisiert.</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier change(s)</source>
        <translation>
            <numerusform>%n frühere Änderung</numerusform>
            <numerusform>%n frühere Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (unknown to the service)</source>
        <extracomment>%1 is the last status the service reported</extracomment>
        <translation>%1 (dem Dienst unbekannt)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Print time</source>
        <translation>Druckzeit</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>A progress percentage, e.g. &quot;45 %&quot;</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Archived on %1</source>
        <translation>Archiviert am %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>pc::OrdersPanel</name>
    <message>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Export Orders as CSV</source>
        <translation>Aufträge als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Search file, receiver, job ID or token</source>
        <translation>Datei, Empfänger, Job-ID oder Token suchen</translation>
    </message>
    <message>
        <source>Search orders</source>
        <translation>Aufträge durchsuchen</translation>
    </message>
    <message>
        <source>Show orders by status</source>
        <translation>Aufträge nach Status anzeigen</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>Alle Aufträge</translation>
    </message>
    <message>
        <source>Open (not confirmed yet)</source>
        <translation>Offen (noch nicht bestätigt)</translation>
    </message>
    <message>
        <source>Failed prints</source>
        <translation>Fehlgeschlagene Drucke</translation>
    </message>
    <message>
        <source>Finished (confirmed)</source>
        <translation>Abgeschlossen (bestätigt)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Reset Column Widths</source>
        <translation>Spaltenbreiten zurücksetzen</translation>
    </message>
    <message>
        <source>Orders appear here once a file is uploaded</source>
        <translation>Aufträge erscheinen hier, sobald eine Datei hochgeladen ist</translation>
    </message>
    <message>
        <source>Drop STL files on the upload queue. Each uploaded file becomes an order, and its customer&apos;s print shows up here as it happens.</source>
        <translation>Legen Sie STL-Dateien in der Upload-Warteschlange ab. Jede hochgeladene Datei wird zu einem Auftrag, und der Druck des Kunden erscheint hier, während er läuft.</translation>
    </message>
    <message>
        <source>No orders yet</source>
        <translation>Noch keine Aufträge</translation>
    </message>
    <message>
        <source>No orders match</source>
        <translation>Keine passenden Aufträge</translation>
    </message>
    <message>
        <source>Show All Orders</source>
        <translation>Alle Aufträge anzeigen</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Angezeigt: %1 von %2</translation>
    </message>
    <message>
        <source>Orders: %1</source>
        <translation>Aufträge: %1</translation>
    </message>
    <message>
        <source>No order has the status “%1”.</source>
        <translation>Kein Auftrag hat den Status „%1“.</translation>
    </message>
    <message>
        <source>No order matches “%1” with the status filter “%2”.</source>
        <translation>Kein Auftrag passt zu „%1“ mit dem Statusfilter „%2“.</translation>
    </message>
    <message>
        <source>&amp;Refresh Status Now</source>
        <translation>Status jetzt a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Ask the service for the print status of the selected orders now</source>
        <translation>Den Druckstatus der ausgewählten Aufträge jetzt beim Dienst abfragen</translation>
    </message>
    <message>
        <source>&amp;Show Print Page</source>
        <translation>&amp;Druckseite anzeigen</translation>
    </message>
    <message>
        <source>Show the selected order&apos;s print page in the token widget</source>
        <translation>Die Druckseite des ausgewählten Auftrags im Bereich „Druckseite“ anzeigen</translation>
    </message>
    <message>
        <source>&amp;Copy Token Link</source>
        <translation>Token-&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Copy the token link of the selected orders</source>
        <translation>Den Token-Link der ausgewählten Aufträge kopieren</translation>
    </message>
    <message>
        <source>&amp;Open in Browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <source>Open the selected order&apos;s token link in your web browser</source>
        <translation>Den Token-Link des ausgewählten Auftrags in Ihrem Webbrowser öffnen</translation>
    </message>
    <message>
        <source>&amp;Export Selection as CSV…</source>
        <translation>Auswahl als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the selected orders as a CSV file for a spreadsheet</source>
        <translation>Die ausgewählten Aufträge als CSV-Datei für eine Tabellenkalkulation speichern</translation>
    </message>
    <message>
        <source>Checking the print status now…</source>
        <translation>Druckstatus wird jetzt geprüft…</translation>
    </message>
    <message>
        <source>Checking the print status of the selected orders now…</source>
        <translation>Druckstatus der ausgewählten Aufträge wird jetzt geprüft…</translation>
    </message>
    <message>
        <source>Copied the token link to the clipboard</source>
        <translation>Token-Link in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Copied the token links of the selected orders to the clipboard, one per line</source>
        <translation>Token-Links der ausgewählten Aufträge in die Zwischenablage kopiert, einer pro Zeile</translation>
    </message>
    <message>
        <source>Opened the token link of %1 in your browser</source>
        <translation>Token-Link von %1 in Ihrem Browser geöffnet</translation>
    </message>
    <message>
        <source>Could Not Open the Browser</source>
        <translation>Browser konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The console could not start a web browser for the token link of %1. The link is now on the clipboard: paste it into your browser&apos;s address bar.</source>
        <translation>Die Konsole konnte keinen Webbrowser für den Token-Link von %1 starten. Der Link befindet sich jetzt in der Zwischenablage: Fügen Sie ihn in die Adressleiste Ihres Browsers ein.</translation>
    </message>
    <message>
        <source>orders-%1.csv</source>
        <translation>orders-%1.csv</translation>
    </message>
    <message>
        <source>Exported the selected orders to %1</source>
        <translation>Ausgewählte Aufträge nach %1 exportiert</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>You may not write to the folder %1.</source>
        <translation>Sie haben keine Schreibrechte für den Ordner %1.</translation>
    </message>
    <message>
        <source>The system said: %1.</source>
        <translation>Meldung des Systems: %1.</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The orders could not be saved as %1. %2 Choose another folder, or free some disk space, and export again.</source>
        <translation>Die Aufträge konnten nicht als %1 gespeichert werden. %2 Wählen Sie einen anderen Ordner oder geben Sie Speicherplatz frei, und exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>An&amp;zeigen:</translation>
    </message>
    <message>
        <source>Note on the Order</source>
        <translation>Notiz zum Auftrag</translation>
    </message>
    <message>
        <source>A note on %1 (at most %2 characters; empty removes it):</source>
        <translation>Eine Notiz zu %1 (höchstens %2 Zeichen; leer entfernt sie):</translation>
    </message>
    <message>
        <source>Need attention (cannot move)</source>
        <translation>Brauchen Aufmerksamkeit (bewegen sich nicht)</translation>
    </message>
    <message>
        <source>Show ar&amp;chived</source>
        <translation>Archi&amp;vierte anzeigen</translation>
    </message>
    <message>
        <source>Show archived orders in the table too</source>
        <translation>Archivierte Aufträge ebenfalls in der Tabelle zeigen</translation>
    </message>
    <message>
        <source>Show the orders of every day again</source>
        <translation>Wieder die Aufträge aller Tage zeigen</translation>
    </message>
    <message>
        <source>Finished on %1 ✕</source>
        <extracomment>A filter of the orders table; clicking it shows every day again</extracomment>
        <translation>Beendet am %1 ✕</translation>
    </message>
    <message>
        <source>Every order is archived. Tick “Show archived” to see them.</source>
        <translation>Alle Aufträge sind archiviert. Setzen Sie ein Häkchen bei „Archivierte anzeigen“, um sie zu sehen.</translation>
    </message>
    <message>
        <source>Copy &amp;Message for the Customer</source>
        <translation>&amp;Nachricht für den Kunden kopieren</translation>
    </message>
    <message>
        <source>Copy a ready message with the receiver, job ID and print link, to send the link again</source>
        <translation>Eine fertige Nachricht mit Empfänger, Job-ID und Drucklink kopieren, um den Link erneut zu senden</translation>
    </message>
    <message>
        <source>E-mail the &amp;Link to the Customer…</source>
        <translation>Link per E-&amp;Mail an den Kunden senden…</translation>
    </message>
    <message>
        <source>Open a mail to the receiver with the print link in your mail program</source>
        <translation>Eine E-Mail an den Empfänger mit dem Drucklink in Ihrem E-Mail-Programm öffnen</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Hide the selected orders from the table; their prints are still followed</source>
        <translation>Die ausgewählten Aufträge in der Tabelle ausblenden; ihre Drucke werden weiter verfolgt</translation>
    </message>
    <message>
        <source>&amp;Unarchive</source>
        <translation>Aus dem Archiv &amp;holen</translation>
    </message>
    <message>
        <source>Show the selected archived orders in the table again</source>
        <translation>Die ausgewählten archivierten Aufträge wieder in der Tabelle zeigen</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>N&amp;otiz hinzufügen…</translation>
    </message>
    <message>
        <source>Keep a note on the selected order</source>
        <translation>Eine Notiz zum ausgewählten Auftrag speichern</translation>
    </message>
    <message>
        <source>&amp;Delete Order…</source>
        <translation>Auf&amp;trag löschen…</translation>
    </message>
    <message>
        <source>Remove the selected order from this console&apos;s records (asks first; the service keeps the token)</source>
        <translation>Den ausgewählten Auftrag aus den Aufzeichnungen dieser Konsole entfernen (fragt zuerst; der Dienst behält das Token)</translation>
    </message>
    <message>
        <source>Show Archived Orders</source>
        <translation>Archivierte Aufträge anzeigen</translation>
    </message>
    <message>
        <source>Copied a message with the print link for %1 to the clipboard</source>
        <translation>Nachricht mit dem Drucklink für %1 in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Opened a mail to %1 in your mail program</source>
        <translation>E-Mail an %1 in Ihrem E-Mail-Programm geöffnet</translation>
    </message>
    <message>
        <source>Could Not Open a Mail Program</source>
        <translation>Kein E-Mail-Programm geöffnet</translation>
    </message>
    <message>
        <source>The console could not open a mail program for %1. The message with the print link is now on the clipboard: paste it into a new mail.</source>
        <translation>Die Konsole konnte kein E-Mail-Programm für %1 öffnen. Die Nachricht mit dem Drucklink liegt jetzt in der Zwischenablage: Fügen Sie sie in eine neue E-Mail ein.</translation>
    </message>
    <message>
        <source>Note Too Long</source>
        <translation>Notiz zu lang</translation>
    </message>
    <message>
        <source>The note has %1 characters; an order keeps at most %2. Shorten it and save it again.</source>
        <translation>Die Notiz hat %1 Zeichen; ein Auftrag speichert höchstens %2. Kürzen Sie sie und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>Edit &amp;Note…</source>
        <translation>N&amp;otiz bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete Test Order…</source>
        <translation>Tes&amp;tauftrag löschen…</translation>
    </message>
    <message>
        <source>Reading the order history…</source>
        <translation>Auftragsverlauf wird gelesen…</translation>
    </message>
    <message>
        <source>Reading the order history</source>
        <translation>Auftragsverlauf wird gelesen</translation>
    </message>
</context>
<context>
    <name>pc::QueueNotice</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
</context>
<context>
    <name>pc::QueuePanel</name>
    <message>
        <source>Upload queue</source>
        <translation>Upload-Warteschlange</translation>
    </message>
    <message>
        <source>Drop to add to the upload queue</source>
        <translation>Ablegen, um zur Upload-Warteschlange hinzuzufügen</translation>
    </message>
    <message>
        <source>The change was not made</source>
        <translation>Die Änderung wurde nicht vorgenommen</translation>
    </message>
    <message>
        <source>Drop STL files or folders here</source>
        <translation>STL-Dateien oder Ordner hierher ziehen</translation>
    </message>
    <message>
        <source>Empty upload queue</source>
        <translation>Leere Upload-Warteschlange</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Choose STL files to upload (Ctrl+O)</source>
        <translation>STL-Dateien zum Hochladen auswählen (Ctrl+O)</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Choose a folder: every .stl file in it is queued</source>
        <translation>Ordner auswählen: Jede .stl-Datei darin wird in die Warteschlange gestellt</translation>
    </message>
    <message>
        <source>Add STL Files</source>
        <translation>STL-Dateien hinzufügen</translation>
    </message>
    <message>
        <source>STL files (*.stl *.STL *.Stl);;All files (*)</source>
        <translation>STL-Dateien (*.stl *.STL *.Stl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add a Folder of STL Files</source>
        <translation>Ordner mit STL-Dateien hinzufügen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Edit Details</source>
        <translation>Details &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Load the row&apos;s details into the order details form to change them</source>
        <translation>Die Daten der Zeile zum Ändern in das Formular für Auftragsdaten laden</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Try the selected failed or cancelled uploads again</source>
        <translation>Die ausgewählten fehlgeschlagenen oder abgebrochenen Uploads erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Cancel Upload</source>
        <translation>Upload &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop the selected uploads; they stay in the queue</source>
        <translation>Die ausgewählten Uploads abbrechen; sie bleiben in der Warteschlange</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Hold the selected rows</source>
        <translation>Die ausgewählten Zeilen anhalten</translation>
    </message>
    <message>
        <source>Resu&amp;me</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the selected rows</source>
        <translation>Die ausgewählten Zeilen fortsetzen</translation>
    </message>
    <message>
        <source>Remo&amp;ve from Queue</source>
        <translation>Aus der Warteschlange &amp;entfernen</translation>
    </message>
    <message>
        <source>Take the selected rows out of the queue (files and orders are kept)</source>
        <translation>Die ausgewählten Zeilen aus der Warteschlange nehmen (Dateien und Aufträge bleiben erhalten)</translation>
    </message>
    <message>
        <source>Move to &amp;Top</source>
        <translation>&amp;Ganz nach oben</translation>
    </message>
    <message>
        <source>Upload the selected rows first</source>
        <translation>Die ausgewählten Zeilen zuerst hochladen</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>&amp;Nach oben</translation>
    </message>
    <message>
        <source>Move the selected rows up one place</source>
        <translation>Die ausgewählten Zeilen um eine Position nach oben verschieben</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Move the selected rows down one place</source>
        <translation>Die ausgewählten Zeilen um eine Position nach unten verschieben</translation>
    </message>
    <message>
        <source>Move to &amp;Bottom</source>
        <translation>Ganz nach un&amp;ten</translation>
    </message>
    <message>
        <source>Upload the selected rows last</source>
        <translation>Die ausgewählten Zeilen zuletzt hochladen</translation>
    </message>
    <message>
        <source>Pause &amp;All</source>
        <translation>A&amp;lle pausieren</translation>
    </message>
    <message>
        <source>Hold every upload that has not finished</source>
        <translation>Alle nicht abgeschlossenen Uploads anhalten</translation>
    </message>
    <message>
        <source>Re&amp;sume All</source>
        <translation>Alle fort&amp;setzen</translation>
    </message>
    <message>
        <source>Continue every paused upload</source>
        <translation>Alle pausierten Uploads fortsetzen</translation>
    </message>
    <message>
        <source>Retry Fa&amp;iled</source>
        <translation>Fehlgeschlagene w&amp;iederholen</translation>
    </message>
    <message>
        <source>Try every failed upload again</source>
        <translation>Alle fehlgeschlagenen Uploads erneut versuchen</translation>
    </message>
    <message>
        <source>Take done and cancelled rows out of the queue</source>
        <translation>Fertige und abgebrochene Zeilen aus der Warteschlange nehmen</translation>
    </message>
    <message>
        <source>Add &amp;Files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Choose STL files to upload</source>
        <translation>STL-Dateien zum Hochladen auswählen</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped: they are uploading or done, so they keep the details they were sent with.</source>
        <translation>
            <numerusform>%n Zeile übersprungen, da sie gerade hochgeladen wird oder fertig ist; sie behält die Daten, mit denen sie gesendet wurde.</numerusform>
            <numerusform>%n Zeilen übersprungen, da sie gerade hochgeladen werden oder fertig sind; sie behalten die Daten, mit denen sie gesendet wurden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) could not be changed: the order store did not save the change (see the message above). Try again in a moment.</source>
        <translation>
            <numerusform>%n Zeile konnte nicht geändert werden: Die Auftragsdatenbank hat die Änderung nicht gespeichert (siehe Meldung oben). Versuchen Sie es gleich noch einmal.</numerusform>
            <numerusform>%n Zeilen konnten nicht geändert werden: Die Auftragsdatenbank hat die Änderung nicht gespeichert (siehe Meldung oben). Versuchen Sie es gleich noch einmal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed the details of %n row(s).</source>
        <translation>
            <numerusform>Daten von %n Zeile geändert.</numerusform>
            <numerusform>Daten von %n Zeilen geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>A change could not be saved</source>
        <translation>Eine Änderung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Possible duplicate orders</source>
        <translation>Mögliche doppelte Aufträge</translation>
    </message>
    <message>
        <source>The same file for the same receiver is queued or was sent before. Remove the extra row, or keep it if the customer bought the design twice. Double-click a line to select its row.</source>
        <translation>Dieselbe Datei für denselben Empfänger steht bereits in der Warteschlange oder wurde schon gesendet. Entfernen Sie die überzählige Zeile, oder behalten Sie sie, wenn der Kunde das Design zweimal gekauft hat. Doppelklicken Sie auf einen Eintrag, um die zugehörige Zeile auszuwählen.</translation>
    </message>
    <message>
        <source>Queue row</source>
        <translation>Warteschlangeneintrag</translation>
    </message>
    <message>
        <source>Same file and receiver as</source>
        <translation>Gleiche Datei und gleicher Empfänger wie</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>Grund für das Überspringen</translation>
    </message>
    <message numerus="yes">
        <source>%n dropped file(s) not queued</source>
        <translation>
            <numerusform>%n abgelegte Datei nicht in die Warteschlange gestellt</numerusform>
            <numerusform>%n abgelegte Dateien nicht in die Warteschlange gestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>Only STL files (.stl) that can be read are uploaded. Fix the files listed below and drop them again if they should be.</source>
        <translation>Nur lesbare STL-Dateien (.stl) werden hochgeladen. Korrigieren Sie die unten aufgeführten Dateien, und legen Sie sie erneut ab, falls sie hochgeladen werden sollen.</translation>
    </message>
    <message>
        <source>“%1” for %2</source>
        <extracomment>A queue row in the duplicate list: %1 is the file name, %2 the receiver</extracomment>
        <translation>„%1“ für %2</translation>
    </message>
    <message>
        <source>Queue item %1</source>
        <translation>Warteschlangeneintrag %1</translation>
    </message>
    <message>
        <source>%1
The queue starts no new uploads until you resume it, or for 30 seconds.</source>
        <translation>%1
Die Warteschlange startet keine neuen Uploads, bis Sie sie fortsetzen oder 30 Sekunden vergangen sind.</translation>
    </message>
    <message numerus="yes">
        <source>%n uploading</source>
        <translation>
            <numerusform>%n wird hochgeladen</numerusform>
            <numerusform>%n werden hochgeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartet</numerusform>
            <numerusform>%n warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n pausiert</numerusform>
            <numerusform>%n pausiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finished</source>
        <translation>
            <numerusform>%n fertig</numerusform>
            <numerusform>%n fertig</numerusform>
        </translation>
    </message>
    <message>
        <source>Upload queue empty</source>
        <extracomment>Queue totals for the status bar: %1 is the count, %2 the list of states</extracomment>
        <translation>Upload-Warteschlange leer</translation>
    </message>
    <message numerus="yes">
        <source>%n in the upload queue: %1</source>
        <translation>
            <numerusform>%n in der Upload-Warteschlange: %1</numerusform>
            <numerusform>%n in der Upload-Warteschlange: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>E&amp;rledigte entfernen</translation>
    </message>
    <message>
        <source>Folders are searched for .stl files, subfolders included. Each file becomes one order once you confirm its details above; other files are listed as skipped.</source>
        <translation>Ordner werden einschließlich Unterordnern nach .stl-Dateien durchsucht. Jede Datei wird zu einem Auftrag, sobald Sie oben ihre Auftragsdaten bestätigen; andere Dateien werden als übersprungen aufgeführt.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped: they wait for their own order details, which you confirm with Queue when the form names them.</source>
        <translation>
            <numerusform>%n Zeile übersprungen: Sie wartet auf eigene Auftragsdaten, die Sie mit „Einreihen“ bestätigen, sobald das Formular sie nennt.</numerusform>
            <numerusform>%n Zeilen übersprungen: Sie warten auf eigene Auftragsdaten, die Sie mit „Einreihen“ bestätigen, sobald das Formular sie nennt.</numerusform>
        </translation>
    </message>
    <message>
        <source>R&amp;esume the queue</source>
        <translation>Warteschlange &amp;fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for order details (%1)</source>
        <extracomment>Queue totals: %1 names the files that wait (&quot;a.stl, b.stl and 2 more&quot;)</extracomment>
        <translation>
            <numerusform>%n wartet auf Auftragsdaten (%1)</numerusform>
            <numerusform>%n warten auf Auftragsdaten (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pc::QueueStateDelegate</name>
    <message>
        <source>Measuring the speed…</source>
        <translation>Geschwindigkeit wird gemessen…</translation>
    </message>
    <message>
        <source>%1 · %2 left</source>
        <extracomment>Upload figures: %1 is the speed (&quot;1.2 MB/s&quot;), %2 the time left (&quot;0:00:12&quot;)</extracomment>
        <translation>%1 · noch %2</translation>
    </message>
</context>
<context>
    <name>pc::QueueViewModel</name>
    <message>
        <source>Sent with the upload; it can no longer be changed.</source>
        <translation>Mit dem Upload gesendet; kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation>Nächster Versuch: %1</translation>
    </message>
    <message>
        <source>Attempts so far: %1</source>
        <translation>Bisherige Versuche: %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Triangles</source>
        <translation>Dreiecke</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Width × depth × height of the design, in millimetres</source>
        <translation>Breite × Tiefe × Höhe des Designs in Millimetern</translation>
    </message>
    <message>
        <source>Your own reference for the order (partner job ID), sent with it</source>
        <translation>Ihre eigene Referenz für den Auftrag (Partner-Job-ID); wird mitgesendet</translation>
    </message>
    <message>
        <source>The customer&apos;s e-mail address: the print page is for them</source>
        <translation>E-Mail-Adresse des Kunden: Die Druckseite ist für ihn bestimmt</translation>
    </message>
    <message>
        <source>The details of “%1” could not be changed: it is uploading or done, or the order store refused the change.</source>
        <translation>Die Daten von „%1“ konnten nicht geändert werden: Die Datei wird gerade hochgeladen oder ist fertig, oder die Auftragsdatenbank hat die Änderung abgelehnt.</translation>
    </message>
    <message>
        <source>Not sent until you confirm the order details for this file.</source>
        <translation>Wird erst gesendet, wenn Sie die Auftragsdaten für diese Datei bestätigen.</translation>
    </message>
    <message>
        <source>Probably drawn in inches, not millimetres: it would be %1.</source>
        <extracomment>%1 is the size the design would have, e.g. &quot;23.4 × 38.6 × 82.3 mm&quot;</extracomment>
        <translation>Wahrscheinlich in Zoll gezeichnet, nicht in Millimetern: Es wäre %1.</translation>
    </message>
    <message>
        <source>Probably drawn in metres, not millimetres: it would be %1.</source>
        <translation>Wahrscheinlich in Metern gezeichnet, nicht in Millimetern: Es wäre %1.</translation>
    </message>
    <message>
        <source>Probably drawn in micrometres, not millimetres: it would be %1.</source>
        <translation>Wahrscheinlich in Mikrometern gezeichnet, nicht in Millimetern: Es wäre %1.</translation>
    </message>
</context>
<context>
    <name>pc::SandboxMenu</name>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <source>Print &amp;speed</source>
        <translation>Druck&amp;geschwindigkeit</translation>
    </message>
    <message>
        <source>Real time (1×)</source>
        <translation>Echtzeit (1×)</translation>
    </message>
    <message>
        <source>%1× faster</source>
        <translation>%1× schneller</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Start printing &amp;by itself</source>
        <translation>&amp;Von selbst drucken</translation>
    </message>
    <message>
        <source>Never: the customer presses Print</source>
        <translation>Nie: Der Kunde drückt auf Drucken</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) after the upload</source>
        <translation>
            <numerusform>%n Sekunde nach dem Upload</numerusform>
            <numerusform>%n Sekunden nach dem Upload</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 seconds after the upload</source>
        <translation>%1 Sekunden nach dem Upload</translation>
    </message>
    <message>
        <source>Print &amp;outcome</source>
        <translation>Druck&amp;ergebnis</translation>
    </message>
    <message>
        <source>Random (mostly success)</source>
        <translation>Zufällig (meist Erfolg)</translation>
    </message>
    <message>
        <source>Always success</source>
        <translation>Immer Erfolg</translation>
    </message>
    <message>
        <source>Always failure</source>
        <translation>Immer Fehlschlag</translation>
    </message>
    <message>
        <source>Applies to prints that start from now on</source>
        <translation>Gilt für Drucke, die ab jetzt beginnen</translation>
    </message>
    <message>
        <source>Tokens and prints are kept in %1</source>
        <translation>Tokens und Drucke werden in %1 aufbewahrt</translation>
    </message>
</context>
<context>
    <name>pc::SecretStore</name>
    <message>
        <source>The system keychain refused to give out the API key: %1</source>
        <translation>Der Systemschlüsselbund hat die Herausgabe des API-Schlüssels verweigert: %1</translation>
    </message>
    <message>
        <source>No system keychain is available on this computer.</source>
        <translation>Auf diesem Computer ist kein Systemschlüsselbund verfügbar.</translation>
    </message>
    <message>
        <source>%1 The key was saved in %2, readable only by you.</source>
        <translation>%1 Der Schlüssel wurde in %2 gespeichert und ist nur für Sie lesbar.</translation>
    </message>
    <message>
        <source>%1 The key is kept until the console closes; you will be asked for it again next time.</source>
        <translation>%1 Der Schlüssel wird bis zum Schließen der Konsole aufbewahrt; beim nächsten Mal werden Sie erneut danach gefragt.</translation>
    </message>
    <message>
        <source>No system keychain is available.</source>
        <translation>Es ist kein Systemschlüsselbund verfügbar.</translation>
    </message>
    <message>
        <source>The key was saved in the system keychain.</source>
        <translation>Der Schlüssel wurde im Systemschlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>The system keychain did not store the key: %1</source>
        <translation>Der Systemschlüsselbund hat den Schlüssel nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The API key could not be removed everywhere: %1</source>
        <translation>Der API-Schlüssel konnte nicht überall entfernt werden: %1</translation>
    </message>
    <message>
        <source>The system keychain refused to give out the database password: %1</source>
        <translation>Der Schlüsselbund des Systems hat das Datenbank-Passwort nicht herausgegeben: %1</translation>
    </message>
    <message>
        <source>%1 The password was saved in %2, readable only by you.</source>
        <translation>%1 Das Passwort wurde in %2 gespeichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <source>%1 The password is kept until the console closes; you will be asked for it again next time.</source>
        <translation>%1 Das Passwort bleibt erhalten, bis die Konsole geschlossen wird; beim nächsten Mal werden Sie erneut danach gefragt.</translation>
    </message>
    <message>
        <source>The password was saved in the system keychain.</source>
        <translation>Das Passwort wurde im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>The system keychain did not store the password: %1</source>
        <translation>Der Schlüsselbund des Systems hat das Passwort nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The file %1 cannot be written: %2</source>
        <translation>Die Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>Die Datei %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The file %1 could not be removed.</source>
        <translation>Die Datei %1 konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <source>The database password could not be removed everywhere: %1</source>
        <translation>Das Datenbank-Passwort konnte nicht überall entfernt werden: %1</translation>
    </message>
    <message>
        <source>The saved API key was not used: %1 Enter the key again in Settings.</source>
        <translation>Der gespeicherte API-Schlüssel wurde nicht verwendet: %1 Geben Sie den Schlüssel in den Einstellungen erneut ein.</translation>
    </message>
    <message>
        <source>The saved database password was not used: %1 Enter the password again in Settings.</source>
        <translation>Das gespeicherte Datenbankpasswort wurde nicht verwendet: %1 Geben Sie das Passwort in den Einstellungen erneut ein.</translation>
    </message>
</context>
<context>
    <name>pc::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Built-in sandbox (nothing leaves this computer)</source>
        <translation>Integrierte Sandbox (nichts verlässt diesen Computer)</translation>
    </message>
    <message>
        <source>Design Streaming (production)</source>
        <translation>Design Streaming (Produktion)</translation>
    </message>
    <message>
        <source>Another address</source>
        <translation>Andere Adresse</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Dienstadresse</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Ad&amp;resse:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Your partner API key</source>
        <translation>Ihr Partner-API-Schlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation>API-Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Keep the key in a file only I can read</source>
        <translation>Schlüssel in einer Datei aufbewahren, die nur ich lesen kann</translation>
    </message>
    <message>
        <source>This computer has no system keychain. Without this, the key is forgotten when the console closes.</source>
        <translation>Dieser Computer hat keinen System-Schlüsselbund. Ohne diese Option wird der Schlüssel beim Schließen der Konsole vergessen.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Uploads and orders</source>
        <translation>Uploads und Aufträge</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>Standardwährung</translation>
    </message>
    <message>
        <source>Default &amp;currency:</source>
        <translation>Standard&amp;währung:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Default receiver e-mail</source>
        <translation>Standard-Empfänger-E-Mail</translation>
    </message>
    <message>
        <source>Default &amp;receiver:</source>
        <translation>Standard-&amp;Empfänger:</translation>
    </message>
    <message>
        <source>Parallel uploads</source>
        <translation>Parallele Uploads</translation>
    </message>
    <message>
        <source>&amp;Parallel uploads:</source>
        <translation>&amp;Parallele Uploads:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>The service is never asked about one order more often than this; it cannot be set below %1 seconds.</source>
        <translation>Der Dienst wird zu einem Auftrag nie öfter als in diesem Abstand abgefragt; der Wert kann nicht unter %1 Sekunden liegen.</translation>
    </message>
    <message>
        <source>Shortest time between two status checks of an order</source>
        <translation>Kürzeste Zeit zwischen zwei Statusabfragen eines Auftrags</translation>
    </message>
    <message>
        <source>Check each order at most every:</source>
        <translation>Abfrage je Auftrag höchstens alle:</translation>
    </message>
    <message>
        <source>Desktop notifications when a print ends</source>
        <translation>Desktop-Benachrichtigungen, wenn ein Druck endet</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>The key is kept in the system keychain.</source>
        <translation>Der Schlüssel wird im System-Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>The key is kept in a file only you can read.</source>
        <translation>Der Schlüssel wird in einer Datei aufbewahrt, die nur Sie lesen können.</translation>
    </message>
    <message>
        <source>The key is kept until the console closes.</source>
        <translation>Der Schlüssel wird aufbewahrt, bis die Konsole geschlossen wird.</translation>
    </message>
    <message>
        <source>No key is stored: the console runs on its built-in sandbox.</source>
        <translation>Kein Schlüssel gespeichert: Die Konsole verwendet ihre integrierte Sandbox.</translation>
    </message>
    <message>
        <source>This computer has no system keychain.</source>
        <translation>Dieser Computer hat keinen System-Schlüsselbund.</translation>
    </message>
    <message>
        <source>Enter your partner API key to use the Design Streaming service.</source>
        <translation>Geben Sie Ihren Partner-API-Schlüssel ein, um den Dienst Design Streaming zu nutzen.</translation>
    </message>
    <message>
        <source>Asking the service…</source>
        <translation>Dienst wird abgefragt…</translation>
    </message>
    <message>
        <source>Connected: the service accepted the key.</source>
        <translation>Verbunden: Der Dienst hat den Schlüssel akzeptiert.</translation>
    </message>
    <message>
        <source>The service rejected the API key. Check it (copy it again from your partner account) and try once more.</source>
        <translation>Der Dienst hat den API-Schlüssel abgelehnt. Prüfen Sie ihn (kopieren Sie ihn erneut aus Ihrem Partnerkonto) und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The test did not get through: %1</source>
        <translation>Der Test kam nicht durch: %1</translation>
    </message>
    <message>
        <source>Not tested: %1 Enter an address like %2</source>
        <extracomment>%1 says what is wrong with the address, %2 is an example of a right one</extracomment>
        <translation>Nicht getestet: %1 Geben Sie eine Adresse wie %2 ein</translation>
    </message>
</context>
<context>
    <name>pc::SingleInstance</name>
    <message>
        <source>Another Partner Console is running for this data folder but did not answer. Close it (or end its process), then start the console again.</source>
        <translation>Für diesen Datenordner läuft bereits eine Partner Console, die aber nicht antwortet. Schließen Sie sie (oder beenden Sie ihren Prozess) und starten Sie die Konsole dann erneut.</translation>
    </message>
    <message>
        <source>The running Partner Console did not accept the files.</source>
        <translation>Die laufende Partner Console hat die Dateien nicht angenommen.</translation>
    </message>
</context>
<context>
    <name>pc::StoreSettingsBox</name>
    <message>
        <source>Order history</source>
        <translation>Auftragsverlauf</translation>
    </message>
    <message>
        <source>&amp;This computer only</source>
        <translation>Nur &amp;dieser Computer</translation>
    </message>
    <message>
        <source>Shared &amp;database for the whole shop (team mode)</source>
        <translation>Gemeinsame &amp;Datenbank für den ganzen Shop (Team-Modus)</translation>
    </message>
    <message>
        <source>Team database address</source>
        <translation>Adresse der Team-Datenbank</translation>
    </message>
    <message>
        <source>The shared PostgreSQL database: postgresql://USER@HOST[:PORT]/DATABASE, optionally with ?sslmode=require. Without the password: it goes in the field below.</source>
        <translation>Die gemeinsame PostgreSQL-Datenbank: postgresql://BENUTZER@HOST[:PORT]/DATENBANK, optional mit ?sslmode=require. Ohne Passwort: Es gehört in das Feld darunter.</translation>
    </message>
    <message>
        <source>Database &amp;address:</source>
        <translation>Datenbank-&amp;Adresse:</translation>
    </message>
    <message>
        <source>Team database password</source>
        <translation>Passwort der Team-Datenbank</translation>
    </message>
    <message>
        <source>none: use ~/.pgpass</source>
        <translation>keins: ~/.pgpass verwenden</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the database password</source>
        <translation>Datenbank-Passwort anzeigen</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Keep the password in a file only I can read</source>
        <translation>Passwort in einer nur für mich lesbaren Datei aufbewahren</translation>
    </message>
    <message>
        <source>This computer has no system keychain. Without this, the password is forgotten when the console closes.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund. Ohne diese Option wird das Passwort beim Schließen der Konsole vergessen.</translation>
    </message>
    <message>
        <source>Test data&amp;base</source>
        <translation>Daten&amp;bank testen</translation>
    </message>
    <message>
        <source>All consoles on one database see the same orders, and each order is checked with the service by one of them at a time. A change takes effect when the console starts again.</source>
        <translation>Alle Konsolen an einer Datenbank sehen dieselben Aufträge, und jeder Auftrag wird jeweils von genau einer von ihnen beim Dienst abgefragt. Eine Änderung wirkt beim nächsten Start der Konsole.</translation>
    </message>
    <message>
        <source>%1 is set for this console and is used instead of this choice.</source>
        <translation>%1 ist für diese Konsole gesetzt und wird statt dieser Auswahl verwendet.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain.</source>
        <translation>Das Passwort liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>The password is kept in a file only you can read.</source>
        <translation>Das Passwort liegt in einer Datei, die nur Sie lesen können.</translation>
    </message>
    <message>
        <source>The password is kept until the console closes.</source>
        <translation>Das Passwort bleibt erhalten, bis die Konsole geschlossen wird.</translation>
    </message>
    <message>
        <source>No password is stored: the database server&apos;s own rules apply (~/.pgpass, or a server that needs none).</source>
        <translation>Es ist kein Passwort gespeichert: Es gelten die Regeln des Datenbankservers (~/.pgpass oder ein Server, der keines verlangt).</translation>
    </message>
    <message>
        <source>This computer has no system keychain.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund.</translation>
    </message>
    <message>
        <source>The stored password was removed.</source>
        <translation>Das gespeicherte Passwort wurde entfernt.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
</context>
<context>
    <name>pc::StoreStartup</name>
    <message>
        <source>The console cannot open the team database.</source>
        <translation>Die Konsole kann die Team-Datenbank nicht öffnen.</translation>
    </message>
    <message>
        <source>%1

Try again once the problem is solved, or correct the address or the password in Settings.</source>
        <translation>%1

Versuchen Sie es erneut, sobald das Problem behoben ist, oder korrigieren Sie Adresse oder Passwort in den Einstellungen.</translation>
    </message>
    <message>
        <source>%1

The database is named by %2, which takes precedence over Settings.</source>
        <translation>%1

Die Datenbank wird durch %2 festgelegt, das Vorrang vor den Einstellungen hat.</translation>
    </message>
    <message>
        <source>Try &amp;again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>pc::TokenPage</name>
    <message>
        <source>%1 asked for a user name and password. The print page never needs them, so the console declined.</source>
        <translation>%1 hat nach Benutzername und Passwort gefragt. Die Druckseite benötigt diese nie, daher hat die Konsole abgelehnt.</translation>
    </message>
    <message>
        <source>The service sent the print page from %1 on to %2. The console stopped it there.</source>
        <translation>Der Dienst hat die Druckseite von %1 an %2 weitergeleitet. Die Konsole hat sie dort angehalten.</translation>
    </message>
    <message>
        <source>The print page tried to open a file on this computer (%1). The console stopped it.</source>
        <translation>Die Druckseite hat versucht, eine Datei auf diesem Computer zu öffnen (%1). Die Konsole hat dies verhindert.</translation>
    </message>
    <message>
        <source>The print page tried to leave %1 for %2. The console stopped it.</source>
        <translation>Die Druckseite hat versucht, von %1 zu %2 zu wechseln. Die Konsole hat dies verhindert.</translation>
    </message>
    <message>
        <source>The print page tried to open a &quot;%1&quot; address. The console stopped it.</source>
        <translation>Die Druckseite hat versucht, eine „%1“-Adresse zu öffnen. Die Konsole hat dies verhindert.</translation>
    </message>
    <message>
        <source>A frame of the print page tried to open a &quot;%1&quot; address. The console stopped it.</source>
        <translation>Ein Frame der Druckseite hat versucht, eine „%1“-Adresse zu öffnen. Die Konsole hat dies verhindert.</translation>
    </message>
    <message>
        <source>The print page tried to open a &quot;%1&quot; address in a new window. The console only opens web addresses, in your browser.</source>
        <translation>Die Druckseite hat versucht, eine „%1“-Adresse in einem neuen Fenster zu öffnen. Die Konsole öffnet nur Webadressen, und zwar in Ihrem Browser.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2), so the print page was not shown.</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut (%2), daher wurde die Druckseite nicht angezeigt.</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>your location</source>
        <translation>Ihren Standort</translation>
    </message>
    <message>
        <source>the microphone</source>
        <translation>das Mikrofon</translation>
    </message>
    <message>
        <source>the camera</source>
        <translation>die Kamera</translation>
    </message>
    <message>
        <source>the camera and microphone</source>
        <translation>Kamera und Mikrofon</translation>
    </message>
    <message>
        <source>the mouse pointer</source>
        <translation>den Mauszeiger</translation>
    </message>
    <message>
        <source>your screen</source>
        <translation>Ihren Bildschirm</translation>
    </message>
    <message>
        <source>The print page asked for access to %1. The console does not allow it.</source>
        <translation>Die Druckseite hat Zugriff auf %1 angefordert. Die Konsole erlaubt dies nicht.</translation>
    </message>
    <message>
        <source>The print page offered a file (%1) to download. The console does not save files from it.</source>
        <translation>Die Druckseite hat eine Datei (%1) zum Herunterladen angeboten. Die Konsole speichert keine Dateien von ihr.</translation>
    </message>
</context>
<context>
    <name>pc::TokenStatePanel</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Reload print page</source>
        <translation>Druckseite neu laden</translation>
    </message>
</context>
<context>
    <name>pc::TokenView</name>
    <message>
        <source>The service answered with HTTP status %1 for this link. Reload to try again, or open it in your browser.</source>
        <translation>Der Dienst hat für diesen Link mit HTTP-Status %1 geantwortet. Laden Sie die Seite neu, um es erneut zu versuchen, oder öffnen Sie den Link in Ihrem Browser.</translation>
    </message>
    <message>
        <source>%1 could not be reached. Check the network connection, then reload.</source>
        <translation>%1 ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung und laden Sie die Seite dann neu.</translation>
    </message>
    <message>
        <source>The address %1 could not be found. Check the network connection, then reload.</source>
        <translation>Die Adresse %1 wurde nicht gefunden. Prüfen Sie die Netzwerkverbindung und laden Sie die Seite dann neu.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted, so the print page was not shown.</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut, daher wurde die Druckseite nicht angezeigt.</translation>
    </message>
    <message>
        <source>The print page could not be loaded (error %1). Reload to try again.</source>
        <translation>Die Druckseite konnte nicht geladen werden (Fehler %1). Laden Sie sie neu, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>Print page</source>
        <translation>Druckseite</translation>
    </message>
    <message>
        <source>The page the customer prints this order from, as the service shows it</source>
        <translation>Die Seite, von der aus der Kunde diesen Auftrag druckt, so wie der Dienst sie anzeigt</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>Kein Auftrag ausgewählt</translation>
    </message>
    <message>
        <source>Select an order to see the page its customer prints from.</source>
        <translation>Wählen Sie einen Auftrag aus, um die Seite zu sehen, von der aus der Kunde druckt.</translation>
    </message>
    <message>
        <source>&amp;Reload Print Page</source>
        <translation>Druckseite &amp;neu laden</translation>
    </message>
    <message>
        <source>Load the print page again</source>
        <translation>Die Druckseite erneut laden</translation>
    </message>
    <message>
        <source>&amp;Open in Browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <source>Open the token link in your web browser</source>
        <translation>Den Token-Link in Ihrem Webbrowser öffnen</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>Link &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the token link to the clipboard</source>
        <translation>Den Token-Link in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Reload print page</source>
        <translation>Druckseite neu laden</translation>
    </message>
    <message>
        <source>Open token link in browser</source>
        <translation>Token-Link im Browser öffnen</translation>
    </message>
    <message>
        <source>Copy token link</source>
        <translation>Token-Link kopieren</translation>
    </message>
    <message>
        <source>This order has no token link yet. It arrives when the design&apos;s upload has finished.</source>
        <translation>Dieser Auftrag hat noch keinen Token-Link. Er folgt, sobald der Upload des Designs abgeschlossen ist.</translation>
    </message>
    <message>
        <source>This order&apos;s token link is not a web address, so the console does not open it.</source>
        <translation>Der Token-Link dieses Auftrags ist keine Webadresse, daher öffnet die Konsole ihn nicht.</translation>
    </message>
    <message>
        <source>No print page to show</source>
        <translation>Keine Druckseite zum Anzeigen</translation>
    </message>
    <message>
        <source>Loading the print page…</source>
        <translation>Druckseite wird geladen…</translation>
    </message>
    <message>
        <source>No web browser could be started for this link.</source>
        <translation>Für diesen Link konnte kein Webbrowser gestartet werden.</translation>
    </message>
    <message>
        <source>Link copied</source>
        <translation>Link kopiert</translation>
    </message>
    <message>
        <source>No token link</source>
        <translation>Kein Token-Link</translation>
    </message>
    <message>
        <source>Token link: %1</source>
        <translation>Token-Link: %1</translation>
    </message>
    <message>
        <source>The print page stopped unexpectedly. Reload to start it again.</source>
        <translation>Die Druckseite wurde unerwartet beendet. Laden Sie sie neu, um sie erneut zu starten.</translation>
    </message>
    <message>
        <source>The print page could not be shown</source>
        <translation>Die Druckseite konnte nicht angezeigt werden</translation>
    </message>
</context>
<context>
    <name>pc::UploadBodyDevice</name>
    <message>
        <source>The upload body can only be read.</source>
        <translation>Der Inhalt des Uploads kann nur gelesen werden.</translation>
    </message>
    <message>
        <source>The file %1 changed after it was checked (its size is now %2 bytes, was %3). Check it, then retry the item: it is checked again before it is sent.</source>
        <translation>Die Datei %1 hat sich nach der Prüfung geändert (sie ist jetzt %2 Bytes groß, vorher %3). Prüfen Sie sie und wiederholen Sie dann den Eintrag: Er wird vor dem Senden erneut geprüft.</translation>
    </message>
    <message>
        <source>The file %1 could not be read while it was being uploaded: %2. Check it, then retry the item.</source>
        <translation>Die Datei %1 konnte während des Hochladens nicht gelesen werden: %2. Prüfen Sie sie und wiederholen Sie dann den Eintrag.</translation>
    </message>
    <message>
        <source>The file %1 became shorter while it was being uploaded (it ended after %2 of %3 bytes), so the upload was stopped. Wait until the program writing it has finished, then retry the item: it is checked again before it is sent.</source>
        <translation>Die Datei %1 wurde während des Hochladens kürzer (sie endete nach %2 von %3 Bytes), daher wurde der Upload abgebrochen. Warten Sie, bis das Programm, das sie schreibt, fertig ist, und wiederholen Sie dann den Eintrag: Er wird vor dem Senden erneut geprüft.</translation>
    </message>
    <message>
        <source>The content of %1 changed while it was being uploaded, so the upload was stopped before its end. Wait until the program writing it has finished, then retry the item: it is checked again before it is sent.</source>
        <translation>Der Inhalt von %1 hat sich während des Hochladens geändert, daher wurde der Upload vor seinem Ende abgebrochen. Warten Sie, bis das Programm, das sie schreibt, fertig ist, und wiederholen Sie dann den Eintrag: Er wird vor dem Senden erneut geprüft.</translation>
    </message>
</context>
<context>
    <name>pc::UploadQueueModel</name>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>Datei wird geprüft</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Creating the token</source>
        <translation>Token wird erstellt</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Wartet auf erneuten Versuch</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Benötigt Aufmerksamkeit</translation>
    </message>
    <message>
        <source>%1/s</source>
        <extracomment>An upload speed, e.g. &quot;12.3 MB/s&quot;</extracomment>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Waiting for order details</source>
        <translation>Wartet auf Auftragsdaten</translation>
    </message>
</context>
</TS>
