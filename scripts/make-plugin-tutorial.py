#!/usr/bin/env python3
"""Writes Docs/WritingAPlugin.md, pasting in the real files it shows (TutorialTests checks they match)."""
import pathlib
root = pathlib.Path(__file__).resolve().parent.parent
def block(path, lang):
    text = (root / path).read_text()
    return f"<!-- file: {path} -->\n```{lang}\n{text.rstrip(chr(10))}\n```\n"
doc = f"""# Writing a plugin

Sluice takes two kinds of plugins, and this page builds one of each from nothing, for a
made-up `.memo` format (a first line `MEMO`, a title line, an optional `Date:` line, the
body, and an optional `-- ` signature):

- a **Swift plugin**, compiled into your own `sluice` binary: fastest, runs in-process,
  gets the whole command line for free;
- an **external-command plugin**, any program in any language, declared in `sluice.toml`.

The code below is the real code of `Docs/Examples/`: a test (`TutorialTests`) checks that
every block on this page equals its file, builds the Swift package, and runs both plugins
over the sample files.

## 1. A Swift plugin in your own package

Create a package that depends on Sluice. Here it is by path, which is also the line for
working on a clone of Sluice next to your package: `.package(name: "Sluice", path:
"../sluice")`. For a remote, name the Git URL you clone Sluice from and a version:
`.package(url: "https://git.example.org/you/sluice.git", from: "1.0.0")` resolves once
that repository carries the tag `1.0.0` (`git tag 1.0.0 && git push --tags`); until then,
or to follow the newest work, use `branch: "main"` instead of `from:`. The plugin API
follows semantic versioning ([PluginReference.md](PluginReference.md#versions)), so
`from: "1.0.0"` takes every compatible 1.x release. The package has
three targets: the plugin, a two-line executable, and the plugin's tests. The plugin
depends on `SluicePluginAPI` (the protocols and values, with no dependencies) and, for
dates and charsets, `SluiceText`; never on the runtime that schedules and writes.

{block('Docs/Examples/MemoPlugin/Package.swift', 'swift')}
The plugin is one type conforming to `LeafExtractor`:

{block('Docs/Examples/MemoPlugin/Sources/MemoExtractor/MemoExtractor.swift', 'swift')}
What each member is for (the `///` comments of `Extractor` in `SluicePluginAPI` say the same):

- `id` is written into every record (`extractor`) and names the plugin in `sluice.toml`;
  `version` (`extractor_version`) is part of the ledger: bump it and the next run
  re-extracts this plugin's inputs, and only those.
- `accepts` lists the names and media types the plugin takes: a file named `*.memo` comes
  here unless a specific plugin's sniff claims its content or this plugin's sniff refuses
  it, and it wins over generic plugins (the text plugin) even when the sniff is unsure: a
  memo without its `MEMO` line, saved with CR LF, still arrives. Set `claimsByName: true`
  for formats that wear another format's bytes (an office file is a zip): then a name
  match wins before any sniffing. `globs` take shell patterns.
- `sniff` sees at most the first 4 KiB, runs for *every* input, must be fast and must not
  throw. It answers `.claims` (mine, whatever the name), `.unsure` or `.refuses` (not mine,
  even if the name says so); `.claims(if:)` gives `.claims` or `.unsure`. Split lines with
  `TextLines`, which takes LF, CR LF and CR and drops a BOM (in Swift `"\\r\\n"` is one
  `Character`, so `split(separator: "\\n")` does not split Windows lines).
  `sluice inspect FILE --explain` shows what every plugin answered for a file and which
  step of the routing order chose
  ([PluginReference.md](PluginReference.md#routing-which-plugin-gets-an-input)).
- `extract` is called from several scheduler threads at once (`Extractor` is `Sendable`):
  keep state local to the call, and C library handles inside it.
- Throw `ExtractionError(kind, message)` for an input you cannot read: it becomes one line
  in `errors.jsonl` with your kind and message, so say what the user can do. Throw
  `DocumentSkipped(reason:detail:)` for an input with nothing for the corpus: a line in
  `skipped.jsonl`; use a documented reason (`.notArticle`, `.tooShort`, …) or your own,
  namespaced with your id (`SkipReason(id, "no-body")` is `memo:no-body`). Anything else you
  throw is recorded with kind `plugin`. The run goes on. The kinds and reasons are listed in
  [PluginReference.md](PluginReference.md#errors).
- Options: declare them in `options` (name, type, help) and read them with
  `context.options.boolean/integer/string`. `sluice.toml` sets them under
  `[plugins.memo]`; an undeclared key or a wrong type is refused, with its line, before
  the run starts. Limits (sizes, depth) are in `context.limits`.
- Metadata: leave a field nil when the document does not say; never invent one. Dates go
  through `DateNormalizer` to ISO 8601 (the core refuses a `published` that is not, with a
  `schema` error line). Anything else goes into `meta`, one JSON type per key across the
  whole corpus: a record that gives a key another type than earlier records did is refused
  with a `schema` error line naming both types (document your keys for your users, as
  Docs/Schema.md does for ours).
- The runtime adds the rest: `id`, `path`, `members`, `sha256`, `bytes`, `extractor`,
  `extractor_version`; it normalizes `text` and `title` (Docs/Schema.md) and detects
  `lang` when you leave it nil.

A **container** (an archive-like format) conforms to `ContainerExtractor` instead: for each
member call `output.emit(document.child(named:bytes:))` (the child goes back through the
registry), `output.skip(member:reason:detail:)` for members that are not documents,
`output.fail(member:error:)` for a broken member, and check each member against the limits
with an `ExpansionMeter` as its bytes arrive; throw when the container itself breaks
(members already emitted are kept). `emit` throws `ExtractionStopped` when the run is being
stopped: let it propagate (never catch it as a member failure), and the input is redone by
the next run. See `Plugins/ArchiveExtractor`.

The executable is the whole `sluice` command line with your plugin added, in the manner of
swift-log's `LoggingSystem.bootstrap`: one call, once, at start-up. It names what it links:
`Sluice.defaultPlugins` (from `SluiceDefaultPlugins`) are the stock plugins, and
`Sluice.configuredPlugins` reads the `[[external]]` tables of `sluice.toml`; leave either
out and the binary does without. Plugins are asked in list order, so put the specific
before the general.

{block('Docs/Examples/MemoPlugin/Sources/memo-sluice/main.swift', 'swift')}
Test it with the `SluiceTesting` product, which runs a plugin exactly as a batch would
(registry choice, record building, normalization) without a corpus directory:

{block('Docs/Examples/MemoPlugin/Tests/MemoExtractorTests/MemoExtractorTests.swift', 'swift')}
Build, test and run it:

```sh
cd Docs/Examples/MemoPlugin
swift test
swift run memo-sluice plugins                      # memo first, then Sluice's own
swift run memo-sluice ingest samples --out /tmp/memo-corpus
```

The memos become records with title, date and body (signature cut), `valve-log.memo`
too although it has no `MEMO` line and CR LF line ends, the unfinished memo a line in
`skipped.jsonl` (`memo:no-body`), and `readme.txt` still goes to the text plugin. Everything else of `sluice` works unchanged: isolation (on by default) re-executes your binary,
so your plugin runs in the workers too.

### After you add a plugin

Run your binary into a corpus the stock `sluice` wrote before, and the next run notices
without `--full`. The ledger keeps, per input, which plugins made its outcomes (with their
versions and a digest of their options) and, per run, a signature of the plugin set (ids in
order, versions, name patterns). Every input routed under another plugin set is routed again
(its first 4 KiB read, once), and those that now go to another plugin are re-extracted: here
every `.memo` file the text plugin took before. Archives are re-extracted once too (their
members may now route to your plugin). Bumping a plugin's `version` or changing its
options in `[plugins.ID]` re-extracts that plugin's inputs; editing an external plugin's
script does too. The summary and the manifest say why (`2 changed (routing: 2)`,
`run.reasons`); the other inputs stay `unchanged`. When a generic plugin takes a file your
plugin names (your sniff refused it), `sluice ingest` warns once per run.

## 2. An external-command plugin in any language

Any program that reads a document and writes its text can be a plugin. Declare it in
`sluice.toml`; no Swift, no rebuild. The same memo format in a few lines of Python, with a
skip line for a memo without a body and an option:

{block('Docs/Examples/python-plugin/memo_plugin.py', 'python')}
{block('Docs/Examples/python-plugin/sluice.toml', 'toml')}
```sh
cd Docs/Examples/python-plugin
sluice ingest samples --out /tmp/memos --config sluice.toml
```

The protocol:

| key | meaning |
|---|---|
| `name` | the plugin id: `extractor` in records, shown by `sluice plugins` |
| `match` | globs on the file or member name (`*.pdf`); a glob with `/` matches the whole relative path. A match claims the input before any built-in plugin sniffs it |
| `mime` | media types a container declared (a WARC record's `Content-Type`); the first is also the records' `mime` |
| `magic` | byte prefixes (`%PDF-`) that claim a file whatever its name |
| `command` | the program and its arguments, as a list: never run through a shell. It runs in the config file's directory; a program without `/` is looked up on `PATH` |
| `input` | `stdin`: the document's bytes on standard input. `path`: a temporary copy, named like the document, is appended to `command` and removed afterwards |
| `input` default | `stdin` |
| `output` | `text` (the default): stdout is the text, UTF-8. `jsonl`: each stdout line is a JSON object with any of `title`, `published`, `source_org`, `breadcrumb`, `lang`, `url`, `text`, `meta` (one record per line; other keys are refused; `meta` values are strings, integers, booleans or lists of strings, never floats), or alone `{{"skip": "reason", "detail": "…"}}` to skip the document with a reason (namespaced with the plugin's name) |
| `timeout` | seconds (default 60); past it the command is killed (SIGKILL) |
| `version` | `extractor_version`; default: a digest of `command`, `input`, `output` and the contents of the files the command names (the program, the script), so editing the command or the script re-extracts this plugin's inputs on the next run |
| `options` | the options the command takes, by type (`{{ keep_signature = "boolean" }}`); set them in `[plugins.NAME]`; the command reads them as `SLUICE_OPTION_KEEP_SIGNATURE` (and all as JSON in `SLUICE_OPTIONS`), beside `SLUICE_PATH`, the document's path in the crawl |

Sluice fills the provenance (`id`, `path`, `members`, `sha256`, `bytes`), normalizes the
text and title, turns `published` into ISO 8601 (an unreadable date is dropped, not
guessed) and detects `lang` when you leave it out. What goes wrong becomes one line in
`errors.jsonl`, and the run goes on:

- the program is missing: kind `external`, naming the program (`'pdftotext' ... was not found on PATH`);
- it exits non-zero or is killed by a signal: kind `external`, with the status and the tail of stderr;
- it writes a line that is not a JSON object, or an unknown key: kind `external`, naming the line;
- it runs past `timeout`: kind `timeout`.

The command runs as the leader of a process group of its own: when it exits, anything it
left running in that group is killed, and past `timeout` the whole group is killed. The
document reaches it as a temporary file (on stdin, or as the path), never through a pipe
Sluice writes into, so a command that does not read its input cannot stall. Only a child
that leaves the group on purpose (`setsid`, a daemon) escapes that clean-up.

Sluice starts external commands with `posix_spawn` rather than swift-subprocess:
plugins are called synchronously from the scheduler's threads, and swift-subprocess's
asynchronous API needs a thread of the shared pool while the caller holds one; with
`--jobs` equal to the number of cores that deadlocked (seen in the tests on this 2-core
machine). The whole protocol (environment, exit statuses, defaults) is in
[PluginReference.md](PluginReference.md#external-command-plugins).

## 3. The two plugins Sluice ships this way

Both were written by the steps above; here is their real code.

**PDF, an external plugin** (step 2): Debian's `poppler-utils` has `pdftotext`, which reads a
PDF on stdin and writes UTF-8 text on stdout, so the plugin is a configuration entry, in the
sample config the README's command uses. Without `pdftotext`, every PDF gets an `external`
error line naming it, and the rest of the run is unaffected.

{block('Corpus/sluice.toml', 'toml')}
**Office files, a Swift plugin** (step 1), in `Plugins/OfficeExtractor`: `.docx`, `.odt`,
`.xlsx` and `.ods` by composing pieces Sluice already has, the libarchive wrapper (the zip
container, in `OfficePackage.swift`) and the libxml2 wrapper (the XML parts). Its `accepts`
claims its extensions by name, since every one of these files is a zip the archive plugin
would otherwise open; its `sniff` finds renamed files by the zip's first part. Title and
date come from the document properties (`DocumentProperties.swift`), text from
`DocumentText.swift` and `SheetText.swift`. Legacy binary `.doc`/`.xls` get an `unsupported`
line that points here: an external plugin (asked first) can take them, e.g.
`command = ["antiword", "-"]` or `catdoc`.

{block('Plugins/OfficeExtractor/OfficeExtractor.swift', 'swift')}
All configuration keys are in [Configuration.md](Configuration.md).
"""
(root / 'Docs/WritingAPlugin.md').write_text(doc)
