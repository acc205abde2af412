#!/usr/bin/env python3
"""Derive the constraint-only Teams manifest schemas that Herald ships.

Reads the official schemas (../shared/manifest-schemas by default), keeps only the keywords that
validation needs (no descriptions, defaults or examples), drops definitions nothing refers to, and writes
minified copies to Sources/ManifestKit/Resources/schemas, plus a NOTICE naming the source and its MIT
licence. --check compares instead of writing (for CI). Standard library only; deterministic output.
"""
import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

KEYWORDS = {
    "$ref", "definitions", "type", "properties", "additionalProperties", "patternProperties", "required",
    "items", "additionalItems", "enum", "const", "pattern", "minLength", "maxLength", "minItems", "maxItems",
    "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minProperties", "maxProperties", "anyOf", "oneOf", "allOf", "not", "if", "then", "else",
    "dependencies", "format",
}
SCHEMA_MAPS = {"properties", "definitions", "patternProperties"}
SCHEMA_LISTS = {"anyOf", "oneOf", "allOf"}
SCHEMA_VALUES = {"additionalProperties", "additionalItems", "not", "if", "then", "else"}
VERBATIM = {"enum", "const", "required", "type", "pattern", "format"}


def strip(schema):
    """The schema with every non-validation keyword removed, recursively."""
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, dict):
        raise ValueError(f"a schema must be an object or a boolean, not {schema!r}")
    kept = {}
    for key, value in schema.items():
        if key not in KEYWORDS:
            continue
        if key in SCHEMA_MAPS:
            kept[key] = {name: strip(sub) for name, sub in value.items()}
        elif key == "dependencies":
            kept[key] = {name: (sub if isinstance(sub, list) else strip(sub)) for name, sub in value.items()}
        elif key in SCHEMA_LISTS:
            kept[key] = [strip(sub) for sub in value]
        elif key == "items":
            kept[key] = [strip(sub) for sub in value] if isinstance(value, list) else strip(value)
        elif key in SCHEMA_VALUES:
            kept[key] = value if isinstance(value, bool) else strip(value)
        else:
            kept[key] = value
    return kept


def references(value, found):
    """Every local $ref target in value, as a list of pointer tokens."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "$ref" and isinstance(sub, str):
                if not sub.startswith("#/"):
                    raise ValueError(f"only local references are supported: {sub}")
                found.add(tuple(token.replace("~1", "/").replace("~0", "~") for token in sub[2:].split("/")))
            elif key not in VERBATIM:
                references(sub, found)
    elif isinstance(value, list):
        for sub in value:
            references(sub, found)
    return found


def reachable_definitions(schema):
    """The names of the definitions reachable from the root, following $refs transitively."""
    definitions = schema.get("definitions", {})
    outside = {key: value for key, value in schema.items() if key != "definitions"}
    pending = list(references(outside, set()))
    seen, names = set(), set()
    while pending:
        target = pending.pop()
        if target in seen:
            continue
        seen.add(target)
        node = schema
        for token in target:
            node = node[int(token)] if isinstance(node, list) else node[token]
        if target[0] == "definitions":
            names.add(target[1])
        pending.extend(references(node, set()))
    return {name for name in definitions if name in names}


def derive(text):
    official = json.loads(text)
    derived = strip(official)
    if "$schema" in official:
        derived = {"$schema": official["$schema"], **derived}
    if "definitions" in derived:
        keep = reachable_definitions(derived)
        derived["definitions"] = {name: sub for name, sub in derived["definitions"].items() if name in keep}
        if not derived["definitions"]:
            del derived["definitions"]
    return json.dumps(derived, separators=(",", ":"), ensure_ascii=False) + "\n"


def notice(license_text):
    commit = re.search(r"Snapshot\s*:\s*commit\s+([0-9a-f]{40})", license_text)
    marker = "MIT License text"
    mit = ""
    if marker in license_text:
        body = license_text[license_text.find(marker):].split("\n")[1:]
        mit = "\n".join(line[4:] if line.startswith("    ") else line for line in body)
    lines = [
        "The files in schemas/ are derived from the Microsoft Teams app manifest JSON Schemas",
        "(MicrosoftTeams.schema.json and MicrosoftTeams.Localization.schema.json, v1.0 to v1.30 and devPreview)",
        "published in the microsoft/json-schemas repository, folder teams/"
        + (f", at commit {commit.group(1)}." if commit else "."),
        "scripts/derive-schemas.py reduced them to the keywords that validation needs (descriptions,",
        "defaults, examples and unreferenced definitions removed). They are used under the MIT licence:",
        "",
        mit.strip() if mit else "MIT License, Copyright (c) Microsoft Corporation.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=pathlib.Path, default=ROOT.parent / "shared" / "manifest-schemas", help="the official schemas")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "Sources" / "ManifestKit" / "Resources" / "schemas", help="where the derived schemas go")
    parser.add_argument("--check", action="store_true", help="compare with the output folder instead of writing; exit 1 on any difference")
    args = parser.parse_args()

    outputs = {}
    before = after = 0
    for path in sorted(args.source.glob("*.schema.json")):
        text = path.read_bytes().decode("utf-8-sig")
        outputs[path.name] = derive(text)
        before += path.stat().st_size
        after += len(outputs[path.name].encode("utf-8"))
    license_path = args.source / "LICENSE.txt"
    outputs["../NOTICE"] = notice(license_path.read_text(encoding="utf-8") if license_path.exists() else "")
    if not outputs:
        sys.exit(f"no *.schema.json in {args.source}")

    if args.check:
        stale = [name for name, text in outputs.items()
                 if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
        extra = sorted({p.name for p in args.out.glob("*.json")} - set(outputs))
        for name in stale:
            print(f"out of date: {name}")
        for name in extra:
            print(f"not derived from any official schema: {name}")
        if stale or extra:
            sys.exit("the shipped schemas differ from what scripts/derive-schemas.py makes; run it and commit")
        print(f"{len(outputs) - 1} derived schemas are up to date")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(outputs) - 1} schemas ({before} bytes official, {after} bytes derived) and NOTICE to {args.out}")


if __name__ == "__main__":
    main()
