#!/usr/bin/env python3
"""Writes Docs/PluginReference.md. Code is pasted from the real files (TutorialTests checks
each `excerpt` is in its file); the error kinds and skip reasons are read from the plugin API's
source, so the tables cannot drift from the code (TutorialTests also checks every documented
token appears)."""
import pathlib, re
root = pathlib.Path(__file__).resolve().parent.parent

def excerpt(path, first, last, lang="swift", after=0):
    """The lines of `path` from the one containing `first` to the next containing `last`, and `after` more."""
    lines = (root / path).read_text().split("\n")
    start = next(i for i, l in enumerate(lines) if first in l)
    end = next(i for i in range(start, len(lines)) if last in lines[i]) + after
    body = "\n".join(lines[start:end + 1])
    return f"<!-- excerpt: {path} -->\n```{lang}\n{body}\n```\n"

def block(path, lang):
    text = (root / path).read_text()
    return f"<!-- file: {path} -->\n```{lang}\n{text.rstrip(chr(10))}\n```\n"

def error_kinds():
    src = (root / "Sources/SluicePluginAPI/ExtractionError.swift").read_text()
    rows, doc = [], []
    for line in src.split("\n"):
        t = line.strip()
        if t.startswith("///"):
            doc.append(t[3:].strip())
            continue
        m = re.match(r'public static let (\w+) = Kind\(rawValue: "([^"]+)"\)', t)
        if m:
            rows.append(f"| `{m.group(2)}` | `.{m.group(1)}` | {' '.join(doc)} |")
        doc = []
    return "\n".join(["| kind | in Swift | meaning |", "|---|---|---|"] + rows)

def skip_reasons():
    src = (root / "Sources/SluicePluginAPI/SkipReason.swift").read_text()
    tokens = dict(re.findall(r'public static let (\w+): SkipReason = "([^"]+)"', src))
    meanings = re.findall(r'^\s+\.(\w+): "([^"]+)",$', src, re.M)
    rows = [f"| `{tokens[name]}` | `.{name}` | {meaning} |" for name, meaning in meanings]
    return "\n".join(["| reason | in Swift | meaning |", "|---|---|---|"] + rows)

doc = f"""# Plugin reference

Everything a plugin touches, for Sluice 1.0. [WritingAPlugin.md](WritingAPlugin.md) is the
tutorial; this page is the reference. Code shown here is pasted from the real files
(`scripts/make-plugin-reference.py` writes this page; `TutorialTests` checks every excerpt
against its file and every documented error kind and skip reason against the tables below).

## Modules

| product | what for | a plugin imports it |
|---|---|---|
| `SluicePluginAPI` | the protocols and values a plugin implements and returns; no dependencies | always |
| `SluiceText` | charsets, line splitting, dates, normalization, language, header lines | when it reads text |
| `SluiceTesting` | `ExtractorHarness`, `RecordExpectation`, `TemporaryDirectory`, `JSONSchemaValidator` | in its tests |
| `SluiceCLI`, `SluiceDefaultPlugins` | the whole command line (`SluiceCommand.main(plugins:configured:)`), the stock plugins | in its executable |

A plugin never imports `SluiceRuntime` (the scheduler, writer and ledger); `SluiceTesting`
re-exposes the runtime's value types a test looks at (`CorpusRecord`, `DocumentOutcome`,
`ErrorEntry`, `SkipEntry`, `Routing`). The module graph is checked by
`scripts/check-module-graph.py` in CI.

## The protocols

A plugin conforms to `LeafExtractor` (a document becomes records) or `ContainerExtractor`
(a document becomes child documents, each routed again), never to `Extractor` alone: the
registry refuses such a plugin when it is built, naming it.

{excerpt("Sources/SluicePluginAPI/Extractor.swift", "public protocol Extractor: Sendable {", "func sniff(_ head: Data) -> SniffVerdict", after=1)}
| member | default | meaning |
|---|---|---|
| `id` | — | written into every record (`extractor`); names the plugin in `sluice.toml` (`[plugins.ID]`, `order`, `disabled`); must be unique in the binary |
| `version` | — | written into every record (`extractor_version`); bump it when the output for the same input changes: the next run re-extracts this plugin's inputs, and only those |
| `accepts` | — | an `InputPattern`: `extensions` (lower case, no dot), `mediaTypes` (compared with a container's hint), `globs` (`fnmatch`; a glob with `/` matches the whole relative path), `claimsByName` |
| `isGeneric` | `false` | true for a plugin whose sniff claims a broad kind of content (the text plugin): asked after every specific plugin and after name matches |
| `sniffDescription` | `"none"` | one line for `sluice plugins` |
| `options` | `[]` | `PluginOptionSpec(name, type, help:)`, type `.boolean`, `.integer`, `.string` or `.strings`; `sluice.toml` sets them in `[plugins.ID]`, checked before the run |

Threading: one instance serves every worker thread at once; `sniff`, `extract` and `expand`
are called concurrently, hence `Sendable`. Keep state and C library handles local to a call.

{excerpt("Sources/SluicePluginAPI/Extractor.swift", "public protocol LeafExtractor: Extractor {", "func extract(_ document: SourceDocument", after=1)}
## Routing: which plugin gets an input

`sniff(_:)` sees at most the first 4 KiB, runs for every input, must be fast and must not
throw. It answers a `SniffVerdict`: `.claims` (the content is mine, whatever the name),
`.unsure` (the bytes do not say) or `.refuses` (not mine, even if the name says so);
`.claims(if: condition)` is `.claims` or `.unsure`. The registry then asks the plugins in
their order, in five steps, and the first plugin that qualifies in a step gets the input:

1. `accepts.claimsByName` is set and the name matches (for formats that wear another
   format's bytes: an office file is a zip; and for `[[external]]` plugins);
2. a specific plugin's sniff claims the content;
3. the name matches `accepts` and the plugin's sniff did not refuse;
4. a generic plugin's sniff claims the content;
5. the name matches even though the sniff refused: the plugin explains in an error line why
   it cannot read the file.

No plugin: a `no-extractor` skip line. So a plugin that names `*.eml` gets every `.eml`
file whose content no specific plugin claims, even when its own sniff does not recognise
the first line, unless it refuses. The HTML plugin refuses bytes with no `<` and binary
bytes, so a `.html` file holding plain text goes to the generic text plugin:

{excerpt("Plugins/HTMLExtractor/HTMLExtractor.swift", "static func verdict(_ head: Data) -> SniffVerdict {", "    }")}
`sluice inspect FILE --explain` prints, before the outcome, a `routing` object: `extractor`,
`rule` (`name-before-sniffing`, `content`, `name`, `generic-content`,
`name-despite-refusal`), `reason` (a sentence), `passed_over` (plugins whose name pattern
matched but whose sniff refused, when a generic plugin took the file) and `asked` (every
plugin in order: `plugin`, `generic`, `sniff`, `name_matches`, `claims_by_name`). In tests,
`ExtractorHarness.routing(_:name:)` returns the same. `sluice ingest` warns once per run,
on stderr, for each kind of file a generic plugin took although another plugin names it,
and counts them in the manifest's `tallies` as `routing:*.EXT:TAKER:REFUSING`.

## What a plugin gets

`SourceDocument`: `path` (relative to the input root, `/`-separated; members of archives keep
the path of the file holding them), `members` (archive members leading to it, outermost
first), `bytes`, `modified`, `hints` (`SourceHints`: `charset` and `mediaType` a transport
declared, `url`), `location` (the absolute path of a top-level file), `size`, `isComplete`
(false only for a container given a large file's head: stream it from `location`; a leaf
always gets the whole document), and `name`, `fileName`, `fileExtension`, `head(_:)`,
`child(named:bytes:modified:hints:)`.

`ExtractionContext`: `options` (`PluginOptions`: `string(_:)`, `integer(_:)`,
`boolean(_:)`, `values`), `limits` (`ExtractionLimits`), `depth` (archive nesting, 0 for a
file), `expansion` (the `ExpansionBudget` of the top-level input).

`ExtractionLimits` defaults: `maxDocumentBytes` 64 MiB (a leaf is never given a larger
document: the runtime writes a `limit` line instead), `maxDepth` 5, `maxMembers` 100,000,
`maxExpandedBytes` 8 GiB, `maxCompressionRatio` 200. `[limits]` in `sluice.toml` changes them.

## What a leaf returns

{excerpt("Sources/SluicePluginAPI/Extraction.swift", "public struct Extraction: Sendable, Equatable {", "    ) {")}
Leave a field nil when the document does not say; never invent one.

## What the core does after a plugin returns

For each `Extraction`, in order:

1. **Schema checks.** `published` must be ISO 8601: `2020-11-20`, or a date-time
   `2020-11-20T10:30`, with optional seconds and `Z` or `±hh:mm`; `lang`, when set, a two- or
   three-letter lower-case code or `und`. An extraction that fails becomes an error line of
   kind `schema` naming the field; the document's other extractions are still written.
2. **Normalization.** `text` goes through `TextNormalizer.normalize` (NFC; Unicode spaces to
   a space; zero-width and control characters out except LF and tab; CR LF and CR to LF;
   paragraphs separated by one blank line); `title`, `sourceOrg` and each breadcrumb part
   through `normalizeLine` (one line; empty becomes nil, empty parts are dropped).
3. **Empty text.** An extraction whose text is empty after normalization is dropped; a
   document all of whose extractions are dropped gets one `empty-text` skip line.
4. **Provenance.** `id`, `path`, `members`, `sha256` (of the document's bytes), `bytes`,
   `extractor`, `extractor_version`; `url` from `hints.url` when the plugin gave none;
   `lang` identified from the text (CLD2, `LanguageIdentifier`, with `languageHint` as a hint) when the plugin gave
   none, with `meta.lang_score` and, for mixed texts, `meta.langs`.
5. **Record ids.** The first record of a document has the id `H`, the first 32 hex digits of
   SHA-256 over the path, the members and the content's SHA-256; its later records
   `H-1`, `H-2`, … in the order returned. Ids are stable across runs while the content is.
6. **Meta types.** The writer checks each record's `meta` against the corpus (below).
7. **Attachments.** A top-level attachment (`.pdf`, `.doc`, … linked from a page) gets
   `meta.linked_from`, the id of the page's current record.

## `meta`: one JSON type per key

`MetaValue` has five cases: `.string`, `.integer`, `.boolean`, `.strings` (a list of
strings) and `.objects` (a list of flat string-to-string objects). There is no
floating-point case (a number with a fraction reads differently in every loader): write it
as a string, or scale it to an integer. An external plugin's `meta` value that is a float,
`null` inside a list, or a nested object is refused with an `external` error naming the key.

Corpus loaders (pyarrow, DuckDB, `datasets`) read each key as one column, so a key keeps one
JSON type across the whole corpus: the first record written that gives a key fixes its type
(the ledger keeps it, so across runs too); a later record giving it another type is not
written, and its document gets an error line of kind `schema`:
`meta key 'level' is a string here but an integer in earlier records (first in 'a.csv', by …); …`.
An empty list fits either list type. A new version (or new options) of the plugin that fixed
a type may change it: all its old records are being re-extracted. `--full` forgets every type.
With `--jobs` above 1 the first record *written* decides, so which of two conflicting records
is refused can differ between runs; the error names the plugin's bug either way.
`sluice merge` refuses shards whose ledgers fixed different types for a key. Document your keys for your users, as
[Schema.md](Schema.md) does for Sluice's.

## Errors

Throw `ExtractionError(kind, message)` for a document that cannot be read: one line in
`errors.jsonl` with the kind and your message, so say what the user can do.
`ExtractionError.limitExceeded(limitName, message)` sets `limit` too. Anything else a plugin
throws is written with kind `plugin`. The run goes on either way. A plugin's own kind is
namespaced with its id: `ExtractionError.Kind("mail", "bad-mime")` is written
`mail:bad-mime`; a kind that is neither documented nor namespaced is written with the
plugin's id put in front.

{error_kinds()}

## Skips

Throw `DocumentSkipped(reason:detail:)` for a document that holds nothing for the corpus: a
line in `skipped.jsonl`, not an error. `reason` is a `SkipReason`: a documented one, or your
plugin's own, namespaced with its id, `SkipReason("memo", "no-body")` (written
`memo:no-body`); any other token is written with the plugin's id put in front. The runtime's
own discovery adds `symlink`, `broken-symlink` and `special-file` for files it does not read.

{excerpt("Docs/Examples/MemoPlugin/Sources/MemoExtractor/MemoExtractor.swift", "guard let title = lines.popFirst()", "        }")}
{skip_reasons()}

## Containers

`expand(_:context:output:)` streams members into the `ContainerOutput`:
`emit(document.child(named:bytes:modified:hints:))` routes a child now (it may be a
container itself, up to `maxDepth`); `skip(member:reason:detail:)` for members that are not
documents; `fail(member:error:)` for a broken member; `tally(_:)` counts something for the
manifest. Check each member against the limits as its bytes arrive with an `ExpansionMeter`
on `context.expansion`, and stop at `maxMembers`. Throw an `ExtractionError` when the
container itself breaks: the members already emitted are kept. `emit` throws
`ExtractionStopped` when the run is stopping: let it propagate (never record it as a member
failure); the input is redone by the next run.

## The text toolkit (`SluiceText`)

| type | what it does |
|---|---|
| `TextDecoder`, `Charset`, `DecodedText` | strict decoding (`decode(_:as:)` fails on any invalid byte), `decodeLossy` (U+FFFD, with the count), `bom(_:)`, `isUTF8`, and detection for unlabelled bytes (UTF-8, then GB18030 when it reads as Chinese, then windows-1252) |
| `TextLines` | `split(_:)` into lines at LF, CR LF or CR, a leading BOM dropped; `firstLine(of:)` of a sniff's head |
| `DateNormalizer` | `firstDate(in:)`: the first date in a text as ISO 8601. Numeric forms (`2020-11-20 10:30`, `2020年11月20日`, `2020/11/20`, `2020.11.20`) keep a time and a zone written right after it; English month-name forms (`March 5, 2019`, `5 Mar 2019`, and RFC 2822 `Tue, 5 Mar 2019 10:30:00 +0800`) give the date only, dropping time and zone |
| `TextNormalizer` | the normalization above: `normalize`, `normalizeLine`, `normalizeOptionalLine` |
| `LanguageIdentifier` | `identify(_:hint:)`: CLD2's verdict as a `LanguageIdentification` (ISO 639-1 `lang`, `zh-Hant` for Traditional Chinese, `und` when unreliable; `score`; the top three `languages` of a mixed text) |
| `LanguageTag` | `primary(of:)`, `corpusForm(of:)`: a declared tag (`zh_TW`) in the corpus's form (`zh-Hant`) |
| `ArticleHeaderLine` | `parse(_:)` of a Chinese article's header line (`发布时间：… 来源：… 作者：…`), 成文日期 kept apart |
| `BreadcrumbLine` | a 当前位置 trail: `hasLabel(_:)`, `parts(_:)` |
| `HTTPResponseHead`, `MarkupSniff` | a saved HTTP response's head (status, charset, media type); markup sniffing helpers |

## Testing (`SluiceTesting`)

`ExtractorHarness(plugins, limits:, pluginOptions:)` runs plugins exactly as a batch does
(routing, schema checks, record building, normalization) without a corpus directory:
`outcomes(_:name:hints:)`, `records`, `record` (throws unless exactly one record),
`error`, and `routing(_:name:)`. `RecordExpectation(...).mismatches(record)` lists the
fields that differ. Options go in as `PluginOptions`:

{excerpt("Docs/Examples/MemoPlugin/Tests/MemoExtractorTests/MemoExtractorTests.swift", "@Test func theSignatureIsKeptWhenTheOptionSaysSo() throws {", "text.hasSuffix(", after=1)}
The harness checks one document; the one-type-per-`meta`-key rule is the writer's, across
the corpus: test it with a run (`sluice ingest` on samples).

## External-command plugins

Declared in `sluice.toml` as `[[external]]` tables; no Swift, no rebuild.

| key | default | meaning |
|---|---|---|
| `name` | required | the plugin id; must not be a built-in plugin's id |
| `match` | `[]` | globs on the file or member name; a match claims the input before any sniffing |
| `mime` | `[]` | media types a container declared; the first is also the records' `mime` |
| `magic` | `[]` | byte prefixes that claim a file whatever its name; one of `match`, `mime`, `magic` is required |
| `command` | required | program and arguments, never through a shell; runs in the config file's directory; a program without `/` is looked up on `PATH` |
| `input` | `"stdin"` | `stdin`: the document on standard input; `path`: a temporary copy named like the document, its path appended to `command` |
| `output` | `"text"` | `text`: stdout is the text (UTF-8); `jsonl`: JSON objects, one per line |
| `timeout` | `60` | seconds; past it the command's process group is killed and the document gets a `timeout` line |
| `version` | a digest | `extractor_version`; by default a digest of `command`, `input`, `output` and the contents of every file the command names (the program and, e.g., the script), so editing the script re-extracts this plugin's inputs |
| `options` | none | the options the command takes, by type: `options = {{ min_rows = "integer", sheet = "string" }}`; set in `[plugins.NAME]` and checked like a Swift plugin's |

A `jsonl` line holds any of `text`, `title`, `published` (any form `DateNormalizer` reads;
an unreadable date is dropped), `source_org`, `breadcrumb` (list of strings), `lang`, `url`,
`meta` (strings, integers, booleans, lists of strings); other keys are refused. A line
`{{"skip": "REASON", "detail": "…"}}`, alone in the output, makes the document a skip
(`REASON` namespaced with the plugin's name unless it is a documented reason). Output with
no line, or only empty text, is an `empty-text` skip.

The command's environment is Sluice's, plus:

| variable | value |
|---|---|
| `SLUICE_PATH` | the document's path in the crawl, members joined with `/` |
| `SLUICE_URL`, `SLUICE_CHARSET`, `SLUICE_MEDIA_TYPE` | what a container or transport said, when it did |
| `SLUICE_OPTION_<KEY>` | each option set in `[plugins.NAME]`, key upper-cased (other characters than letters and digits as `_`); booleans `true`/`false`, lists one item per line |
| `SLUICE_OPTIONS` | all options as one JSON object |

Exit status 0 is success. A missing program, a non-zero status, a signal, or invalid output
is an `external` error line with the tail of stderr; output past `maxDocumentBytes` is a
`limit` line. The command leads a process group of its own: whatever it leaves running in
it is killed when it exits.

{block("Docs/Examples/python-plugin/sluice.toml", "toml")}
## Re-runs: what the ledger remembers

Per input, the ledger keeps which plugins made its outcomes, each with its key: the
plugin's `version`, plus a digest of its options when `[plugins.ID]` sets any; and the
routing signature it was routed under: a digest of the plugin set as routing sees it (ids in
order, name patterns, generic flags, sniff descriptions; not versions). A run re-extracts an
unchanged input, without `--full`, when:

- a plugin that made it changed `version` or options, or is gone (reason `plugins`): only
  the inputs that plugin made, archives whose members it made included;
- it was routed under another plugin set (a plugin added, removed or reordered since) and
  routing it again picks another plugin, or it is a container, whose members may route anew
  (reason `routing`; the input's first 4 KiB are read to decide, and the input is stamped
  with the new signature either way, so a resumed or later run does not check it again);
- its content changed (reason `content`), `--retry-errors` and it has an error line, or its
  linking page changed (`linking-page`).

So adding, removing or reordering plugins costs a 4 KiB read of every input once and
re-extracts every archive once; a new version or new options cost only that plugin's
inputs. A new version whose sniff claims files another plugin took before is not noticed
(versions are not part of the signature): run `--full` then.

The manifest's `run.reasons` counts the changed inputs by reason; the summary prints them
(`2 changed (routing: 2)`).

## Versions

Sluice follows semantic versioning from 1.0.0 (`sluice --version`), for two contracts:

- **the plugin API**: the public declarations of `SluicePluginAPI`, `SluiceText`,
  `SluiceTesting`, `SluiceCommand.main(plugins:configured:)` and `SluiceDefaultPlugins`.
  Removing or changing any of them, adding a protocol requirement without a default, or
  changing routing, normalization or record ids for the same input is a major version;
  adding declarations, a documented error kind or skip reason, or an option is a minor one.
  Everything else public in `SluiceRuntime` serves the CLI and may change in a minor
  version; most of it is `package`-only.
- **the record schema** (`schema_version` in the manifest, Docs/corpus-record.schema.json):
  removing or retyping a field is a major version; adding an optional field or a `meta` key
  a minor one.

[CHANGELOG.md](../CHANGELOG.md) lists the changes.
"""
(root / "Docs/PluginReference.md").write_text(doc)
