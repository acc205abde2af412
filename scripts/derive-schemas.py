#!/usr/bin/env python3
"""Derive the constraint-only Teams manifest schemas that Herald ships as resources.

For every official schema `*.schema.json` in the source folder (manifest and localization schemas,
every version including devPreview) this writes a file of the same name to the output folder that
keeps only what validation needs:

  * the validation keywords ($ref, definitions, type, properties, additionalProperties,
    patternProperties, required, items, additionalItems, enum, const, pattern, minLength, maxLength,
    minItems, maxItems, uniqueItems, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
    multipleOf, minProperties, maxProperties, anyOf, oneOf, allOf, not, if, then, else,
    dependencies, format), plus `$schema` on the root object only;
  * the names under properties, definitions, patternProperties and dependencies, all of them
    (they are names, not keywords), with their values reduced as schemas in turn;
  * only the definitions that the root schema reaches through `$ref`, transitively.

Every `$ref` must be a local JSON pointer ("#/..."); anything else, or a pointer that no longer
resolves in the derived schema, stops the script. The result is minified UTF-8 JSON with the original
key order and a trailing newline. The script also writes NOTICE next to the output folder: where the
schemas come from (the snapshot commit is read from LICENSE.txt in the source folder) and the MIT
licence text they are used under.

With --check nothing is written: the derived files are compared with what is on disk, every file
that differs or is missing is listed, and the exit status is 1 if there is any (for CI).

Only the Python standard library is used; the output does not depend on the time or the platform.
"""
import argparse
import json
import pathlib
import re
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "manifest-schemas"
DEFAULT_OUT = ROOT / "Sources" / "ManifestKit" / "Resources" / "schemas"

KEYWORDS = frozenset({
    "$ref", "definitions", "type", "properties", "additionalProperties", "patternProperties",
    "required", "items", "additionalItems", "enum", "const", "pattern", "minLength", "maxLength",
    "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minProperties", "maxProperties", "anyOf", "oneOf", "allOf",
    "not", "if", "then", "else", "dependencies", "format",
})
# Keywords whose value maps names to schemas.
NAMED_SCHEMAS = ("properties", "definitions", "patternProperties")
# Keywords whose value is a list of schemas.
SCHEMA_LISTS = ("anyOf", "oneOf", "allOf")
# Keywords whose value is one schema (an object or a boolean).
SINGLE_SCHEMAS = ("additionalProperties", "additionalItems", "not", "if", "then", "else")


class DerivationError(Exception):
    """The official schema has a shape this script does not know how to reduce safely."""


def load_json(path):
    """Parse a JSON file that may start with a UTF-8 BOM and may use CRLF line endings."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return json.loads(data.decode("utf-8"))


def reduce_schema(node, where):
    """The schema `node` (found at JSON pointer `where`) with every non-validation keyword removed."""
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        raise DerivationError(f"{where or '/'}: a schema must be an object or a boolean")
    reduced = {}
    for key, value in node.items():
        if key not in KEYWORDS:
            continue
        at = f"{where}/{escape(key)}"
        if key in NAMED_SCHEMAS:
            reduced[key] = {name: reduce_schema(sub, f"{at}/{escape(name)}") for name, sub in expect(value, dict, at).items()}
        elif key == "dependencies":
            reduced[key] = {name: (list(sub) if isinstance(sub, list) else reduce_schema(sub, f"{at}/{escape(name)}"))
                            for name, sub in expect(value, dict, at).items()}
        elif key in SCHEMA_LISTS:
            reduced[key] = [reduce_schema(sub, f"{at}/{index}") for index, sub in enumerate(expect(value, list, at))]
        elif key == "items" and isinstance(value, list):
            reduced[key] = [reduce_schema(sub, f"{at}/{index}") for index, sub in enumerate(value)]
        elif key == "items" or key in SINGLE_SCHEMAS:
            reduced[key] = reduce_schema(value, at)
        elif key == "$ref":
            reduced[key] = expect(value, str, at)
        else:
            reduced[key] = value  # enum, const, required, type, pattern, numbers: verbatim
    return reduced


def expect(value, kind, where):
    if not isinstance(value, kind):
        raise DerivationError(f"{where}: expected a JSON {'object' if kind is dict else kind.__name__}")
    return value


def escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def subschemas(schema):
    """The schemas directly inside `schema` (a reduced schema), in document order."""
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        if key in NAMED_SCHEMAS:
            yield from value.values()
        elif key == "dependencies":
            yield from (sub for sub in value.values() if not isinstance(sub, list))
        elif key in SCHEMA_LISTS or (key == "items" and isinstance(value, list)):
            yield from value
        elif key == "items" or key in SINGLE_SCHEMAS:
            yield value


def references(schema, skip_definitions=False):
    """Every $ref value in `schema` and the schemas inside it."""
    found = []
    pending = [schema]
    while pending:
        node = pending.pop()
        if not isinstance(node, dict):
            continue
        if "$ref" in node:
            found.append(node["$ref"])
        for key in node:
            if skip_definitions and node is schema and key == "definitions":
                continue
            pending.extend(subschemas({key: node[key]}))
    return found


def pointer_tokens(reference, file_name):
    """The JSON pointer tokens of a local reference "#/a/b"; anything else is an error."""
    if not reference.startswith("#/"):
        raise DerivationError(f"{file_name}: unsupported $ref {reference!r} (only local JSON pointers are handled)")
    return [urllib.parse.unquote(token).replace("~1", "/").replace("~0", "~") for token in reference[2:].split("/")]


def resolve(schema, tokens):
    node = schema
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def prune_definitions(schema, file_name):
    """Drop the definitions that the root does not reach; check that every $ref still resolves."""
    definitions = schema.get("definitions")
    if isinstance(definitions, dict):
        reached = set()
        pending = references(schema, skip_definitions=True)
        while pending:
            tokens = pointer_tokens(pending.pop(), file_name)
            # A pointer elsewhere in the root (e.g. "#/properties/bots/...") lands in a part of the
            # schema that is walked already; only a pointer into a definition reaches something new.
            if len(tokens) >= 2 and tokens[0] == "definitions" and tokens[1] in definitions and tokens[1] not in reached:
                reached.add(tokens[1])
                pending.extend(references(definitions[tokens[1]]))
        kept = {name: sub for name, sub in definitions.items() if name in reached}
        if kept:
            schema["definitions"] = kept
        else:
            del schema["definitions"]
    for reference in references(schema):
        if resolve(schema, pointer_tokens(reference, file_name)) is None:
            raise DerivationError(f"{file_name}: $ref {reference!r} does not resolve in the derived schema")
    return schema


def derive(official, file_name):
    """The derived schema text for the parsed official schema `official`."""
    if not isinstance(official, dict):
        raise DerivationError(f"{file_name}: the root schema is not an object")
    derived = {}
    reduced = reduce_schema(official, "")
    for key in official:  # keep the original key order, $schema included where it was
        if key == "$schema":
            derived[key] = official[key]
        elif key in reduced:
            derived[key] = reduced[key]
    prune_definitions(derived, file_name)
    return json.dumps(derived, separators=(",", ":"), ensure_ascii=False) + "\n"


def mit_text(license_text):
    """The MIT licence text quoted (indented) after the "MIT License text" line of LICENSE.txt."""
    lines = license_text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("MIT License text")), None)
    if start is None:
        raise DerivationError("LICENSE.txt: no 'MIT License text' section")
    body = []
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith("    "):
            break
        body.append(line[4:])
    text = "\n".join(body).strip("\n")
    if "Copyright (c) Microsoft Corporation" not in text or "Permission is hereby granted" not in text:
        raise DerivationError("LICENSE.txt: the MIT section lacks the Microsoft copyright line or the grant")
    return text


def notice(license_text):
    commit = re.search(r"^Snapshot\s*:\s*commit\s+([0-9a-f]{40})\b", license_text, re.MULTILINE)
    if commit is None:
        raise DerivationError("LICENSE.txt: no 'Snapshot : commit <sha>' line")
    return "\n".join([
        "Herald - third-party notice for Sources/ManifestKit/Resources/schemas/",
        "",
        "The files in schemas/ are derived from the Microsoft Teams app manifest JSON Schemas",
        "(MicrosoftTeams.schema.json and MicrosoftTeams.Localization.schema.json for every published",
        "version, and vDevPreview) published in the GitHub repository microsoft/json-schemas,",
        f"folder teams/, snapshot commit {commit.group(1)}.",
        "",
        "scripts/derive-schemas.py reduced each of them to its validation keywords: descriptions,",
        "defaults and other annotations were removed, as were definitions that nothing refers to.",
        "The derived files are used, and redistributed, under the MIT licence of the original:",
        "",
        mit_text(license_text),
        "",
    ])


def build(source):
    """{relative output path: text} for every derived file, and the byte totals before and after."""
    schemas = sorted(source.glob("*.schema.json"))
    if not schemas:
        raise DerivationError(f"no *.schema.json files in {source}")
    outputs, before = {}, 0
    for path in schemas:
        outputs[path.name] = derive(load_json(path), path.name)
        before += path.stat().st_size
    after = sum(len(text.encode("utf-8")) for text in outputs.values())
    license_path = source / "LICENSE.txt"
    if not license_path.is_file():
        raise DerivationError(f"{license_path} is missing (it provides the provenance and licence for NOTICE)")
    return outputs, notice(license_path.read_bytes().decode("utf-8-sig")), before, after


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Derive Herald's constraint-only Teams manifest schemas from the official ones.",
        epilog="Without options: reads ../shared/manifest-schemas and writes "
               "Sources/ManifestKit/Resources/schemas and Sources/ManifestKit/Resources/NOTICE.")
    parser.add_argument("--source", type=pathlib.Path, default=DEFAULT_SOURCE, metavar="DIR",
                        help="folder with the official *.schema.json files and LICENSE.txt "
                             "(default: ../shared/manifest-schemas next to the repository)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, metavar="DIR",
                        help="folder for the derived schemas (default: Sources/ManifestKit/Resources/schemas)")
    parser.add_argument("--notice", type=pathlib.Path, default=None, metavar="FILE",
                        help="where NOTICE goes (default: NOTICE in the parent of the --out folder)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list files that differ from or are missing in the output "
                             "and exit 1 if there are any")
    args = parser.parse_args(argv)
    notice_path = args.notice or args.out.parent / "NOTICE"

    try:
        outputs, notice_text, before, after = build(args.source)
    except (DerivationError, OSError, ValueError) as error:
        print(f"derive-schemas: {error}", file=sys.stderr)
        return 2
    files = {args.out / name: text for name, text in outputs.items()}
    files[notice_path] = notice_text
    summary = f"{len(outputs)} schemas, {before} bytes official -> {after} bytes derived"

    if args.check:
        problems = []
        for path, text in files.items():
            if not path.is_file():
                problems.append(f"missing: {path}")
            elif path.read_bytes() != text.encode("utf-8"):
                problems.append(f"differs: {path}")
        if args.out.is_dir():
            for path in sorted(args.out.glob("*.schema.json")):
                if path.name not in outputs:
                    problems.append(f"not derived from any official schema: {path}")
        for problem in problems:
            print(problem)
        if problems:
            print(f"derive-schemas --check: {len(problems)} problem(s); run scripts/derive-schemas.py and commit the result")
            return 1
        print(f"derive-schemas --check: up to date ({summary})")
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    notice_path.parent.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_bytes(text.encode("utf-8"))
    print(f"derive-schemas: wrote {len(files)} files to {args.out} and {notice_path} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
