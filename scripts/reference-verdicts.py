#!/usr/bin/env python3
"""Reference verdicts for Herald's differential test of its JSON Schema engine.

For every real manifest (../shared/real-manifests) this validates the document with python-jsonschema
against the OFFICIAL schema its manifestVersion names (../shared/manifest-schemas), with Draft 7
semantics (so const, if/then and not are honoured although the schemas declare draft-04), patterns
evaluated by the `regex` module (Python's `re` lacks \\p{L}), and `format: uri` checked by one fixed
expression that Herald uses too. It does so twice: as found, and after filling every placeholder in every
string value with the fixed sample substitution that Herald's PlaceholderSample implements. A verdict is
valid-or-not plus the sorted set of JSON pointers where errors were reported (top-level errors only).
"""
import argparse
import importlib.metadata
import json
import pathlib
import sys

import jsonschema
import regex

ROOT = pathlib.Path(__file__).resolve().parent.parent

PLACEHOLDER = regex.compile(
    r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}"
    r"|\{\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}\}"
    r"|<<([A-Za-z][A-Za-z0-9_ .\-]*)>>"
    r"|<([A-Za-z][A-Za-z0-9_ \-]*)>"
    r"|%([A-Za-z_][A-Za-z0-9_]*)%"
    r"|(?<!\[)\[([A-Za-z][A-Za-z0-9_ \-]*)\](?!\])"
)
URI = regex.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]*$')
GUID = "00000000-0000-0000-0000-000000000000"


def words(name):
    """Split a variable name into upper-cased words: MicrosoftAppId -> MICROSOFT, APP, ID."""
    found, current, previous_lower = [], "", False
    for char in name:
        if not (char.isascii() and char.isalnum()):
            if current:
                found.append(current)
            current, previous_lower = "", False
            continue
        if char.isupper() and previous_lower and current:
            found.append(current)
            current = ""
        current += char
        previous_lower = char.islower()
    if current:
        found.append(current)
    return {word.upper() for word in found}


def sample(name):
    tokens = words(name)
    if "SUFFIX" in tokens:
        return ""
    if tokens & {"DOMAIN", "HOST", "HOSTNAME", "FQDN"}:
        return "contoso.example.com"
    if tokens & {"URL", "URI", "ENDPOINT"}:
        return "https://contoso.example.com"
    if tokens & {"ID", "GUID"}:
        return GUID
    return "x"


def fill(value):
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda match: sample(next(group for group in match.groups() if group is not None)), value)
    if isinstance(value, list):
        return [fill(item) for item in value]
    if isinstance(value, dict):
        return {key: fill(item) for key, item in value.items()}
    return value


def pattern(validator, expression, instance, schema):
    if validator.is_type(instance, "string") and not compiled(expression).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {expression!r}")


def pattern_properties(validator, patterns, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    for expression, subschema in patterns.items():
        for key, value in instance.items():
            if compiled(expression).search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=expression)


_compiled = {}


def compiled(expression):
    if expression not in _compiled:
        _compiled[expression] = regex.compile(expression)
    return _compiled[expression]


def additional_properties(validator, additional, instance, schema):
    """Draft 7's additionalProperties, but with patternProperties matched by `regex`."""
    if not validator.is_type(instance, "object"):
        return
    known = set(schema.get("properties", {}))
    patterns = [compiled(p) for p in schema.get("patternProperties", {})]
    extras = [key for key in instance if key not in known and not any(p.search(key) for p in patterns)]
    if validator.is_type(additional, "object"):
        for key in extras:
            yield from validator.descend(instance[key], additional, path=key)
    elif additional is False and extras:
        yield jsonschema.ValidationError(f"additional properties are not allowed: {extras}")


FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("uri")
def is_uri(instance):
    return not isinstance(instance, str) or bool(URI.match(instance)) and "\n" not in instance


Validator = jsonschema.validators.extend(
    jsonschema.Draft7Validator,
    {"pattern": pattern, "patternProperties": pattern_properties, "additionalProperties": additional_properties},
)


def pointer(path):
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def verdict(validator, document):
    pointers = sorted({pointer(error.absolute_path) for error in validator.iter_errors(document)})
    return {"valid": not pointers, "pointers": pointers}


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("utf-8")


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifests", type=pathlib.Path, default=ROOT.parent / "shared" / "real-manifests")
    parser.add_argument("--schemas", type=pathlib.Path, default=ROOT.parent / "shared" / "manifest-schemas")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "Tests" / "ManifestKitTests" / "Fixtures" / "reference-verdicts.json")
    args = parser.parse_args()

    validators = {}
    entries = {}
    for path in sorted(args.manifests.glob("*.json")):
        entry = {"parses": True, "manifestVersion": None, "schema": None}
        try:
            document = json.loads(decode(path.read_bytes()), parse_constant=reject_constant)
        except (ValueError, UnicodeDecodeError) as error:
            entries[path.name] = {**entry, "parses": False, "parseError": str(error)}
            continue
        version = document.get("manifestVersion") if isinstance(document, dict) else None
        if isinstance(version, str):
            entry["manifestVersion"] = version
            name = "devPreview.schema.json" if version == "devPreview" else f"v{version}.schema.json"
            if (args.schemas / name).exists():
                entry["schema"] = name
                if name not in validators:
                    schema = json.loads((args.schemas / name).read_bytes().decode("utf-8-sig"))
                    validators[name] = Validator(schema, format_checker=FORMATS)
                entry["asFound"] = verdict(validators[name], document)
                entry["filled"] = verdict(validators[name], fill(document))
        entries[path.name] = entry

    version = importlib.metadata.version("jsonschema")
    output = {"validator": f"python-jsonschema {version} Draft7 + regex patterns", "entries": entries}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(output, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    checked = [e for e in entries.values() if e.get("schema")]
    print(f"{len(entries)} files, {sum(e['parses'] for e in entries.values())} parse, {len(checked)} with a schema: "
          f"{sum(e['asFound']['valid'] for e in checked)} valid as found, {sum(e['filled']['valid'] for e in checked)} valid filled -> {args.out}")


if __name__ == "__main__":
    sys.exit(main())
